package se.samverkan.query.platform.consistency;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessedPositionsTest {

    @Test
    void aTokenCoversAPositionAtOrBelowItsIndexUnlessItIsStillAGap() {
        TrackingToken token = GapAwareTrackingToken.newInstance(10, List.of(7L));
        assertThat(ProcessedPositions.covers(token, 10)).isTrue();
        assertThat(ProcessedPositions.covers(token, 8)).isTrue();
        assertThat(ProcessedPositions.covers(token, 7)).as("7 was seen missing and not processed yet").isFalse();
        assertThat(ProcessedPositions.covers(token, 11)).isFalse();
        assertThat(ProcessedPositions.covers(null, 1)).as("a processor that has not started").isFalse();
        assertThat(ProcessedPositions.covers(new GlobalSequenceTrackingToken(5), 5)).isTrue();
        assertThat(ProcessedPositions.covers(new GlobalSequenceTrackingToken(5), 6)).isFalse();
    }

    @Test
    void duringARebuildOnlyWhatTheReplayReachedIsCovered() {
        TrackingToken replaying = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(100, List.of()),
                GapAwareTrackingToken.newInstance(40, List.of()));
        assertThat(ProcessedPositions.covers(replaying, 40)).isTrue();
        assertThat(ProcessedPositions.covers(replaying, 41)).as("the read model has been emptied and is refilled up to 40").isFalse();
    }

    @Test
    void onlyTheSubscriptionsWaitForTheWebhookOutbox() {
        assertThat(MinPositionFilter.readModelsOf("/api/projects/p/activities").test("webhook-outbox")).isFalse();
        assertThat(MinPositionFilter.readModelsOf("/api/projects/p/activities").test("read-models")).isTrue();
        assertThat(MinPositionFilter.readModelsOf("/api/subscriptions/s/deliveries").test("webhook-outbox")).isTrue();
        assertThat(MinPositionFilter.readModelsOf("/subscriptions").test("webhook-outbox")).isTrue();
    }
}
