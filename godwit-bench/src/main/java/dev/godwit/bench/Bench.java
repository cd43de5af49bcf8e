package dev.godwit.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code godwit-bench/run NAME [args]}: runs one side-by-side benchmark and prints its table. Each benchmark
 * is one class with a {@code main}-like {@link Benchmark#run}; add it to {@link #ALL}.
 */
public final class Bench {

    /** One benchmark: prints what it measured, in a table a reader can paste into the README. */
    @FunctionalInterface
    public interface Benchmark {
        void run(String[] args) throws Exception;
    }

    static final Map<String, Benchmark> ALL = new LinkedHashMap<>();

    static {
        ALL.put("measure", Measure::main);
        ALL.put("backup", BackupBench::main);
        ALL.put("checks", ChecksBench::main);
        ALL.put("lint", LintBench::main);
    }

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !ALL.containsKey(args[0])) {
            System.err.println("usage: godwit-bench/run NAME [args]; NAME is one of " + ALL.keySet());
            System.exit(2);
        }
        ALL.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
    }
}
