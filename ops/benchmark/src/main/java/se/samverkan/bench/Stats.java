package se.samverkan.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Percentiles (nearest rank) and medians of measured samples. */
public final class Stats {

    private Stats() {
    }

    /**
     * The p-th percentile by the nearest-rank method: the smallest sample such that at least p percent of
     * the samples are at or below it. NaN when there are no samples.
     */
    public static double percentile(double[] samples, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], not " + p);
        }
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public static double percentile(Collection<Double> samples, double p) {
        return percentile(toArray(samples), p);
    }

    /** The median; for an even count the mean of the two middle samples. NaN when there are none. */
    public static double median(double[] samples) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    public static double median(Collection<Double> samples) {
        return median(toArray(samples));
    }

    /** count, p50, p90, p99, max of latency-like samples (NaN entries for no samples). */
    public static Map<String, Object> summary(Collection<Double> samples) {
        double[] values = toArray(samples);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", values.length);
        summary.put("p50", round(percentile(values, 50)));
        summary.put("p90", round(percentile(values, 90)));
        summary.put("p99", round(percentile(values, 99)));
        summary.put("max", round(values.length == 0 ? Double.NaN : Arrays.stream(values).max().getAsDouble()));
        return summary;
    }

    /** Rounded to one decimal, NaN kept (written as null in JSON). */
    public static Double round(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 10.0) / 10.0;
    }

    /** b / a, or NaN when a is not positive. */
    public static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }

    private static double[] toArray(Collection<Double> samples) {
        return samples.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
