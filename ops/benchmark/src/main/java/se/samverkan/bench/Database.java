package se.samverkan.bench;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the database itself can do, on the same embedded PostgreSQL the services use: append one event-sized
 * row per transaction (pgbench when installed, else JDBC), and read the stored events sequentially.
 */
final class Database {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final String TABLE = "bench.event_append";

    private final String url;
    private final String user;
    private final String password;

    Database(Properties location) {
        this.url = location.getProperty("url");
        this.user = location.getProperty("user");
        this.password = location.getProperty("password", "");
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    long eventCount() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM public.domain_event_entry")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Server version and the durability settings the baseline ran under. */
    Map<String, Object> settings() throws SQLException {
        Map<String, Object> settings = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String name : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method",
                    "shared_buffers", "max_connections")) {
                try (ResultSet r = s.executeQuery("SHOW " + name)) {
                    r.next();
                    settings.put(name, r.getString(1));
                }
            }
        }
        return settings;
    }

    /** Loads pg_stat_statements at the next start of the server (ALTER SYSTEM: it needs a restart to take effect). */
    void preloadStatementStatistics() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
            s.execute("ALTER SYSTEM SET pg_stat_statements.max = 10000");
        }
    }

    /** Creates the extension (after the restart that loaded it) and forgets every count so far. */
    void resetStatementStatistics() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** Calls of every statement since the last reset (by normalised text, the bench's own reads left out). */
    Map<String, Long> statementCalls() throws SQLException {
        Map<String, Long> calls = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT query, sum(calls)::bigint FROM pg_stat_statements"
                     + " WHERE query NOT LIKE '%pg_stat_statements%' GROUP BY query ORDER BY 2 DESC")) {
            while (r.next()) {
                calls.merge(r.getString(1).replaceAll("\\s+", " ").trim(), r.getLong(2), Long::sum);
            }
        }
        return calls;
    }

    /** Transactions committed in the database so far. */
    long commits() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Average stored payload and metadata size of the events so far, so the raw rows are as large as real ones. */
    int[] averageEventSize() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(avg(octet_length(payload)), 600)::int,"
                     + " coalesce(avg(octet_length(meta_data)), 400)::int FROM public.domain_event_entry")) {
            r.next();
            return new int[]{r.getInt(1), r.getInt(2)};
        }
    }

    /** A table of the event store's shape (own sequence, same constraints) in a schema of its own. */
    void createAppendTable() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TABLE " + TABLE + " ("
                    + " global_index BIGSERIAL PRIMARY KEY, event_identifier VARCHAR(255) NOT NULL UNIQUE,"
                    + " aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, type VARCHAR(255),"
                    + " time_stamp VARCHAR(255) NOT NULL, payload_type VARCHAR(255) NOT NULL, payload_revision VARCHAR(255),"
                    + " payload BYTEA NOT NULL, meta_data BYTEA,"
                    + " CONSTRAINT event_append_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number))");
        }
    }

    void dropAppendTable() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS bench CASCADE");
        }
    }

    /** Whether pgbench is installed: it is what the baseline was measured with. */
    static boolean pgbenchAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/pgbench"));
    }

    /** Durable single-row appends per second with pgbench: one INSERT per transaction, autocommit. */
    double pgbenchAppends(int clients, int seconds, int[] size, Path workDir) throws IOException, InterruptedException {
        Path script = workDir.resolve("bench-append.sql");
        Files.writeString(script, "INSERT INTO " + TABLE + " (event_identifier, aggregate_identifier, sequence_number, type,"
                + " time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (gen_random_uuid()::text,"
                + " gen_random_uuid()::text, 0, 'Meeting', now()::text, 'se.samverkan.events.activity.MeetingRecorded', '1',"
                + " convert_to(repeat('x', " + size[0] + "), 'UTF8'), convert_to(repeat('m', " + size[1] + "), 'UTF8'));\n");
        URI uri = URI.create(url.substring("jdbc:".length()));
        String database = uri.getPath().substring(1);
        List<String> command = new ArrayList<>(List.of("/usr/bin/pgbench", "-n", "-h", uri.getHost(),
                "-p", Integer.toString(uri.getPort()), "-U", user, "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T", Integer.toString(seconds), "-f", script.toString(), database));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!password.isEmpty()) {
            builder.environment().put("PGPASSWORD", password);
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        Matcher tps = TPS.matcher(out);
        if (exit != 0 || !tps.find()) {
            throw new IllegalStateException("pgbench failed (exit " + exit + "): " + out);
        }
        return Double.parseDouble(tps.group(1));
    }

    /** The same with JDBC: each client its own connection, one INSERT per transaction. */
    double jdbcAppends(int clients, int seconds, int[] size) throws Exception {
        byte[] payload = "x".repeat(size[0]).getBytes();
        byte[] metadata = "m".repeat(size[1]).getBytes();
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                try (Connection c = connect(); PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE
                        + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                        + " payload_revision, payload, meta_data) VALUES (?, ?, 0, 'Meeting', now()::text,"
                        + " 'se.samverkan.events.activity.MeetingRecorded', '1', ?, ?)")) {
                    while (System.nanoTime() < end) {
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, UUID.randomUUID().toString());
                        insert.setBytes(3, payload);
                        insert.setBytes(4, metadata);
                        insert.executeUpdate();
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Rows per second of a plain JDBC read of every stored event in order, every column fetched. */
    double sequentialReadJdbc() throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(5000);
                long start = System.nanoTime();
                long rows = 0;
                long bytes = 0;
                try (ResultSet r = s.executeQuery("SELECT * FROM public.domain_event_entry ORDER BY global_index")) {
                    while (r.next()) {
                        rows++;
                        bytes += r.getString("event_identifier").length() + r.getString("aggregate_identifier").length()
                                + r.getString("time_stamp").length() + r.getString("payload_type").length()
                                + r.getBytes("payload").length;
                        byte[] metadata = r.getBytes("meta_data");
                        bytes += metadata == null ? 0 : metadata.length;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                c.commit();
                return bytes >= 0 ? rows / seconds : 0;
            }
        }
    }

    /** Rows per second of COPY of every stored event in order, to nowhere. */
    double sequentialReadCopy() throws SQLException, IOException {
        try (Connection c = connect()) {
            long start = System.nanoTime();
            long rows = c.unwrap(PGConnection.class).getCopyAPI().copyOut(
                    "COPY (SELECT * FROM public.domain_event_entry ORDER BY global_index) TO STDOUT", OutputStream.nullOutputStream());
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }
}
