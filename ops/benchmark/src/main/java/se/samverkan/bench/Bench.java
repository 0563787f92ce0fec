package se.samverkan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * ops/bench: starts the platform on a fresh embedded PostgreSQL and measures, in one run, what issue 12 asks
 * for, each figure beside its target. Prints progress, a table, and writes the figures as JSON.
 */
public final class Bench {

    private static final int[] CLIENTS = {1, 4, 16};
    private static final long PROBE_TIMEOUT_MS = 10_000;

    private final Options options;
    private final long startedAt = System.nanoTime();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final Api api = new Api();
    private final AtomicLong probeIds = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean positionSeen = new java.util.concurrent.atomic.AtomicBoolean();
    private final Map<String, Double> rawReadRates = new LinkedHashMap<>();
    private final AtomicLong fillFailures = new AtomicLong();
    private Platform platform;
    private Workload workload;
    private String adminToken;

    private Bench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options == null) {
            return;
        }
        new Bench(options).run();
    }

    /** One line of the printed table. */
    record Row(String figure, String measured, String target, String verdict) {
    }

    private void run() throws Exception {
        Path dataDir = Files.createTempDirectory("samverkan-bench-");
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        adminToken = "svk_bench_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        say("ops/bench %s mode on %d cores; data in %s", options.commandsOnly ? "commands-only" : options.quick ? "quick" : "full",
                Runtime.getRuntime().availableProcessors(), dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (platform != null) {
                platform.stop();
            }
        }));
        platform = new Platform(options.root, dataDir, adminToken, options.jfr);
        try {
            if (options.commandsOnly) {
                measureCommands(dataDir);
            } else {
                measure(dataDir);
            }
        } finally {
            platform.stop();
            if (!options.keep) {
                deleteQuietly(dataDir);
            } else {
                say("kept the data folder %s", dataDir);
            }
        }
        Path out = writeJson();
        printTable();
        say("figures written to %s", out);
    }

    private void measure(Path dataDir) throws Exception {
        say("starting the platform on an empty embedded PostgreSQL (command service, then query service)");
        double[] readyEmpty = platform.start();
        say("ready: command service %.1f s, query service %.1f s", readyEmpty[0], readyEmpty[1]);
        Database database = new Database(platform.databaseLocation());
        Map<String, Object> pg = database.settings();
        pg.put("durable", durable(pg));
        figures.put("postgres", pg);
        if (!durable(pg)) {
            say("WARNING: this PostgreSQL is not durable (fsync=%s, synchronous_commit=%s, full_page_writes=%s);"
                    + " the issue's targets are meant against the durable configuration", pg.get("fsync"),
                    pg.get("synchronous_commit"), pg.get("full_page_writes"));
        }

        say("setting up 20 projects (organisations, partners, work packages, indicators, reports) and a lag-probe project");
        workload = new Workload(api, platform.commandUrl(), adminToken, options.answersPerReport);
        long t = System.nanoTime();
        workload.setUp(4);
        long setupEvents = database.eventCount();
        say("set up in %.1f s: %d events", (System.nanoTime() - t) / 1e9, setupEvents);

        List<Double> idleLag = lagAtIdle();
        Map<String, Object> token = tokenAcceptance();
        Map<String, Double> commands = throughput();
        halfLoad(commands.get("16"));
        // after the load, as a service that has been running a while sits idle: its JIT compiler has compiled what the
        // load ran (measured right after the start, the compiler's work on the start-up and set-up dominated)
        Map<String, Double> idleCpu = idleCpu();
        // after the mix, so that the raw rows are as large as the average stored event
        Map<String, Double> raw = rawBaseline(database, dataDir);
        if (!options.quick) {
            fill(database, options.events);
            figures.put("fillFailed", fillFailures.get());
        }
        figures.put("reportsDraftedByTheMix", workload.reportsDrafted());
        Map<String, Object> rebuild = rebuild(database);

        double commandPeak = Proc.peakResidentMiB(platform.commandPid());
        double queryPeak = Proc.peakResidentMiB(platform.queryPid());
        figures.put("peakResidentMiB", ordered("command", Stats.round(commandPeak), "query", Stats.round(queryPeak)));
        long events = database.eventCount();

        say("restarting both services on %d events", events);
        platform.stop();
        double[] readyFull = platform.start();
        say("ready: command service %.1f s, query service %.1f s", readyFull[0], readyFull[1]);
        figures.put("readySeconds", ordered(
                "empty", ordered("command", Stats.round(readyEmpty[0]), "query", Stats.round(readyEmpty[1]),
                        "total", Stats.round(readyEmpty[0] + readyEmpty[1])),
                "events", events,
                "afterEvents", ordered("command", Stats.round(readyFull[0]), "query", Stats.round(readyFull[1]),
                        "total", Stats.round(readyFull[0] + readyFull[1]))));

        // the table, in the order of the issue
        double raw16 = raw.get("16");
        double c16 = commands.get("16");
        figures.put("ratios", ordered(
                "commandsToRawAppend", ordered("1", ratio(commands.get("1"), raw.get("1")),
                        "4", ratio(commands.get("4"), raw.get("4")), "16", ratio(c16, raw16)),
                "rebuildToCopy", rebuild.get("ratioToCopy"), "rebuildToJdbcRead", rebuild.get("ratioToJdbcRead"),
                "rebuildToRawRead", ratio(((Number) rebuild.get("eventsPerSecond")).doubleValue(),
                        Math.max(rawReadRates.get("copy"), rawReadRates.get("jdbcRead")))));
        boolean rising = commands.get("4") > commands.get("1") && commands.get("16") > commands.get("4");
        rows.add(new Row("durable raw append (rows/s, 1/4/16 clients)",
                String.format("%.0f / %.0f / %.0f", raw.get("1"), raw.get("4"), raw16),
                "baseline (fsync=" + pg.get("fsync") + ", synchronous_commit=" + pg.get("synchronous_commit") + ")",
                durable(pg) ? "durable" : "NOT durable: every figure beside it is flattered"));
        rows.add(new Row("commands/s over HTTP (1/4/16 clients)",
                String.format("%.0f / %.0f / %.0f = %.3f x raw", commands.get("1"), commands.get("4"), c16, Stats.ratio(c16, raw16)),
                String.format(">= 0.25 x raw (%.0f/s), rising", 0.25 * raw16),
                verdict(Stats.ratio(c16, raw16) >= 0.25 && rising)));
        @SuppressWarnings("unchecked") Map<String, Object> latency = (Map<String, Object>) figures.get("halfLoadLatencyMs");
        rows.add(new Row("command latency at half load (ms)",
                String.format("p50 %s, p99 %s", latency.get("p50"), latency.get("p99")), "p99 <= 50 ms",
                verdict(latency.get("p99") != null && (Double) latency.get("p99") <= 50)));
        @SuppressWarnings("unchecked") Map<String, Object> lagLoad = (Map<String, Object>) figures.get("lagHalfLoadMs");
        rows.add(new Row("projection lag at half load (ms)", String.format("p50 %s, p99 %s", lagLoad.get("p50"), lagLoad.get("p99")),
                "p99 <= 100 ms", verdict(lagLoad.get("p99") != null && (Double) lagLoad.get("p99") <= 100)));
        Map<String, Object> lagIdle = Stats.summary(idleLag);
        rows.add(new Row("projection lag at idle (ms)", String.format("p50 %s, p99 %s", lagIdle.get("p50"), lagIdle.get("p99")),
                "p99 <= 50 ms", verdict(lagIdle.get("p99") != null && (Double) lagIdle.get("p99") <= 50)));
        rows.add(new Row("fresh token accepted by the query service",
                String.format("%s/%s on first request; p50 %s ms, max %s ms", token.get("acceptedOnFirstRequest"),
                        token.get("samples"), token.get("p50Ms"), token.get("maxMs")),
                "at once", verdict(token.get("acceptedOnFirstRequest").equals(token.get("samples")))));
        double rebuildRate = ((Number) rebuild.get("eventsPerSecond")).doubleValue();
        // the faster of COPY and the JDBC read is the raw read (on a small store either may win by noise)
        double rawRead = Math.max(rawReadRates.get("copy"), rawReadRates.get("jdbcRead"));
        rows.add(new Row("rebuild of every read model", String.format("%d events, %.0f ev/s = %.3f x raw read (COPY %.0f, JDBC %.0f rows/s)",
                (Long) rebuild.get("events"), rebuildRate, Stats.ratio(rebuildRate, rawRead), rawReadRates.get("copy"),
                rawReadRates.get("jdbcRead")), ">= 0.25 x raw read", verdict(Stats.ratio(rebuildRate, rawRead) >= 0.25)));
        rows.add(new Row("peak resident memory (MiB)", String.format("command %.0f, query %.0f", commandPeak, queryPeak),
                "each < 512", verdict(commandPeak < 512 && queryPeak < 512)));
        rows.add(new Row("ready after start (s, both services)",
                String.format("%.1f empty, %.1f on %d events", readyEmpty[0] + readyEmpty[1], readyFull[0] + readyFull[1], events),
                "< 15 s on 1 M events", verdict(readyFull[0] + readyFull[1] < 15) + (events < 1_000_000 ? " (N<1M)" : "")));
        rows.add(new Row("idle CPU (% of a core)", String.format("query %.2f, PostgreSQL %.2f (command %.2f)",
                idleCpu.get("query"), idleCpu.get("postgres"), idleCpu.get("command")), "< 0.5 each",
                verdict(idleCpu.get("query") < 0.5 && idleCpu.get("postgres") < 0.5)));
    }

    /**
     * --commands-only: the commands at 1, 4 and 16 clients with what each costs in CPU and in SQL statements
     * (pg_stat_statements, both services together), for finding where a command's time goes.
     */
    private void measureCommands(Path dataDir) throws Exception {
        say("starting the platform on an empty embedded PostgreSQL, then again with pg_stat_statements loaded");
        platform.start();
        Database database = new Database(platform.databaseLocation());
        database.preloadStatementStatistics();
        platform.stop();
        platform.start();
        Map<String, Object> pg = database.settings();
        pg.put("durable", durable(pg));
        figures.put("postgres", pg);
        workload = new Workload(api, platform.commandUrl(), adminToken, options.answersPerReport);
        workload.setUp(4);
        say("set up: %d events", database.eventCount());
        Map<String, Object> perStep = new LinkedHashMap<>();
        for (int clients : CLIENTS) {
            perStep.put(Integer.toString(clients), commandStep(database, clients, clients + " client(s)"));
        }
        // the command path alone: what the command service and PostgreSQL spend without the projections beside them
        platform.stopQueryService();
        perStep.put("16, query service stopped", commandStep(database, 16, "16 clients, query service stopped"));
        figures.put("commandsOnly", perStep);
        figures.put("httpFloor", httpFloor());
        Map<String, Double> raw = rawBaseline(database, dataDir);
        rows.add(new Row("durable raw append (rows/s, 1/4/16 clients)", String.format("%.0f / %.0f / %.0f",
                raw.get("1"), raw.get("4"), raw.get("16")), "the baseline", ""));
    }

    /**
     * What the command service's HTTP layer alone costs (Tomcat, the filters, the bearer token, Spring MVC, Jackson,
     * Bean Validation, the problem answer): meetings without a title at 16 clients, each refused with 422 before it
     * becomes a command. A floor under the CPU of any command, to set beside what the target allows per command.
     */
    private Map<String, Object> httpFloor() throws Exception {
        Load.closed(workload::untitledMeeting, 16, 0, options.warmUpSeconds);
        double[] cpu0 = cpuSeconds();
        Load.Result result = Load.closed(workload::untitledMeeting, 16, 0, options.loadSeconds);
        double[] cpu1 = cpuSeconds();
        long refused = result.failures().entrySet().stream().filter(e -> e.getKey().startsWith("422 "))
                .mapToLong(Map.Entry::getValue).sum();
        if (result.ok() > 0 || refused != result.failed()) {
            throw new IllegalStateException("a meeting without a title was not refused with 422: " + result.failures());
        }
        double[] cpuMs = cpuMsPer(cpu0, cpu1, refused);
        say("HTTP floor: %d meetings without a title refused with 422 at 16 clients, %.0f/s; CPU per request: command JVM"
                + " %.2f ms, PostgreSQL %.2f ms (the bench's clients %.2f ms)", refused, refused / options.loadSeconds,
                cpuMs[0], cpuMs[1], cpuMs[3]);
        rows.add(new Row("HTTP floor (422 before the command bus), 16 clients", String.format(
                "%.0f/s, %.2f ms CPU in the command JVM", refused / options.loadSeconds, cpuMs[0]), "per request", ""));
        return ordered("requests", refused, "perSecond", Stats.round(refused / options.loadSeconds),
                "cpuMsPerRequest", byProcess(cpuMs));
    }

    private Map<String, Object> commandStep(Database database, int clients, String label) throws Exception {
        // a short run first, so the JIT and the caches are warm, then the counted one
        Load.closed(workload::next, clients, 0, options.warmUpSeconds);
        database.resetStatementStatistics();
        long commits0 = database.commits();
        double[] cpu0 = cpuSeconds();
        Load.Result result = Load.closed(workload::next, clients, 0, options.loadSeconds);
        double[] cpu1 = cpuSeconds();
        long commits = database.commits() - commits0;
        Map<String, Long> calls = database.statementCalls();
        long commands = result.okIncludingWarmUp() + result.failed();
        long statements = calls.values().stream().mapToLong(Long::longValue).sum();
        double[] cpuMs = cpuMsPer(cpu0, cpu1, commands);
        Map<String, Object> top = new LinkedHashMap<>();
        calls.entrySet().stream().limit(40).forEach(e -> top.put(e.getKey(), Stats.round((double) e.getValue() / commands)));
        say("%s: %d commands (%d failed), %.0f/s; CPU per command: command JVM %.2f ms, PostgreSQL %.2f ms,"
                        + " query JVM %.2f ms; %.1f statements and %.2f commits per command", label, commands,
                result.failed(), result.perSecond(), cpuMs[0], cpuMs[1], cpuMs[2], (double) statements / commands,
                (double) commits / commands);
        top.forEach((query, perCommand) -> say("    %6s  %s", perCommand, query.length() > 200 ? query.substring(0, 200) + "..." : query));
        rows.add(new Row("commands, " + label, String.format(
                "%.2f / %.2f / %.2f ms CPU (command/PostgreSQL/query), %.1f statements", cpuMs[0], cpuMs[1], cpuMs[2],
                (double) statements / commands), "per command", ""));
        return ordered("commands", commands, "failed", result.failed(), "failures", result.failures(),
                "perSecond", Stats.round(result.perSecond()),
                "cpuMsPerCommand", byProcess(cpuMs),
                "statementsPerCommand", Stats.round((double) statements / commands),
                "commitsPerCommand", Stats.round((double) commits / commands),
                "statementsPerCommandByText", top);
    }

    // ---- the measurements ------------------------------------------------------------------------------------

    private Map<String, Double> rawBaseline(Database database, Path dataDir) throws Exception {
        int[] size = database.averageEventSize();
        boolean pgbench = Database.pgbenchAvailable() && !options.jdbcBaseline;
        say("raw append baseline with %s: one row per transaction (payload %d B, metadata %d B, the stored events' average)",
                pgbench ? "pgbench" : "JDBC", size[0], size[1]);
        database.createAppendTable();
        Map<String, Double> raw = new LinkedHashMap<>();
        Map<String, Object> runs = new LinkedHashMap<>();
        Map<String, Object> postgresCpuPerRow = new LinkedHashMap<>();
        for (int clients : CLIENTS) {
            List<Double> reps = new ArrayList<>();
            List<Double> postgresCpu = new ArrayList<>();
            for (int rep = 0; rep < options.repetitions; rep++) {
                double cpu0 = Proc.postgresCpuSeconds(platform.postgresPid());
                double rate = pgbench ? database.pgbenchAppends(clients, options.baselineSeconds, size, dataDir)
                        : database.jdbcAppends(clients, options.baselineSeconds, size);
                // pgbench's backends end with it; their CPU counts only once the postmaster has reaped them
                Thread.sleep(1000);
                double cpuMsPerRow = 1000 * (Proc.postgresCpuSeconds(platform.postgresPid()) - cpu0) / (rate * options.baselineSeconds);
                reps.add(rate);
                postgresCpu.add(cpuMsPerRow);
                say("  %2d clients: %.0f rows/s, PostgreSQL %.3f ms CPU per row", clients, rate, cpuMsPerRow);
            }
            raw.put(Integer.toString(clients), Stats.median(reps));
            runs.put(Integer.toString(clients), reps.stream().map(Stats::round).toList());
            postgresCpuPerRow.put(Integer.toString(clients), Stats.round(Stats.median(postgresCpu)));
        }
        database.dropAppendTable();
        figures.put("rawAppend", ordered("tool", pgbench ? "pgbench" : "jdbc", "payloadBytes", size[0], "metadataBytes", size[1],
                "seconds", options.baselineSeconds, "rowsPerSecondMedian", roundAll(raw), "runs", runs,
                "postgresCpuMsPerRowMedian", postgresCpuPerRow));
        return raw;
    }

    /** Time from a meeting's 201 until GET activities on the query service shows it. */
    private Double lagProbe() {
        long probe = probeIds.incrementAndGet();
        String id = "lag-" + probe;
        // each probe on its own day, read back with from=to=that day: the answer stays one meeting long however
        // many probes ran before, so the lag measured is not the time to serialise a growing list
        String date = java.time.LocalDate.of(2023, 1, 1).plusDays(probe % 1800).toString();
        Api.Answer written = workload.meeting(Workload.LAG_PROJECT, id, date);
        long answered = System.nanoTime();
        if (!written.ok()) {
            return null;
        }
        positionSeen.compareAndSet(false, written.position().isPresent());
        String url = platform.queryUrl() + "/api/projects/" + Workload.LAG_PROJECT + "/activities?from=" + date + "&to=" + date;
        String quoted = "\"" + id + "\"";
        while (System.nanoTime() - answered < PROBE_TIMEOUT_MS * 1_000_000) {
            Api.Answer read = written.position().isPresent()
                    ? api.send("GET", url, workload.coordinatorToken(), null, Api.MIN_POSITION,
                    Long.toString(written.position().getAsLong()))
                    : api.send("GET", url, workload.coordinatorToken(), null);
            if (read.status() == 200 && read.body().contains(quoted)) {
                return (System.nanoTime() - answered) / 1e6;
            }
            if (read.status() != 503) {
                sleep(5);
            }
        }
        return (double) PROBE_TIMEOUT_MS;
    }

    private List<Double> lagAtIdle() {
        say("projection lag at idle: %d meetings, each read back from the query service", options.lagProbes);
        List<Double> samples = new ArrayList<>();
        java.util.Random random = new java.util.Random();
        for (int i = 0; i < options.lagProbes; i++) {
            Double lag = lagProbe();
            if (lag != null) {
                samples.add(lag);
            }
            sleep(100 + random.nextInt(150)); // not in step with any polling period
        }
        Map<String, Object> summary = Stats.summary(samples);
        figures.put("lagIdleMs", summary);
        figures.put("lagReadsWith", positionSeen.get() ? "Samverkan-Min-Position (the write answered Samverkan-Position)"
                : "polling every 5 ms (the write answered no Samverkan-Position)");
        say("  p50 %s ms, p99 %s ms", summary.get("p50"), summary.get("p99"));
        return samples;
    }

    private Map<String, Object> tokenAcceptance() {
        say("fresh tokens: %d issued, each used on the query service at once", options.tokenProbes);
        List<Double> delays = new ArrayList<>();
        int atOnce = 0;
        for (int i = 0; i < options.tokenProbes; i++) {
            JsonNode issued = api.expect(201, "POST", platform.commandUrl() + "/api/admin/tokens", adminToken,
                    ordered("name", "bench probe " + i, "role", "COORDINATOR", "projects", List.of(Workload.LAG_PROJECT))).json();
            long answered = System.nanoTime();
            String token = issued.get("token").asText();
            boolean first = true;
            while (System.nanoTime() - answered < PROBE_TIMEOUT_MS * 1_000_000) {
                Api.Answer read = api.send("GET", platform.queryUrl() + "/api/projects/" + Workload.LAG_PROJECT, token, null);
                if (read.status() == 200) {
                    atOnce += first ? 1 : 0;
                    break;
                }
                first = false;
                sleep(5);
            }
            delays.add((System.nanoTime() - answered) / 1e6);
            sleep(200);
        }
        Map<String, Object> result = ordered("samples", options.tokenProbes, "acceptedOnFirstRequest", atOnce,
                "p50Ms", Stats.round(Stats.median(delays)), "maxMs", Stats.round(Stats.percentile(delays, 100)));
        figures.put("freshToken", result);
        say("  %d of %d accepted on the first request; until accepted p50 %s ms", atOnce, options.tokenProbes, result.get("p50Ms"));
        return result;
    }

    /** Quiet before the idle measurement: the last requests' work (batches, wake-ups, claims) has settled. */
    private static final int QUIET_SECONDS = 10;

    private Map<String, Double> idleCpu() throws InterruptedException {
        say("idle CPU over %d s (once the query service has caught up, after %d s of quiet)", options.idleSeconds, QUIET_SECONDS);
        waitCaughtUp();
        sleep(QUIET_SECONDS * 1000L);
        long postgres = platform.postgresPid();
        double q0 = Proc.cpuSeconds(platform.queryPid(), false);
        double qJit0 = Proc.jitCompilerCpuSeconds(platform.queryPid());
        double c0 = Proc.cpuSeconds(platform.commandPid(), false);
        double p0 = Proc.postgresCpuSeconds(postgres);
        long t0 = System.nanoTime();
        sleep(options.idleSeconds * 1000L);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("query", 100 * (Proc.cpuSeconds(platform.queryPid(), false) - q0) / seconds);
        cpu.put("postgres", 100 * (Proc.postgresCpuSeconds(postgres) - p0) / seconds);
        cpu.put("command", 100 * (Proc.cpuSeconds(platform.commandPid(), false) - c0) / seconds);
        // part of the query figure, not subtracted from it: what the JIT compiler still did
        cpu.put("queryJitCompiler", 100 * (Proc.jitCompilerCpuSeconds(platform.queryPid()) - qJit0) / seconds);
        figures.put("idleCpuPercentOfCore", roundAll(cpu));
        say("  query %.2f%% (of it the JIT compiler %.2f%%), PostgreSQL %.2f%%, command %.2f%% of a core", cpu.get("query"),
                cpu.get("queryJitCompiler"), cpu.get("postgres"), cpu.get("command"));
        return cpu;
    }

    private Map<String, Double> throughput() throws InterruptedException {
        Map<String, Double> medians = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        for (int clients : CLIENTS) {
            List<Double> reps = new ArrayList<>();
            List<Double> latencies = new ArrayList<>();
            long failed = 0;
            Map<String, Long> failures = new LinkedHashMap<>();
            double[] cpuMsInAll = new double[4];
            long commandsRun = 0;
            for (int rep = 0; rep < options.repetitions; rep++) {
                say("commands over HTTP: %d client(s), %.0f s warm-up + %.0f s", clients, options.warmUpSeconds, options.loadSeconds);
                double[] cpu0 = cpuSeconds();
                Load.Result result = Load.closed(workload::next, clients, options.warmUpSeconds, options.loadSeconds);
                double[] cpu1 = cpuSeconds();
                double[] cpuMs = cpuMsPer(cpu0, cpu1, 1);
                for (int i = 0; i < cpuMs.length; i++) {
                    cpuMsInAll[i] += cpuMs[i];
                }
                commandsRun += result.okIncludingWarmUp();
                reps.add(result.perSecond());
                latencies.addAll(result.latenciesMs());
                failed += result.failed();
                result.failures().forEach((k, v) -> failures.merge(k, v, Long::sum));
                say("  %.0f commands/s (%d failed), p50 %s ms, p99 %s ms", result.perSecond(), result.failed(),
                        Stats.round(Stats.percentile(result.latenciesMs(), 50)), Stats.round(Stats.percentile(result.latenciesMs(), 99)));
            }
            medians.put(Integer.toString(clients), Stats.median(reps));
            double[] perCommand = new double[cpuMsInAll.length];
            for (int i = 0; i < perCommand.length; i++) {
                perCommand[i] = cpuMsInAll[i] / commandsRun;
            }
            details.put(Integer.toString(clients), ordered("perSecondMedian", Stats.round(Stats.median(reps)),
                    "runs", reps.stream().map(Stats::round).toList(), "latencyMs", Stats.summary(latencies),
                    "failed", failed, "failures", failures, "cpuMsPerCommand", byProcess(perCommand)));
            say("  CPU per command: command JVM %.2f ms, PostgreSQL %.2f ms, query JVM %.2f ms (the bench's clients %.2f ms)",
                    perCommand[0], perCommand[1], perCommand[2], perCommand[3]);
        }
        figures.put("commands", details);
        return medians;
    }

    /**
     * CPU seconds so far of the command JVM, PostgreSQL, the query JVM (0 once it is stopped) and this bench, whose
     * HTTP clients share the machine's cores with the platform (pgbench's client, in the raw baseline, is far lighter).
     */
    private double[] cpuSeconds() {
        return new double[]{Proc.cpuSeconds(platform.commandPid(), false), Proc.postgresCpuSeconds(platform.postgresPid()),
                platform.queryRunning() ? Proc.cpuSeconds(platform.queryPid(), false) : 0,
                Proc.cpuSeconds(ProcessHandle.current().pid(), false)};
    }

    /** Milliseconds of CPU per unit of work between two readings of {@link #cpuSeconds()}, process by process. */
    private static double[] cpuMsPer(double[] before, double[] after, long units) {
        double[] perUnit = new double[before.length];
        for (int i = 0; i < perUnit.length; i++) {
            perUnit[i] = 1000 * (after[i] - before[i]) / units;
        }
        return perUnit;
    }

    /** The figures of {@link #cpuMsPer}, named by process for the JSON. */
    private static Map<String, Object> byProcess(double[] cpuMs) {
        return ordered("command", Stats.round(cpuMs[0]), "postgres", Stats.round(cpuMs[1]), "query", Stats.round(cpuMs[2]),
                "benchClient", Stats.round(cpuMs[3]));
    }

    private void halfLoad(double throughput16) throws Exception {
        double rate = Math.max(1, throughput16 / 2);
        say("half load: %.0f commands/s for %.0f s, projection lag probed meanwhile", rate, options.halfLoadSeconds);
        Load.Result result;
        List<Double> lag;
        try (Load.Prober prober = new Load.Prober(this::lagProbe, 100)) {
            result = Load.fixedRate(workload::next, rate, options.halfLoadSeconds);
            prober.close();
            lag = prober.samples();
        }
        figures.put("halfLoadRate", Stats.round(rate));
        figures.put("halfLoadAchieved", Stats.round(result.perSecond()));
        figures.put("halfLoadFailed", result.failed());
        figures.put("halfLoadLatencyMs", Stats.summary(result.latenciesMs()));
        figures.put("lagHalfLoadMs", Stats.summary(lag));
        say("  latency p50 %s ms, p99 %s ms (%d failed); lag p50 %s ms, p99 %s ms over %d probes",
                Stats.round(Stats.percentile(result.latenciesMs(), 50)), Stats.round(Stats.percentile(result.latenciesMs(), 99)),
                result.failed(), Stats.round(Stats.percentile(lag, 50)), Stats.round(Stats.percentile(lag, 99)), lag.size());
    }

    private void fill(Database database, long target) throws Exception {
        long count = database.eventCount();
        while (count < target) {
            Load.Result result = Load.closed(workload::next, 16, 0, 20);
            count = database.eventCount();
            say("filling the store: %d of %d events (%.0f commands/s, %d failed)", count, target, result.perSecond(),
                    result.failed());
            fillFailures.addAndGet(result.failed());
        }
    }

    private Map<String, Object> rebuild(Database database) throws Exception {
        say("waiting for the query service to catch up");
        waitCaughtUp();
        long events = database.eventCount();
        say("raw sequential read of %d events (JDBC, then COPY; each once to warm the cache, then measured)", events);
        database.sequentialReadJdbc();
        double jdbc = database.sequentialReadJdbc();
        database.sequentialReadCopy();
        double copy = database.sequentialReadCopy();
        say("  JDBC %.0f rows/s, COPY %.0f rows/s", jdbc, copy);
        say("rebuild of every read model from %d events (POST /api/admin/rebuild)", events);
        String url = platform.queryUrl() + "/api/admin/rebuild";
        long t0 = System.nanoTime();
        Api.Answer started = api.send("POST", url, adminToken, null);
        if (started.status() != 202) {
            throw new IllegalStateException("POST /api/admin/rebuild answered " + started.status() + ": " + started.body());
        }
        JsonNode status;
        long lastSaid = System.nanoTime();
        while (true) {
            status = api.expect(200, "GET", url, adminToken, null).json();
            String state = status.path("state").asText();
            if (state.equals("DONE") || state.equals("FAILED")) {
                break;
            }
            if (System.nanoTime() - lastSaid > 10_000_000_000L) {
                say("  %s", progress(status));
                lastSaid = System.nanoTime();
            }
            sleep(50);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (status.path("state").asText().equals("FAILED")) {
            throw new IllegalStateException("the rebuild failed: " + status.path("error").asText());
        }
        double seconds = wall;
        try {
            seconds = (Instant.parse(status.path("finishedAt").asText()).toEpochMilli()
                    - Instant.parse(status.path("startedAt").asText()).toEpochMilli()) / 1000.0;
        } catch (RuntimeException e) {
            // no times in the answer: the wall clock, 50 ms coarser, stands
        }
        double rate = events / seconds;
        say("  %.1f s: %.0f events/s = %.3f x COPY", seconds, rate, rate / copy);
        Map<String, Object> result = ordered("events", events, "seconds", Stats.round(seconds), "eventsPerSecond", Stats.round(rate),
                "jdbcReadRowsPerSecond", Stats.round(jdbc), "copyRowsPerSecond", Stats.round(copy),
                "ratioToCopy", ratio(rate, copy), "ratioToJdbcRead", ratio(rate, jdbc));
        figures.put("rebuild", result);
        figures.put("rawRead", ordered("jdbc", Stats.round(jdbc), "copy", Stats.round(copy)));
        rawReadRates.put("copy", copy);
        rawReadRates.put("jdbcRead", jdbc);
        return result;
    }

    /** Until every processor the rebuild status lists has reached the newest event (at most 15 minutes). */
    private void waitCaughtUp() {
        long deadline = System.nanoTime() + 900_000_000_000L;
        long lastSaid = System.nanoTime();
        while (System.nanoTime() < deadline) {
            JsonNode status = api.expect(200, "GET", platform.queryUrl() + "/api/admin/rebuild", adminToken, null).json();
            boolean behind = false;
            for (JsonNode processor : status.path("processors")) {
                behind |= processor.path("position").asLong() < processor.path("head").asLong();
            }
            if (!behind) {
                return;
            }
            if (System.nanoTime() - lastSaid > 10_000_000_000L) {
                say("  %s", progress(status));
                lastSaid = System.nanoTime();
            }
            sleep(200);
        }
        say("  the query service did not catch up within 15 minutes; rebuilding anyway");
    }

    private static String progress(JsonNode status) {
        List<String> parts = new ArrayList<>();
        for (JsonNode processor : status.path("processors")) {
            parts.add(processor.path("name").asText() + " " + processor.path("percent").asText() + "%");
        }
        return String.join(", ", parts);
    }

    // ---- output ----------------------------------------------------------------------------------------------

    private Path writeJson() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("measuredAt", Instant.now().toString());
        root.put("mode", options.commandsOnly ? "commands-only" : options.quick ? "quick" : "full");
        root.put("machine", machine());
        root.put("versions", ordered("java", System.getProperty("java.version"), "javaVm", System.getProperty("java.vm.name"),
                "postgres", ((Map<?, ?>) figures.get("postgres")).get("server_version"), "pgbench", pgbenchVersion()));
        root.put("git", git());
        root.put("settings", ordered("repetitions", options.repetitions, "loadSeconds", options.loadSeconds,
                "warmUpSeconds", options.warmUpSeconds, "halfLoadSeconds", options.halfLoadSeconds,
                "baselineSeconds", options.baselineSeconds, "answersPerReport", options.answersPerReport, "lagProbes", options.lagProbes, "targetEvents",
                options.quick ? null : options.events));
        root.put("figures", figures);
        List<Map<String, Object>> table = new ArrayList<>();
        for (Row row : rows) {
            table.add(ordered("figure", row.figure(), "measured", row.measured(), "target", row.target(), "verdict", row.verdict()));
        }
        root.put("table", table);
        root.put("durationSeconds", Stats.round((System.nanoTime() - startedAt) / 1e9));
        Path out = options.out != null ? options.out : options.root.resolve("ops/benchmark/target/results")
                .resolve("bench-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
                        + (options.quick ? "-quick" : "") + ".json");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), root);
        return out;
    }

    private void printTable() {
        int w1 = rows.stream().mapToInt(r -> r.figure().length()).max().orElse(10);
        int w2 = rows.stream().mapToInt(r -> r.measured().length()).max().orElse(10);
        int w3 = rows.stream().mapToInt(r -> r.target().length()).max().orElse(10);
        String format = "%-" + w1 + "s | %-" + w2 + "s | %-" + w3 + "s | %s%n";
        System.out.println();
        System.out.printf(format, "figure", "measured", "target", "");
        System.out.println("-".repeat(w1 + w2 + w3 + 16));
        for (Row row : rows) {
            System.out.printf(format, row.figure(), row.measured(), row.target(), row.verdict());
        }
        System.out.println();
    }

    private Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    machine.put("memoryMiB", Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
            Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .ifPresent(l -> machine.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
        } catch (IOException e) {
            // not Linux: leave them out
        }
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("sharedWithOtherWork", options.note);
        return machine;
    }

    private Map<String, Object> git() {
        String commit = runQuietly(options.root, "git", "rev-parse", "HEAD");
        String dirty = runQuietly(options.root, "git", "status", "--porcelain", "--untracked-files=no");
        return ordered("commit", commit, "dirty", dirty == null ? null : !dirty.isEmpty());
    }

    private String pgbenchVersion() {
        return Database.pgbenchAvailable() ? runQuietly(options.root, "/usr/bin/pgbench", "--version") : null;
    }

    private static String runQuietly(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            return process.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    // ---- small helpers ---------------------------------------------------------------------------------------

    private void say(String format, Object... args) {
        long elapsed = (System.nanoTime() - startedAt) / 1_000_000_000L;
        System.out.printf(Locale.ROOT, "[%02d:%02d] %s%n", elapsed / 60, elapsed % 60, String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /** A ratio to four decimals, for the JSON. */
    private static Double ratio(double numerator, double denominator) {
        double ratio = Stats.ratio(numerator, denominator);
        return Double.isNaN(ratio) ? null : Math.round(ratio * 10_000) / 10_000.0;
    }

    /** Whether the server acknowledges a commit only once it is on disk, as DESIGN.md requires. */
    private static boolean durable(Map<String, Object> pg) {
        return "on".equals(pg.get("fsync")) && !"off".equals(pg.get("synchronous_commit"))
                && !"local".equals(pg.get("synchronous_commit")) && "on".equals(pg.get("full_page_writes"));
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static Map<String, Object> roundAll(Map<String, Double> values) {
        Map<String, Object> rounded = new LinkedHashMap<>();
        values.forEach((k, v) -> rounded.put(k, Stats.round(v)));
        return rounded;
    }

    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
