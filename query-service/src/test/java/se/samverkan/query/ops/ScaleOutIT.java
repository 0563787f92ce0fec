package se.samverkan.query.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.events.report.QuestionCatalogue;
import se.samverkan.query.platform.eventstore.StoredEvent;
import se.samverkan.query.support.ServiceProcesses;
import se.samverkan.query.support.StoreReads;
import se.samverkan.query.support.ServiceProcesses.Service;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.samverkan.query.support.ServiceProcesses.await;
import static se.samverkan.query.support.ServiceProcesses.json;
import static se.samverkan.query.support.ServiceProcesses.send;

/**
 * Scale-out on one machine, with real processes on one PostgreSQL: two command-service instances and two
 * query-service instances. The query instances split every event processor's segments and apply each event
 * once; when one is killed (kill -9) the other takes over its segments within the claim timeout and the read
 * models end complete. Both command instances writing one report at once never corrupt it.
 * The processes are shared by both tests (JVM starts are the slow part); only the first test kills one.
 */
class ScaleOutIT {

    private static final String ADMIN = "scale-out-admin-token";
    private static final String PROJECT = "scale";
    private static final String MEETING_HELD = "se.samverkan.events.activity.MeetingHeld";
    /** samverkan.processing.claim-timeout and token-claim-interval in query-service.yml */
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration TOKEN_CLAIM_INTERVAL = Duration.ofSeconds(5);

    private static final ServiceProcesses services = new ServiceProcesses();
    private static Service commandOne;
    private static Service commandTwo;
    private static Service queryA;
    private static Service queryB;
    private static Duration balancingTime;

    @BeforeAll
    static void startTwoOfEach() throws Exception {
        try {
            Map<String, String> database = services.startDatabase(ADMIN);
            commandOne = ServiceProcesses.awaitHealthy(
                    services.startJar("command-service", database, "COMMAND_PORT", ServiceProcesses.freePort()), Duration.ofMinutes(2));
            commandTwo = services.startJar("command-service", database, "COMMAND_PORT", ServiceProcesses.freePort());
            queryA = services.startJar("query-service", database, "QUERY_PORT", ServiceProcesses.freePort());
            ServiceProcesses.awaitHealthy(commandTwo, Duration.ofMinutes(2));
            ServiceProcesses.awaitHealthy(queryA, Duration.ofMinutes(2));

            // Axon lets the first instance claim every segment: that is what the balancing must undo.
            awaitSegments(owners -> !owners.isEmpty() && owners.values().stream()
                    .allMatch(o -> o.stream().allMatch(owner -> ownedBy(owner, queryA))), Duration.ofSeconds(30), "A claims every segment");

            queryB = ServiceProcesses.awaitHealthy(
                    services.startJar("query-service", database, "QUERY_PORT", ServiceProcesses.freePort()), Duration.ofMinutes(2));
            Instant bStarted = Instant.now();
            awaitSegments(ScaleOutIT::splitBetweenAAndB, Duration.ofSeconds(45), "every processor's segments split between A and B");
            balancingTime = Duration.between(bStarted, Instant.now());
            System.out.println("[scale-out] segments balanced over two query instances " + balancingTime.toMillis() + " ms after B was up");

            expect(201, send("POST", commandOne.baseUrl() + "/api/organisations", ADMIN, Map.of("id", "org-scale",
                    "orgNumber", "556036-0793", "name", "Scale AB", "country", "SE", "category", "COMPANY")));
            expect(201, send("POST", commandOne.baseUrl() + "/api/projects", ADMIN, Map.of("id", PROJECT, "caseId", "S-1",
                    "name", "Scale-out", "programme", "ERUF", "periodStart", "2025-01-01", "periodEnd", "2026-12-31",
                    "beneficiaryOrgNumber", "556036-0793")));
            expect(201, send("POST", commandTwo.baseUrl() + "/api/projects/" + PROJECT + "/work-packages", ADMIN,
                    Map.of("number", 1, "name", "Load", "plannedStart", "2025-01-01", "plannedEnd", "2026-12-31")));
        } catch (Throwable e) {
            services.close();
            throw e;
        }
    }

    @AfterAll
    static void killEverything() throws Exception {
        services.close();
    }

    @Test
    void twoQueryInstancesApplyEveryEventOnceAndTheSurvivorTakesOverAKilledOnesSegments() throws Exception {
        assertThat(balancingTime).as("balancing").isNotNull();
        List<String> firstBurst = meetingIds("burst", 40);
        ConcurrentLinkedQueue<String> duplicates = new ConcurrentLinkedQueue<>();
        AtomicBoolean bursting = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            // while the burst is applied, neither instance ever shows an activity twice
            Future<?> watcher = pool.submit(() -> {
                while (bursting.get()) {
                    for (Service query : List.of(queryA, queryB)) {
                        List<String> shown = activityIds(query);
                        if (new HashSet<>(shown).size() != shown.size()) {
                            duplicates.add(query.name() + " " + shown);
                        }
                    }
                }
                return null;
            });
            recordMeetings(pool, firstBurst);
            awaitActivities(queryB, firstBurst);
            awaitActivities(queryA, firstBurst);
            bursting.set(false);
            watcher.get();
        } finally {
            bursting.set(false);
            pool.shutdownNow();
        }
        assertThat(duplicates).as("activities shown twice").isEmpty();
        assertThat(segmentOwners()).as("both instances still share every processor").allSatisfy((processor, owners) ->
                assertThat(splitBetweenAAndB(Map.of(processor, owners))).as(processor + " " + owners).isTrue());
        assertMeetings(queryB, 40);

        queryA.kill();
        Instant killed = Instant.now();
        List<String> secondBurst = meetingIds("after-kill", 20);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            recordMeetings(writers, secondBurst);
        } finally {
            writers.shutdownNow();
        }
        Duration bound = CLAIM_TIMEOUT.plus(TOKEN_CLAIM_INTERVAL).plusSeconds(8);
        awaitSegments(owners -> owners.values().stream().allMatch(o -> o.stream().allMatch(owner -> ownedBy(owner, queryB))),
                bound, "B owns every segment after A was killed");
        Duration takeover = Duration.between(killed, Instant.now());
        System.out.println("[scale-out] B took over all of A's segments " + takeover.toMillis() + " ms after kill -9 of A"
                + " (claim timeout " + CLAIM_TIMEOUT.toSeconds() + " s, token claim interval " + TOKEN_CLAIM_INTERVAL.toSeconds() + " s)");
        assertThat(takeover).as("takeover within claim timeout + claim interval + a margin").isLessThanOrEqualTo(bound);

        List<String> all = new ArrayList<>(firstBurst);
        all.addAll(secondBurst);
        awaitActivities(queryB, all);
        assertThat(meetingsInTheEventStore()).as("the read model holds exactly the stored meetings")
                .containsExactlyInAnyOrderElementsOf(activityIds(queryB));
        assertMeetings(queryB, 60);
        assertThat(count("SELECT count(*) FROM query.dead_letter_entry")).as("dead letters").isZero();
    }

    @Test
    void twoCommandInstancesWritingOneReportAtOnceNeverCorruptIt() throws Exception {
        String report = "scale-report";
        expect(201, send("POST", commandOne.baseUrl() + "/api/projects/" + PROJECT + "/reports", ADMIN,
                Map.of("id", report, "number", 1, "periodStart", "2025-01-01", "periodEnd", "2025-06-30")));
        List<String> keys = QuestionCatalogue.all().stream().map(QuestionCatalogue.Question::key).limit(3).toList();
        record Write(String key, String text, int status, long version, String body) {
        }
        ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (Service command : List.of(commandOne, commandTwo)) {
                writers.add(pool.submit(() -> {
                    together.await();
                    for (int i = 0; i < 30; i++) {
                        String key = keys.get(i % keys.size());
                        String text = command.name() + "@" + command.process().pid() + " #" + i;
                        HttpResponse<String> answer = send("PUT", command.baseUrl() + "/api/reports/" + report + "/answers/" + key,
                                ADMIN, Map.of("answer", "YES", "text", text));
                        long version = answer.headers().firstValue("ETag").map(tag -> Long.parseLong(tag.replace("\"", ""))).orElse(-1L);
                        writes.add(new Write(key, text, answer.statusCode(), version, answer.body()));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(writes).hasSize(60);
        assertThat(writes).as("every answer is 200 or 409, never a 500").allSatisfy(write ->
                assertThat(write.status()).as(write.body()).isIn(200, 409));
        List<Write> accepted = writes.stream().filter(write -> write.status() == 200).toList();
        long conflicts = writes.stream().filter(write -> write.status() == 409).count();
        System.out.println("[scale-out] 2 x 30 concurrent answers to one report: " + accepted.size() + " x 200, " + conflicts + " x 409");
        writes.stream().filter(write -> write.status() == 409).map(Write::body).distinct().limit(3)
                .forEach(body -> System.out.println("[scale-out] a 409: " + body));

        // every accepted write is one event, in one unbroken sequence: nothing lost, nothing twice, nothing for a 409
        Map<Long, String> stored = storedAnswerTexts(report);
        List<Long> sequence = new ArrayList<>(stored.keySet());
        assertThat(sequence).hasSize(1 + accepted.size());
        assertThat(sequence).containsExactlyElementsOf(IntStream.range(0, sequence.size()).mapToObj(Long::valueOf).toList());
        assertThat(stored.values().stream().skip(1).toList()).as("the stored answers are the accepted ones")
                .containsExactlyInAnyOrderElementsOf(accepted.stream().map(Write::text).toList());
        // and each 200's ETag names the version its own event made
        String versions = accepted.stream().sorted((x, y) -> Long.compare(x.version(), y.version()))
                .map(write -> write.version() + "=" + write.text()).collect(java.util.stream.Collectors.joining(", "));
        assertThat(accepted).as("ETag versions of the 200s: " + versions + "\nstored: " + stored)
                .allSatisfy(write -> assertThat(stored.get(write.version() - 1)).as(write.text()).isEqualTo(write.text()));

        JsonNode verification = json(await(queryB.baseUrl() + "/api/reports/" + report + "/verification", ADMIN,
                answer -> answer.statusCode() == 200 && json(answer).get("events").asInt() == sequence.size(), Duration.ofSeconds(20)));
        assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();

        JsonNode state = json(await(queryB.baseUrl() + "/api/reports/" + report, ADMIN, answer -> answer.statusCode() == 200, Duration.ofSeconds(10)));
        for (String key : keys) {
            accepted.stream().filter(write -> write.key().equals(key)).max((x, y) -> Long.compare(x.version(), y.version()))
                    .ifPresent(last -> assertThat(state.at("/answers/" + key + "/text").asText()).as(key).isEqualTo(last.text()));
        }
    }

    // ---- helpers

    private static List<String> meetingIds(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    /** Records the meetings in parallel, alternating the two command instances. */
    private static void recordMeetings(ExecutorService pool, List<String> ids) throws Exception {
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Service command = i % 2 == 0 ? commandOne : commandTwo;
            String id = ids.get(i);
            int day = 1 + i % 28;
            answers.add(pool.submit(() -> send("POST", command.baseUrl() + "/api/projects/" + PROJECT + "/meetings", ADMIN,
                    Map.of("id", id, "workPackage", 1, "kind", "MAPPING", "date", "2025-03-%02d".formatted(day),
                            "title", "Meeting " + id, "organisations", List.of("556036-0793"),
                            "participants", Map.of("women", 1, "men", 1, "other", 0), "notes", ""))));
        }
        for (Future<HttpResponse<String>> answer : answers) {
            expect(201, answer.get());
        }
    }

    private static List<String> activityIds(Service query) throws Exception {
        HttpResponse<String> answer = send("GET", query.baseUrl() + "/api/projects/" + PROJECT + "/activities", ADMIN, (String) null);
        if (answer.statusCode() != 200) {
            return List.of(); // the project itself may not be projected yet
        }
        List<String> ids = new ArrayList<>();
        json(answer).forEach(activity -> ids.add(activity.get("id").asText()));
        return ids;
    }

    private static void awaitActivities(Service query, List<String> expected) {
        try {
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> activityIds(query), shown -> shown.size() == expected.size()
                            && new HashSet<>(shown).equals(new HashSet<>(expected)));
        } catch (ConditionTimeoutException e) {
            List<String> shown = activityIdsOrEmpty(query);
            throw new AssertionError(query.name() + " shows " + shown.size() + " activities, expected " + expected.size()
                    + "; missing " + expected.stream().filter(id -> !new HashSet<>(shown).contains(id)).toList());
        }
    }

    private static List<String> activityIdsOrEmpty(Service query) {
        try {
            return activityIds(query);
        } catch (Exception e) {
            return List.of();
        }
    }

    private static void assertMeetings(Service query, int meetings) throws Exception {
        JsonNode activities = json(send("GET", query.baseUrl() + "/api/projects/" + PROJECT + "/dashboard", ADMIN, (String) null)).get("activities");
        assertThat(activities.get("total").asInt()).as(activities.toString()).isEqualTo(meetings);
        assertThat(activities.get("meetings").asInt()).as(activities.toString()).isEqualTo(meetings);
        JsonNode participation = json(send("GET", query.baseUrl() + "/api/projects/" + PROJECT + "/dashboard", ADMIN, (String) null)).get("participation");
        assertThat(participation.get("total").asInt()).as("participants, 2 per meeting").isEqualTo(2 * meetings);
    }

    /** processor name → the owner of each of its segments (null when unclaimed). */
    private static Map<String, List<String>> segmentOwners() throws Exception {
        Map<String, List<String>> owners = new HashMap<>();
        try (Connection connection = services.connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT processor_name, owner FROM query.token_entry ORDER BY processor_name, segment")) {
            while (rows.next()) {
                owners.computeIfAbsent(rows.getString(1), name -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return owners;
    }

    /**
     * Every processor with several segments has half of them on each instance; a processor with a single segment (the
     * webhook outbox keeps one, so that deliveries are queued in order) is simply owned by one of them.
     */
    private static boolean splitBetweenAAndB(Map<String, List<String>> owners) {
        return !owners.isEmpty() && owners.values().stream().allMatch(o -> o.size() == 1
                ? ownedBy(o.get(0), queryA) || ownedBy(o.get(0), queryB)
                : o.stream().filter(owner -> ownedBy(owner, queryA)).count() == o.size() / 2
                        && o.stream().filter(owner -> ownedBy(owner, queryB)).count() == o.size() / 2);
    }

    /** Owners are "pid@host/random" (QueryInstance). */
    private static boolean ownedBy(String owner, Service query) {
        return owner != null && owner.startsWith(query.process().pid() + "@");
    }

    private static void awaitSegments(Predicate<Map<String, List<String>>> condition, Duration timeout, String what) {
        AtomicReference<Map<String, List<String>>> owners = new AtomicReference<>();
        try {
            await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
                owners.set(segmentOwners());
                return condition.test(owners.get());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not within " + timeout + ": " + what + "; owners now " + owners.get()
                    + "\nA is pid " + queryA.process().pid() + (queryB == null ? "" : ", B is pid " + queryB.process().pid()));
        }
    }

    private static Set<String> meetingsInTheEventStore() throws Exception {
        Set<String> ids = new TreeSet<>();
        try (Connection connection = services.connect()) {
            for (StoredEvent event : StoreReads.ofProject(connection, PROJECT)) {
                if (event.payloadType().equals(MEETING_HELD)) {
                    assertThat(ids.add(event.aggregateId())).as("one MeetingHeld per meeting").isTrue();
                }
            }
        }
        return ids;
    }

    /** sequence number → the answer text of the event stored there (null for the draft), in the store's order. */
    private static Map<Long, String> storedAnswerTexts(String aggregateId) throws Exception {
        Map<Long, String> stored = new java.util.LinkedHashMap<>();
        try (Connection connection = services.connect()) {
            List<StoredEvent> events = StoreReads.ofAggregate(connection, aggregateId).stream()
                    .sorted(java.util.Comparator.comparingLong(StoredEvent::index)).toList();
            for (StoredEvent event : events) {
                assertThat(stored.containsKey(event.sequenceNumber())).as("sequence number " + event.sequenceNumber() + " once").isFalse();
                stored.put(event.sequenceNumber(), StoreReads.field(event, "text"));
            }
        }
        return stored;
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = services.connect(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static JsonNode expect(int status, HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.request().uri() + ": " + answer.body()).isEqualTo(status);
        return answer.body().isBlank() ? null : json(answer);
    }
}
