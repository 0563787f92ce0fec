package se.samverkan.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsTest {

    private static final double[] ONE_TO_HUNDRED = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

    @Test
    void nearestRankPercentilesOfOneToHundredAreTheRankItself() {
        assertEquals(50.0, Stats.percentile(ONE_TO_HUNDRED, 50));
        assertEquals(99.0, Stats.percentile(ONE_TO_HUNDRED, 99));
        assertEquals(100.0, Stats.percentile(ONE_TO_HUNDRED, 100));
        assertEquals(1.0, Stats.percentile(ONE_TO_HUNDRED, 0.5));
    }

    @Test
    void percentileDoesNotDependOnTheOrderOfTheSamples() {
        double[] shuffled = {7, 1, 9, 3, 5};
        assertEquals(5.0, Stats.percentile(shuffled, 50));
        assertEquals(9.0, Stats.percentile(shuffled, 99));
        assertEquals(1.0, Stats.percentile(shuffled, 20));
        assertEquals(3.0, Stats.percentile(shuffled, 21));
        assertEquals(7, shuffled[0], "the caller's samples are left as they were");
    }

    @Test
    void aFewSlowSamplesShowInTheTailNotInTheMedian() {
        double[] samples = new double[1000];
        java.util.Arrays.fill(samples, 10);
        for (int i = 0; i < 20; i++) {
            samples[i * 50] = 500;
        }
        assertEquals(10.0, Stats.percentile(samples, 50));
        assertEquals(500.0, Stats.percentile(samples, 99));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Stats.median(new double[]{5, 1, 3}));
        assertEquals(2.5, Stats.median(new double[]{4, 1, 3, 2}));
        assertEquals(319.0, Stats.median(List.of(354.0, 319.0, 301.0)));
    }

    @Test
    void noSamplesGiveNoFigureRatherThanZero() {
        assertTrue(Double.isNaN(Stats.percentile(new double[0], 50)));
        assertTrue(Double.isNaN(Stats.median(new double[0])));
        Map<String, Object> summary = Stats.summary(List.of());
        assertEquals(0, summary.get("count"));
        assertNull(summary.get("p99"));
        assertTrue(Double.isNaN(Stats.ratio(5, 0)));
    }

    @Test
    void percentileOutsideItsRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(ONE_TO_HUNDRED, 0));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(ONE_TO_HUNDRED, 101));
    }

    @Test
    void summaryRoundsToOneDecimal() {
        Map<String, Object> summary = Stats.summary(List.of(1.04, 2.06, 3.0));
        assertEquals(3, summary.get("count"));
        assertEquals(2.1, summary.get("p50"));
        assertEquals(3.0, summary.get("max"));
    }
}
