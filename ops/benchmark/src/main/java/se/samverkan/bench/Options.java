package se.samverkan.bench;

import java.nio.file.Path;

/** The command line of ops/bench. */
final class Options {

    private static final String USAGE = """
            ops/bench [--quick] [--events N] [--repetitions R] [--seconds S] [--answers-per-report A] [--jdbc-baseline] [--out FILE] [--keep]
                      [--note TEXT] [--root DIR] [--commands-only] [--jfr FILE]
              --quick          under 3 minutes: one repetition of short load steps, the store only as large as they make it
              (full mode)      three repetitions of 30 s steps, then fills the store to N events before the rebuild
              --events N       full mode: events in the store before the rebuild and the restart (default 100000)
              --repetitions R  repetitions of each load step, the median is reported (quick 1, full 3)
              --seconds S      seconds measured per load step (quick 6, full 30)
              --answers-per-report A  answers a project's report gets before its next report is drafted (default 150)
              --jdbc-baseline  measure the raw append baseline with JDBC even when pgbench is installed
              --out FILE       where the JSON goes (default ops/benchmark/target/results/bench-<time>.json)
              --keep           keep the temporary data folder (database and service logs) afterwards
              --note TEXT      a remark stored with the figures, e.g. "machine shared with other builds"
              --root DIR       the Samverkan checkout whose service jars are run (default: the current folder)
              --commands-only  only the commands at 1/4/16 clients, with the SQL statements per command
                               (pg_stat_statements, loaded by one restart) beside the CPU per command
              --jfr FILE       record the command JVM with Java Flight Recorder (profile settings) into FILE
            """;

    boolean quick;
    long events = 100_000;
    int repetitions = 3;
    double loadSeconds = 30;
    double warmUpSeconds = 5;
    double halfLoadSeconds = 60;
    int baselineSeconds = 10;
    int lagProbes = 100;
    int tokenProbes = 20;
    int idleSeconds = 30;
    int answersPerReport = 150;
    boolean jdbcBaseline;
    boolean keep;
    boolean commandsOnly;
    Path jfr;
    String note;
    Path out;
    Path root = Path.of("").toAbsolutePath();

    /** The options, or null after printing the usage for --help. */
    static Options parse(String[] args) {
        Options options = new Options();
        Integer repetitions = null;
        Double seconds = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> options.quick = true;
                case "--events" -> options.events = Long.parseLong(value(args, ++i, arg));
                case "--repetitions" -> repetitions = Integer.parseInt(value(args, ++i, arg));
                case "--seconds" -> seconds = Double.parseDouble(value(args, ++i, arg));
                case "--answers-per-report" -> options.answersPerReport = Integer.parseInt(value(args, ++i, arg));
                case "--jdbc-baseline" -> options.jdbcBaseline = true;
                case "--out" -> options.out = Path.of(value(args, ++i, arg));
                case "--keep" -> options.keep = true;
                case "--commands-only" -> options.commandsOnly = true;
                case "--jfr" -> options.jfr = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "--note" -> options.note = value(args, ++i, arg);
                case "--root" -> options.root = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
        }
        if (options.quick) {
            options.repetitions = 1;
            options.loadSeconds = 6;
            options.warmUpSeconds = 2;
            options.halfLoadSeconds = 12;
            options.baselineSeconds = 3;
            options.lagProbes = 15;
            options.tokenProbes = 5;
            options.idleSeconds = 10;
        }
        if (repetitions != null) {
            options.repetitions = repetitions;
        }
        if (seconds != null) {
            options.loadSeconds = seconds;
        }
        return options;
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
