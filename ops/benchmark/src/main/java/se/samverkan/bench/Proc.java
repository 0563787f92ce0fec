package se.samverkan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Figures of a Linux process read from /proc: peak resident memory and CPU time. */
final class Proc {

    private static final long CLOCK_TICKS_PER_SECOND = clockTicks();

    private Proc() {
    }

    /** VmHWM, the peak resident set size, in MiB; NaN when the process is gone. */
    static double peakResidentMiB(long pid) {
        return statusKiB(pid, "VmHWM:").map(kib -> kib / 1024.0).orElse(Double.NaN);
    }

    static double residentMiB(long pid) {
        return statusKiB(pid, "VmRSS:").map(kib -> kib / 1024.0).orElse(Double.NaN);
    }

    private static Optional<Long> statusKiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Optional.of(Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended
        }
        return Optional.empty();
    }

    /** CPU seconds of the process itself (utime + stime), plus those of its reaped children when asked. */
    static double cpuSeconds(long pid, boolean withReapedChildren) {
        try {
            return ticksToSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")), withReapedChildren);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime (+ cutime + cstime) of a /proc stat line, in seconds. */
    private static double ticksToSeconds(String stat, boolean withReapedChildren) {
        // the command name may contain spaces and parentheses: fields are counted after the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withReapedChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** CPU seconds of the JVM's JIT compiler threads (named "C1 CompilerThread...", "C2 CompilerThread..."). */
    static double jitCompilerCpuSeconds(long pid) {
        double seconds = 0;
        try (var threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads.toList()) {
                try {
                    if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                        seconds += ticksToSeconds(Files.readString(thread.resolve("stat")), false);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return seconds;
    }

    /**
     * CPU seconds of PostgreSQL: the postmaster with its reaped children plus every live backend, so a backend
     * that ends between two readings moves from one term to the other and is not lost.
     */
    static double postgresCpuSeconds(long postmasterPid) {
        double seconds = cpuSeconds(postmasterPid, true);
        Optional<ProcessHandle> postmaster = ProcessHandle.of(postmasterPid);
        if (postmaster.isPresent()) {
            seconds += postmaster.get().children().mapToDouble(child -> cpuSeconds(child.pid(), false)).sum();
        }
        return seconds;
    }

    private static long clockTicks() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
