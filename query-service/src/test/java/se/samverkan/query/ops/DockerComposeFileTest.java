package se.samverkan.query.ops;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml is valid for docker-compose (Debian's, which checks it without a Docker engine:
 * `docker-compose config`; `.ci/run` installs it) and wires what operations need: health checks, the
 * named database volume, start order by health, the ops/ configuration mounted where it is read.
 * The images' start commands themselves are run by {@link ContainerStartCommandIT}.
 */
class DockerComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    @SuppressWarnings("unchecked")
    void dockerComposeAcceptsTheFileAndItWiresTheServicesTogether() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config")
                .directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("POSTGRES_PASSWORD", "db-secret", "SAMVERKAN_ADMIN_TOKEN", "admin-secret",
                "GRAFANA_ADMIN_PASSWORD", "grafana-secret"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        Map<String, Object> compose = new Yaml().load(output);
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsOnlyKeys("postgres", "command-service", "query-service", "prometheus", "grafana");
        services.forEach((name, service) -> assertThat(service).as(name + " has a health check").containsKey("healthcheck"));

        assertThat((Map<String, Object>) compose.get("volumes")).containsKey("samverkan-db");
        assertThat(services.get("postgres").get("volumes").toString()).contains("samverkan-db");
        assertThat(services.get("postgres").get("healthcheck").toString()).contains("pg_isready");

        for (String service : List.of("command-service", "query-service")) {
            Map<String, Object> settings = services.get(service);
            assertThat(((Map<String, Object>) settings.get("build")).get("context")).isEqualTo(ROOT.resolve(service).toString());
            assertThat((Map<String, Object>) settings.get("environment")).containsEntry("SAMVERKAN_DB_URL",
                    "jdbc:postgresql://postgres:5432/samverkan").containsEntry("SAMVERKAN_DB_PASSWORD", "db-secret")
                    .containsEntry("SAMVERKAN_ADMIN_TOKEN", "admin-secret");
            assertThat(settings.get("healthcheck").toString()).contains("/actuator/health");
            // the image copies the jar `package` builds to where its CMD starts it
            String dockerfile = Files.readString(ROOT.resolve(service).resolve("Dockerfile"));
            Matcher copy = Pattern.compile("(?m)^COPY target/" + service + "-exec\\.jar (\\S+)$").matcher(dockerfile);
            assertThat(copy.find()).as(service + "/Dockerfile copies target/" + service + "-exec.jar").isTrue();
            assertThat(ContainerStartCommandIT.dockerCmd(ROOT.resolve(service).resolve("Dockerfile"))).contains(copy.group(1));
            assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre");
        }
        assertThat(services.get("command-service").get("depends_on").toString()).contains("postgres={condition=service_healthy}");
        assertThat(services.get("query-service").get("depends_on").toString()).contains("command-service={condition=service_healthy}");

        assertThat(services.get("prometheus").get("volumes").toString())
                .contains(ROOT.resolve("ops/prometheus/prometheus.yml") + ":/etc/prometheus/prometheus.yml")
                .contains(ROOT.resolve("ops/prometheus/admin-token") + ":/etc/prometheus/admin-token");
        assertThat(Files.readString(ROOT.resolve("ops/prometheus/prometheus.yml"))).contains("credentials_file: /etc/prometheus/admin-token");
        assertThat(services.get("grafana").get("volumes").toString())
                .contains(ROOT.resolve("ops/grafana/provisioning") + ":/etc/grafana/provisioning")
                .contains(ROOT.resolve("ops/grafana/dashboards") + ":/var/lib/grafana/dashboards");
        assertThat(Files.readString(ROOT.resolve("ops/grafana/provisioning/dashboards/samverkan.yml")))
                .contains("path: /var/lib/grafana/dashboards");
    }
}
