package se.samverkan.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Sends the command mix: as fast as N clients can (closed loop), or at a fixed rate (open loop). */
final class Load {

    /** What a load step measured: completed commands in the measuring window, their latencies, the failures. */
    record Result(double seconds, long ok, long failed, List<Double> latenciesMs, Map<String, Long> failures,
                  long okIncludingWarmUp) {

        double perSecond() {
            return ok / seconds;
        }
    }

    private Load() {
    }

    /** N clients, each sending its next command when the last is answered; the warm-up is not counted. */
    static Result closed(Supplier<Api.Answer> command, int clients, double warmUpSeconds, double seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmUpSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        Recorder recorder = new Recorder();
        Thread[] threads = new Thread[clients];
        for (int i = 0; i < clients; i++) {
            threads[i] = new Thread(() -> {
                while (true) {
                    long sent = System.nanoTime();
                    if (sent >= end) {
                        return;
                    }
                    Api.Answer answer = command.get();
                    long answered = System.nanoTime();
                    recorder.counted(answer);
                    if (sent >= measureFrom && answered <= end) {
                        recorder.record(answer, (answered - sent) / 1e6);
                    }
                }
            }, "bench-client-" + i);
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return recorder.result(seconds);
    }

    /**
     * Commands at a fixed rate whatever the answers take; a command's latency counts from when it was due, so a
     * stall that delays the following commands shows in their latency too (no coordinated omission).
     */
    static Result fixedRate(Supplier<Api.Answer> command, double perSecond, double seconds) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        Recorder recorder = new Recorder();
        long start = System.nanoTime();
        long total = (long) (perSecond * seconds);
        double interval = 1e9 / perSecond;
        for (long k = 0; k < total; k++) {
            long due = start + (long) (k * interval);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pool.execute(() -> {
                Api.Answer answer = command.get();
                recorder.record(answer, (System.nanoTime() - due) / 1e6);
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        return recorder.result((System.nanoTime() - start) / 1e9);
    }

    /** Runs probes one after the other, with a pause between them, until stopped. */
    static final class Prober implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ConcurrentLinkedQueue<Double> samples = new ConcurrentLinkedQueue<>();
        private final Thread thread;

        Prober(Supplier<Double> probe, long pauseMs) {
            thread = new Thread(() -> {
                while (running.get()) {
                    Double sample = probe.get();
                    if (sample != null) {
                        samples.add(sample);
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pauseMs));
                }
            }, "bench-prober");
            thread.start();
        }

        List<Double> samples() {
            return List.copyOf(samples);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    private static final class Recorder {
        private final ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong all = new AtomicLong();
        private final Map<String, Long> failures = new ConcurrentHashMap<>();

        void record(Api.Answer answer, double latencyMs) {
            if (answer.ok()) {
                ok.incrementAndGet();
                latencies.add(latencyMs);
            } else {
                failed.incrementAndGet();
                String body = answer.body() == null ? "" : answer.body();
                failures.merge(answer.status() + " " + body.substring(0, Math.min(160, body.length())), 1L, Long::sum);
            }
        }

        void counted(Api.Answer answer) {
            if (answer.ok()) {
                all.incrementAndGet();
            }
        }

        Result result(double seconds) {
            return new Result(seconds, ok.get(), failed.get(), List.copyOf(latencies), Map.copyOf(failures),
                    Math.max(all.get(), ok.get()));
        }
    }
}
