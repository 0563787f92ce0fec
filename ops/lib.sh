# Shared by ops/run and ops/import: paths, settings and the build of what is missing.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMMAND_JAR="$ROOT/command-service/target/command-service-exec.jar"
QUERY_JAR="$ROOT/query-service/target/query-service-exec.jar"
export COMMAND_PORT="${COMMAND_PORT:-8081}"
export QUERY_PORT="${QUERY_PORT:-8082}"

# SAMVERKAN_DATA_DIR is relative to where you start the script (default ./.samverkan).
data_dir_setting="${SAMVERKAN_DATA_DIR:-./.samverkan}"
mkdir -p "$data_dir_setting"
export SAMVERKAN_DATA_DIR="$(cd "$data_dir_setting" && pwd)"

require_java() {
  if ! command -v java >/dev/null 2>&1; then
    echo "Samverkan needs Java 17 or newer on the PATH (for example: apt-get install openjdk-17-jdk-headless)." >&2
    exit 2
  fi
}

# Builds the service jars when they are missing or older than any source file.
build_if_needed() {
  local stale=""
  for jar in "$COMMAND_JAR" "$QUERY_JAR"; do
    if [ ! -f "$jar" ]; then
      stale=yes
    elif [ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src/main "$ROOT"/ops/platform/pom.xml "$ROOT"/ops/platform/src/main -newer "$jar" -type f -print -quit)" ]; then
      stale=yes
    fi
  done
  if [ -n "$stale" ]; then
    echo "Building Samverkan (./mvnw package, tests skipped; run ./mvnw verify for the tests)..."
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package) || { echo "The build failed." >&2; exit 1; }
  fi
}

# The admin token: SAMVERKAN_ADMIN_TOKEN, else the one kept in the data folder (made on first run).
resolve_admin_token() {
  local file="$SAMVERKAN_DATA_DIR/admin-token"
  if [ -z "${SAMVERKAN_ADMIN_TOKEN:-}" ]; then
    if [ ! -s "$file" ]; then
      (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-40 | sed 's/^/svk_/' > "$file")
    fi
    SAMVERKAN_ADMIN_TOKEN="$(cat "$file")"
  fi
  export SAMVERKAN_ADMIN_TOKEN
}
