package se.samverkan.query.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.samverkan.platform.database.DatabaseLocation;
import se.samverkan.query.support.ServiceProcesses;
import se.samverkan.query.support.ServiceProcesses.Service;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults with real processes, set up as ops/run does (the command service with its embedded PostgreSQL in a data
 * folder, the query service finding it there): kill -9 of PostgreSQL, of the command service and of the query
 * service, each while concurrent writers record meetings with ids of their own choosing and repeat each request
 * until it is acknowledged (a repeated create answers as the first did). Afterwards every acknowledged meeting is
 * in the event store exactly once, nothing is there that no writer sent, the activity read model holds exactly the
 * stored meetings, and no event was parked as a dead letter.
 *
 * <p>The writers are busy at the moment of each kill; while the killed part restarts they hold back (a request
 * that was not acknowledged is sent again once it is up), so that the restart does not compete with a load that
 * proves nothing more, and the suite stays short on a busy CI machine. The CI form runs four writers and eight
 * meetings before and after each fault; {@code -Dsamverkan.faults.heavy=true} runs eight writers and a hundred
 * meetings around each fault.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

    private static final boolean HEAVY = Boolean.getBoolean("samverkan.faults.heavy");
    private static final int WRITERS = HEAVY ? 8 : 4;
    private static final int ACKNOWLEDGED_AROUND_EACH_FAULT = HEAVY ? 100 : 8;
    private static final String ADMIN = "fault-admin-token";
    private static final String PROJECT = "faults";
    private static final String BENEFICIARY = "769604-7237";
    private static final String MEETING_HELD = "se.samverkan.events.activity.MeetingHeld";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5); // JVM starts on a busy 2-core CI machine

    private static final ServiceProcesses services = new ServiceProcesses();
    private static final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private static final Set<String> sent = ConcurrentHashMap.newKeySet();
    /** Set from just after a kill until the killed part is back: the writers hold back meanwhile. */
    private static final AtomicBoolean restarting = new AtomicBoolean();
    private static Path dataDir;
    private static Map<String, String> environment;
    private static int commandPort;
    private static int queryPort;
    private static Service command;
    private static Service query;

    @BeforeAll
    static void startAsOpsRunDoes() throws Exception {
        dataDir = Files.createTempDirectory("samverkan-faults-");
        environment = Map.of("SAMVERKAN_DATA_DIR", dataDir.toString(), "SAMVERKAN_ADMIN_TOKEN", ADMIN);
        commandPort = ServiceProcesses.freePort();
        queryPort = ServiceProcesses.freePort();
        command = ServiceProcesses.awaitHealthy(services.startJar("command-service", environment, "COMMAND_PORT", commandPort), START_TIMEOUT);
        query = ServiceProcesses.awaitHealthy(services.startJar("query-service", environment, "QUERY_PORT", queryPort), START_TIMEOUT);
        expectCreated(ServiceProcesses.send("POST", command.baseUrl() + "/api/organisations", ADMIN, Map.of("id", "fault-org",
                "orgNumber", BENEFICIARY, "name", "Coompanion Värmland", "country", "SE", "category", "CIVIL_SOCIETY")));
        expectCreated(ServiceProcesses.send("POST", command.baseUrl() + "/api/projects", ADMIN, Map.of("id", PROJECT,
                "caseId", "faults", "name", "Fault test", "programme", "Test", "periodStart", "2024-01-01",
                "periodEnd", "2026-12-31", "beneficiaryOrgNumber", BENEFICIARY)));
        expectCreated(ServiceProcesses.send("POST", command.baseUrl() + "/api/projects/" + PROJECT + "/work-packages", ADMIN,
                Map.of("number", 1, "name", "Test", "plannedStart", "2024-01-01", "plannedEnd", "2026-12-31")));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            // SIGTERM as ops/run and docker stop send it; the command service stops its PostgreSQL on the way out
            for (Service service : new Service[]{query, command}) {
                if (service != null && service.process().isAlive()) {
                    Instant signalled = Instant.now();
                    service.process().destroy();
                    boolean exited = service.process().waitFor(30, TimeUnit.SECONDS);
                    System.out.printf("Fault suite: %s exited %s after SIGTERM%n", service.name(),
                            exited ? "in " + Duration.between(signalled, Instant.now()).toMillis() + " ms" : "NOT within 30 s");
                    assertThat(exited).as(service.name() + " exits on SIGTERM:\n" + service.tail()).isTrue();
                }
            }
        } finally {
            services.close();
            stopLeftOverPostgres();
        }
    }

    @Test
    @Order(1)
    void killNineOfPostgresDuringWritesLosesNothingAcknowledged() throws Exception {
        long[] postmaster = new long[1];
        underLoad("pg", () -> {
            postmaster[0] = postmasterPid().orElseThrow();
            kill9(postmaster[0]);
        }, () -> {
            // the command service's watchdog starts it again on the same folder and port; both pools reconnect
            Instant killed = Instant.now();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> postmasterPid().filter(pid -> pid != postmaster[0]).isPresent()
                            && ServiceProcesses.healthy(command.baseUrl()) && ServiceProcesses.healthy(query.baseUrl()));
            System.out.printf("Fault suite: PostgreSQL killed; both services healthy again after %d ms%n",
                    Duration.between(killed, Instant.now()).toMillis());
        });
    }

    @Test
    @Order(2)
    void killNineOfTheCommandServiceDuringWritesLosesNothingAcknowledged() throws Exception {
        underLoad("cmd", () -> command.kill(), () -> {
            // its PostgreSQL lives on with the query service connected; the new command service stops it (fast
            // shutdown) and starts it again on the same folder and port
            Instant restarted = Instant.now();
            command = ServiceProcesses.awaitHealthy(
                    services.startJar("command-service", environment, "COMMAND_PORT", commandPort), START_TIMEOUT);
            System.out.printf("Fault suite: command service killed; the restarted one was ready after %d ms%n",
                    Duration.between(restarted, Instant.now()).toMillis());
            await().atMost(Duration.ofMinutes(1)).until(() -> ServiceProcesses.healthy(query.baseUrl()));
        });
    }

    @Test
    @Order(3)
    void killNineOfTheQueryServiceDuringWritesLosesNothingAcknowledged() throws Exception {
        underLoad("query", () -> query.kill(), () -> {
            Instant restarted = Instant.now();
            query = ServiceProcesses.awaitHealthy(
                    services.startJar("query-service", environment, "QUERY_PORT", queryPort), START_TIMEOUT);
            System.out.printf("Fault suite: query service killed; the restarted one was ready after %d ms%n",
                    Duration.between(restarted, Instant.now()).toMillis());
        });
    }

    private interface Step {
        void run() throws Exception;
    }

    /**
     * Writers run before the fault, are writing when it strikes, hold back while the killed part restarts (so the
     * restart does not compete with them for the CPU) and write again after it; then the store and the read model
     * are compared.
     */
    private static void underLoad(String fault, Step kill, Step recovery) throws Exception {
        int before = acknowledged.size();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                String prefix = "fault-" + fault + "-" + w + "-";
                running.add(writers.submit(() -> write(prefix, stop)));
            }
            await().atMost(START_TIMEOUT).until(() -> acknowledged.size() >= before + ACKNOWLEDGED_AROUND_EACH_FAULT);
            kill.run();
            restarting.set(true);
            Instant killed = Instant.now();
            try {
                recovery.run();
            } finally {
                restarting.set(false);
            }
            System.out.printf("Fault suite (%s): recovered %d ms after the kill%n", fault,
                    Duration.between(killed, Instant.now()).toMillis());
            int atRecovery = acknowledged.size();
            await().atMost(START_TIMEOUT).until(() -> acknowledged.size() >= atRecovery + ACKNOWLEDGED_AROUND_EACH_FAULT);
        } finally {
            stop.set(true);
            writers.shutdown();
            assertThat(writers.awaitTermination(2, TimeUnit.MINUTES)).as("the writers stop").isTrue();
        }
        for (Future<?> writer : running) {
            writer.get(); // a writer's failed assertion fails the test
        }
        assertStoreAndReadModelAgree(fault);
    }

    /** One writer: meeting after meeting, each request repeated until it is answered 2xx or the load stops. */
    private static void write(String prefix, AtomicBoolean stop) {
        for (int i = 0; !stop.get(); i++) {
            String id = prefix + i;
            Map<String, Object> meeting = Map.of("id", id, "workPackage", 1, "kind", "CHECK_IN", "date", "2024-06-03",
                    "title", "Meeting " + id, "organisations", List.of(BENEFICIARY),
                    "participants", Map.of("women", 2, "men", 1, "other", 0), "notes", "");
            sent.add(id);
            while (!stop.get()) {
                if (restarting.get()) {
                    sleep(100); // the same meeting is sent again once the killed part is back
                    continue;
                }
                int status = post("/api/projects/" + PROJECT + "/meetings", meeting);
                if (status >= 200 && status < 300) {
                    acknowledged.add(id);
                    break;
                }
                // only an unavailable service may refuse a valid meeting: anything else is a defect the test must show
                assertThat(status).as("answer to meeting " + id).isIn(-1, 502, 503, 504);
                sleep(200);
            }
        }
    }

    private static int post(String path, Map<String, Object> body) {
        try {
            return ServiceProcesses.send("POST", command.baseUrl() + path, ADMIN, body).statusCode();
        } catch (IOException e) {
            return -1; // refused or cut off: the service is down or restarting
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertStoreAndReadModelAgree(String fault) throws SQLException {
        Map<String, Long> stored = new TreeMap<>();
        await().atMost(Duration.ofMinutes(1)).ignoreExceptions().untilAsserted(() -> stored.putAll(
                rows("SELECT aggregate_identifier, count(*) FROM public.domain_event_entry WHERE aggregate_identifier IN"
                        + " (SELECT aggregate_identifier FROM public.domain_event_entry WHERE payload_type = ?)"
                        + " AND aggregate_identifier LIKE 'fault-%' GROUP BY aggregate_identifier", MEETING_HELD)));
        assertThat(stored.keySet()).as("every acknowledged meeting is stored").containsAll(acknowledged);
        assertThat(sent).as("nothing is stored that no writer sent").containsAll(stored.keySet());
        assertThat(stored).as("no meeting is stored twice").allSatisfy((id, events) -> assertThat(events).as(id).isOne());

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() ->
                assertThat(rows("SELECT activity_id, 1 FROM query.activity WHERE project_id = ? AND activity_id LIKE 'fault-%'", PROJECT)
                        .keySet()).as("the activity read model holds exactly the stored meetings")
                        .isEqualTo(new TreeSet<>(stored.keySet())));
        assertThat(rows("SELECT processing_group, count(*) FROM query.dead_letter_entry GROUP BY processing_group"))
                .as("no event was parked").isEmpty();
        System.out.printf("Fault suite (%s): %d meetings acknowledged in all, %d stored, %d sent%n",
                fault, acknowledged.size(), stored.size(), sent.size());
    }

    private static Map<String, Long> rows(String sql, Object... parameters) throws SQLException {
        DatabaseLocation location = DatabaseLocation.readFrom(dataDir).orElseThrow();
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            Map<String, Long> result = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.put(rows.getString(1), rows.getLong(2));
                }
            }
            return result;
        }
    }

    private static java.util.Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static void kill9(long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor()).isZero();
    }

    /** A PostgreSQL left behind by a command service that could not stop it: fast shutdown. */
    private static void stopLeftOverPostgres() throws Exception {
        java.util.Optional<Long> pid = postmasterPid();
        if (pid.isPresent()) {
            new ProcessBuilder("kill", "-INT", Long.toString(pid.get())).inheritIO().start().waitFor();
        }
    }

    private static void expectCreated(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
