package se.samverkan.query.notification.stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.query.platform.eventstore.StoredEvent;
import se.samverkan.query.support.Platform;
import se.samverkan.query.support.StoreReads;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET /api/projects/{p}/events/stream end to end: a command's event reaches an open stream, a resumed
 * stream gets exactly the later events of its project, events whose transaction is still open hold
 * the stream back instead of being skipped, and the stream is only for callers who may read the project.
 */
class EventStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static Platform platform;
    private static String sivCoordinator;

    @BeforeAll
    static void scenario() {
        platform = Platform.get();
        platform.playScenarioOnce();
        sivCoordinator = platform.issueToken("COORDINATOR", List.of("siv"));
    }

    @Test
    void aRecordedMeetingReachesTheOpenStreamWithinASecond() {
        try (SseClient stream = open("siv", sivCoordinator, Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            stream.awaitComment(WAIT);
            assertThat(stream.retries()).containsExactly("3000");

            String meetingId = "stream-lag-" + UUID.randomUUID();
            Instant sent = Instant.now();
            recordSivMeeting(meetingId, "Avstämning: strömmens fördröjning");
            Instant answered = Instant.now();
            SseClient.Frame frame = stream.next(WAIT);
            Instant received = Instant.now();

            assertThat(frame).as("the meeting on the stream").isNotNull();
            long lag = Duration.between(sent, received).toMillis();
            System.out.printf("SSE lag: %d ms from sending the command (its answer took %d ms), %d ms after the answer%n",
                    lag, Duration.between(sent, answered).toMillis(), Duration.between(answered, received).toMillis());
            // started live: the first event is the new one, nothing older
            assertThat(frame.event()).isEqualTo("MeetingHeld");
            JsonNode data = frame.json();
            assertThat(data.get("aggregateId").asText()).isEqualTo(meetingId);
            // the lag is printed, not asserted: timings belong to ops/bench (docs/benchmarks.md)

            assertThat(frame.index()).isEqualTo(platform.globalIndexOf(meetingId));
            assertThat(data.get("eventIndex").asLong()).isEqualTo(frame.index());
            assertThat(data.get("type").asText()).isEqualTo("MeetingHeld");
            assertThat(data.get("sequenceNumber").asLong()).isZero();
            assertThat(data.get("userId").asText()).isNotBlank().isNotEqualTo("null");
            assertThat(Instant.parse(data.get("at").asText())).isBetween(sent.minusSeconds(1), received);
            assertThat(data.get("at").asText()).endsWith("Z");
            JsonNode payload = data.get("payload");
            assertThat(payload.get("projectId").asText()).isEqualTo("siv");
            assertThat(payload.get("activityId").asText()).isEqualTo(meetingId);
            assertThat(payload.get("title").asText()).isEqualTo("Avstämning: strömmens fördröjning");
            assertThat(payload.get("kind").asText()).isEqualTo("CHECK_IN");
        }
    }

    @Test
    void aResumedStreamSendsExactlyTheLaterEventsOfItsProjectThenTheLiveOnes() {
        String other = "stream-other-" + UUID.randomUUID().toString().substring(0, 8);
        platform.createProject(other, "Event stream test " + other);
        List<Long> otherIndexes = projectIndexes(other, 0);
        assertThat(otherIndexes).isNotEmpty();
        List<Long> sivIndexes = projectIndexes("siv", 0);
        assertThat(sivIndexes).hasSizeGreaterThan(30);
        long resumeAfter = sivIndexes.get(20);

        try (SseClient stream = open("siv", sivCoordinator, Map.of("Last-Event-ID", Long.toString(resumeAfter)))) {
            assertThat(stream.status()).isEqualTo(200);
            stream.awaitComment(WAIT);
            // live events while the catch-up runs: one of siv, one of the other project
            String meetingId = "stream-resume-" + UUID.randomUUID();
            recordSivMeeting(meetingId, "Uppföljning under återupptagning");
            assertThat(platform.command("POST", "/api/projects/" + other + "/work-packages/1/replan", Platform.ADMIN_TOKEN,
                    Map.of("plannedEnd", "2026-06-30", "reason", "event stream test")).status()).isEqualTo(200);

            List<Long> expected = projectIndexes("siv", resumeAfter);
            assertThat(expected).contains(platform.globalIndexOf(meetingId));
            List<SseClient.Frame> received = receiveUpTo(stream, expected.get(expected.size() - 1));
            assertThat(received).extracting(SseClient.Frame::index).containsExactlyElementsOf(expected);
            assertThat(received).allSatisfy(frame -> {
                assertThat(frame.json().get("payload").get("projectId").asText()).isEqualTo("siv");
                assertThat(frame.json().get("eventIndex").asLong()).isEqualTo(frame.index());
            });
            assertThat(received).extracting(SseClient.Frame::index).doesNotContainAnyElementsOf(projectIndexes(other, 0));
            assertThat(stream.next(Duration.ofMillis(500))).as("nothing after the last event of siv").isNull();
        }

        List<Long> latest = projectIndexes("siv", resumeAfter);
        long secondToLast = latest.get(latest.size() - 2);
        // a fresh page resumes with the query parameter
        try (SseClient stream = open("siv?lastEventId=" + latest.get(latest.size() - 3), sivCoordinator, Map.of())) {
            assertThat(receiveUpTo(stream, latest.get(latest.size() - 1))).extracting(SseClient.Frame::index)
                    .containsExactlyElementsOf(latest.subList(latest.size() - 2, latest.size()));
        }
        // a reconnecting EventSource sends the header, which is newer than the page's parameter
        try (SseClient stream = open("siv?lastEventId=" + resumeAfter, sivCoordinator,
                Map.of("Last-Event-ID", Long.toString(secondToLast)))) {
            assertThat(receiveUpTo(stream, latest.get(latest.size() - 1))).extracting(SseClient.Frame::index)
                    .containsExactly(latest.get(latest.size() - 1));
        }
    }

    @Test
    void anEventWhoseTransactionIsStillOpenHoldsTheStreamBackUntilItCommitsOrRollsBack() throws Exception {
        String project = "stream-gaps-" + UUID.randomUUID().toString().substring(0, 8);
        platform.createProject(project, "Event stream test " + project);
        DataSource dataSource = platform.queryService().getBean(DataSource.class);
        List<Long> created = projectIndexes(project, 0);
        // resuming after the project's own events, so that only the events of this test follow
        try (SseClient stream = open(project, Platform.ADMIN_TOKEN, Map.of("Last-Event-ID", created.get(created.size() - 1).toString()));
             Connection open = dataSource.getConnection()) {
            stream.awaitComment(WAIT);
            open.setAutoCommit(false);

            // rolled back: its index stays empty for ever, and the stream passes it once the transaction ended
            long burnt = insertMeeting(open, project);
            long replanned = replan(project, "2026-05-31");
            assertThat(replanned).isGreaterThan(burnt);
            assertThat(stream.next(Duration.ofMillis(600))).as("held back behind the open transaction").isNull();
            open.rollback();
            Instant rolledBack = Instant.now();
            SseClient.Frame frame = stream.next(WAIT);
            System.out.printf("SSE: an event behind a rolled-back append arrived %d ms after the rollback%n",
                    Duration.between(rolledBack, Instant.now()).toMillis());
            assertThat(frame).isNotNull();
            assertThat(frame.index()).isEqualTo(replanned);
            assertThat(Duration.between(rolledBack, Instant.now())).isLessThan(Duration.ofSeconds(2));

            // committed late: its event comes first, in index order, then the one that committed earlier
            long late = insertMeeting(open, project);
            long early = replan(project, "2026-04-30");
            assertThat(stream.next(Duration.ofMillis(600))).as("held back behind the open transaction").isNull();
            open.commit();
            SseClient.Frame first = stream.next(WAIT);
            SseClient.Frame second = stream.next(WAIT);
            assertThat(first).isNotNull();
            assertThat(second).isNotNull();
            assertThat(List.of(first.index(), second.index())).containsExactly(late, early);
            assertThat(first.event()).isEqualTo("MeetingHeld");
            assertThat(second.event()).isEqualTo("WorkPackageReplanned");
        }
    }

    @Test
    void onlyCallersWhoMayReadTheProjectGetItsStream() {
        String elsewhere = platform.issueToken("COORDINATOR", List.of("stream-elsewhere"));
        Map<String, String> accept = Map.of("Accept", "text/event-stream");

        Platform.Answer anonymous = platform.send(platform.queryUrl(), "GET", "/api/projects/siv/events/stream", null, null, accept);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(contentType(anonymous)).startsWith("application/problem+json");

        Platform.Answer otherScope = platform.send(platform.queryUrl(), "GET", "/api/projects/siv/events/stream", elsewhere, null, accept);
        assertThat(otherScope.status()).isEqualTo(403);
        assertThat(contentType(otherScope)).startsWith("application/problem+json");

        Platform.Answer unknown = platform.send(platform.queryUrl(), "GET", "/api/projects/no-such-project/events/stream",
                Platform.ADMIN_TOKEN, null, accept);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(contentType(unknown)).startsWith("application/problem+json");
        assertThat(unknown.json().get("detail").asText()).contains("no-such-project");

        Platform.Answer badId = platform.send(platform.queryUrl(), "GET", "/api/projects/siv/events/stream",
                sivCoordinator, null, Map.of("Accept", "text/event-stream", "Last-Event-ID", "yesterday"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("detail").asText()).contains("Last-Event-ID");

        Platform.Answer beyond = platform.send(platform.queryUrl(), "GET", "/api/projects/siv/events/stream?lastEventId=999999999",
                sivCoordinator, null, accept);
        assertThat(beyond.status()).isEqualTo(400);
    }

    @Test
    void aStreamWhoseClientWentAwayIsCleanedUp() throws Exception {
        EventTailer tailer = platform.queryService().getBean(EventTailer.class);
        // the streams the other tests closed go first (the server notices when it writes: heartbeats do that)
        awaitOpenStreams(tailer, 0);
        SseClient stream = open("siv", sivCoordinator, Map.of());
        stream.awaitComment(WAIT);
        assertThat(tailer.openStreams()).isEqualTo(1);
        stream.close();
        awaitOpenStreams(tailer, 0);
    }

    private static void awaitOpenStreams(EventTailer tailer, int count) {
        await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            tailer.heartbeat();
            assertThat(tailer.openStreams()).as("open streams").isEqualTo(count);
        });
    }

    // --- helpers

    private static SseClient open(String projectAndQuery, String token, Map<String, String> headers) {
        return SseClient.open(platform.queryUrl() + "/api/projects/" + projectAndQuery.replaceFirst("^([^?]*)", "$1/events/stream"),
                token, headers);
    }

    /** A meeting in siv that leaves the scenario's figures alone: work package 4, no organisations, no participants. */
    private static void recordSivMeeting(String id, String title) {
        Platform.Answer answer = platform.command("POST", "/api/projects/siv/meetings", sivCoordinator, Map.of(
                "id", id, "workPackage", 4, "kind", "CHECK_IN", "date", "2024-06-03", "title", title,
                "organisations", List.of(), "participants", Map.of("women", 0, "men", 0, "other", 0), "notes", ""));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private static long replan(String project, String plannedEnd) {
        Platform.Answer answer = platform.command("POST", "/api/projects/" + project + "/work-packages/1/replan",
                Platform.ADMIN_TOKEN, Map.of("plannedEnd", plannedEnd, "reason", "event stream test"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return platform.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, project);
    }

    /** Appends a meeting of the project in the given open transaction, as an append of the command service would. */
    private static long insertMeeting(Connection transaction, String project) throws Exception {
        String activityId = "stream-gap-" + UUID.randomUUID();
        String payload = """
                {"activityId":"%s","projectId":"%s","workPackage":1,"kind":"OTHER","date":"2024-06-01",\
                "title":"Gap test","organisations":[],"participants":{"women":0,"men":0,"other":0},"notes":""}"""
                .formatted(activityId, project);
        try (PreparedStatement insert = transaction.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 0, 'Activity', ?, 'se.samverkan.events.activity.MeetingHeld', '1', ?, ?)
                RETURNING global_index""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, activityId);
            insert.setString(3, Instant.now().toString());
            insert.setBytes(4, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            insert.setBytes(5, "{\"userId\":\"event-stream-test\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The global indexes of the project's events after {@code after}, straight from the event store. */
    private static List<Long> projectIndexes(String project, long after) {
        return StoreReads.ofProject(platform.jdbc(), project).stream().map(StoredEvent::index).filter(index -> index > after).toList();
    }

    private static List<SseClient.Frame> receiveUpTo(SseClient stream, long lastIndex) {
        return stream.receiveUntil(frame -> frame.index() >= lastIndex, WAIT);
    }

    private static String contentType(Platform.Answer answer) {
        return answer.response().headers().firstValue("Content-Type").orElse("");
    }
}
