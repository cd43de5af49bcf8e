package dev.godwit.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench/run [NAME [args]]}: runs one side-by-side benchmark, or all of them, and prints each one's
 * table, then one summary line per benchmark. Each benchmark is one class with a {@code main}-like
 * {@link Benchmark#run} that returns its summary line; add it to {@link #ALL}.
 */
public final class Bench {

    /** One benchmark: prints what it measured, in a table a reader can paste into RESULTS.md. */
    @FunctionalInterface
    public interface Benchmark {
        /** @return the one-line summary: what was compared, the medians, the ratio, the target */
        String run(String[] args) throws Exception;
    }

    static final Map<String, Benchmark> ALL = new LinkedHashMap<>();
    /** Tools, not benchmarks: left out when everything runs. */
    static final Set<String> TOOLS = Set.of("measure");

    static {
        ALL.put("measure", Measure::main);
        ALL.put("apply", ApplyBench::main);
        ALL.put("startup", StartupBench::main);
        ALL.put("live", LiveBench::main);
        ALL.put("lint", LintBench::main);
        ALL.put("backup", BackupBench::main);
        ALL.put("backup-s3", BackupS3Bench::main);
        ALL.put("checks", ChecksBench::main);
        ALL.put("spring", SpringStartupBench::main);
        ALL.put("backfill", BackfillBench::main);
        ALL.put("fleet", FleetBench::main);
        ALL.put("projects", ProjectsBench::main);
    }

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("all")) {
            List<String> summaries = new ArrayList<>();
            for (Map.Entry<String, Benchmark> e : ALL.entrySet()) {
                if (!TOOLS.contains(e.getKey())) {
                    System.out.println("## " + e.getKey() + " (" + Load.now() + ")");
                    summaries.add(summary(e.getKey(), e.getValue().run(new String[0])));
                }
            }
            System.out.println();
            summaries.forEach(System.out::println);
            return;
        }
        if (!ALL.containsKey(args[0])) {
            System.err.println("usage: bench/run [NAME [args]]; NAME is one of " + ALL.keySet() + " (none: all but "
                    + TOOLS + ")");
            System.exit(2);
        }
        System.out.println("## " + args[0] + " (" + Load.now() + ")");
        String line = ALL.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
        System.out.println();
        System.out.println(summary(args[0], line));
    }

    /** {@code summary: NAME: line}, one line whatever the benchmark printed (bench/run's last lines). */
    static String summary(String name, String line) {
        return "summary: " + name + ": " + line.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
