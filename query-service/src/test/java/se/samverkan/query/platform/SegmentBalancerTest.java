package se.samverkan.query.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentBalancerTest {

    @Test
    void aFairShareRoundsUpSoEverySegmentHasAnOwner() {
        assertThat(SegmentBalancer.fairShare(2, 1)).isEqualTo(2);
        assertThat(SegmentBalancer.fairShare(2, 2)).isEqualTo(1);
        assertThat(SegmentBalancer.fairShare(2, 3)).isEqualTo(1);
        assertThat(SegmentBalancer.fairShare(4, 3)).isEqualTo(2);
        assertThat(SegmentBalancer.fairShare(5, 2)).isEqualTo(3);
    }

    @Test
    void noLiveInstanceCountedMeansThisOneAlone() {
        assertThat(SegmentBalancer.fairShare(2, 0)).isEqualTo(2);
    }
}
