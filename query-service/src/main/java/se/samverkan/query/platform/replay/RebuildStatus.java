package se.samverkan.query.platform.replay;

import java.time.Instant;
import java.util.List;

/**
 * Progress of the read-model rebuild, as GET /api/admin/rebuild shows it. {@code head} is the newest
 * event when the rebuild began (or now, when none ran yet); a processor is done when every segment has
 * passed it. {@code skipped} names the processors that have no {@link ReadModel} and were left running.
 */
public record RebuildStatus(State state, Instant startedAt, Instant finishedAt, List<Processor> processors,
                            List<String> skipped, String error) {

    public enum State { IDLE, RUNNING, DONE, FAILED }

    public record Processor(String name, long position, long head, double percent, boolean done) {

        static Processor of(String name, long position, long head, boolean done) {
            double percent = head <= 0 || position >= head ? 100.0 : Math.floor(position * 1000.0 / head) / 10.0;
            return new Processor(name, position, head, percent, done);
        }
    }
}
