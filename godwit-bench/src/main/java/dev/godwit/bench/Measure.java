package dev.godwit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Wall time, peak memory and CPU time of whole commands, measured by GNU time ({@code /usr/bin/time -f "%e %M %U %S"}):
 * the kernel's own maximum resident set size of the child, so a JVM and a native binary are measured alike.
 */
public final class Measure {

    /** One run of a command: wall seconds, peak resident set in MiB, exit code, CPU seconds (user + system). */
    public record Run(double seconds, double peakMib, int exitCode, double cpuSeconds) {}

    /** The medians of several runs. */
    public record Summary(String name, List<Run> runs, double medianSeconds, double medianPeakMib) {

        public String row() {
            return String.format(Locale.ROOT, "| %s | %.3f s | %.1f MiB | %d |", name, medianSeconds, medianPeakMib,
                    runs.size());
        }
    }

    private Measure() {}

    /** {@code measure N command...}: the medians of N runs of one command, for a quick look. */
    public static String main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        List<String> command = List.of(args).subList(1, args.length);
        String row = repeat(String.join(" ", command), n, command).row();
        System.out.println(row);
        return row;
    }

    /** Runs {@code command} {@code n} times; every run must exit 0 (a benchmark of a failure measures nothing). */
    public static Summary repeat(String name, int n, List<String> command) throws IOException, InterruptedException {
        return repeat(name, n, command, Set.of(0));
    }

    /**
     * Runs {@code command} {@code n} times; every run must end with one of {@code accepted} exit codes (a linter
     * that found something exits non-zero by design; any other code means it measured a failure).
     */
    public static Summary repeat(String name, int n, List<String> command, Set<Integer> accepted)
            throws IOException, InterruptedException {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(accepted(name, once(command), accepted, i + 1));
        }
        return new Summary(name, runs, median(runs, Run::seconds), median(runs, Run::peakMib));
    }

    /** {@code r}, when its exit code is one of {@code accepted}; otherwise fails, naming the run. */
    public static Run accepted(String name, Run r, Set<Integer> accepted, int run) {
        if (!accepted.contains(r.exitCode())) {
            throw new IllegalStateException(name + " exited " + r.exitCode() + " on run " + run + " (accepted: "
                    + new TreeSet<>(accepted) + ")");
        }
        return r;
    }

    /** One run; its own output goes to a file that is thrown away, so printing costs what it costs. */
    public static Run once(List<String> command) throws IOException, InterruptedException {
        Path times = Files.createTempFile("godwit-bench-time", ".txt");
        Path out = Files.createTempFile("godwit-bench-out", ".txt");
        try {
            List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%e %M %U %S"));
            timed.addAll(command);
            long start = System.nanoTime();
            Process p = new ProcessBuilder(timed).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            int exit = p.waitFor();
            // wall time from here: GNU time gives hundredths, and a native linter on a small project takes less
            double wall = (System.nanoTime() - start) / 1e9;
            String[] last = lastLine(Files.readAllLines(times)).trim().split("\\s+");
            return new Run(wall, Long.parseLong(last[1]) / 1024.0, exit,
                    Double.parseDouble(last[2]) + Double.parseDouble(last[3]));
        } finally {
            Files.deleteIfExists(times);
            Files.deleteIfExists(out);
        }
    }

    /** GNU time writes "Command exited with non-zero status N" before the figures when the command fails. */
    private static String lastLine(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    /** The median of one measure of several runs, e.g. {@code median(runs, Run::seconds)}. */
    public static <T> double median(List<T> runs, java.util.function.ToDoubleFunction<T> measure) {
        return median(runs.stream().mapToDouble(measure).toArray());
    }

    public static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** {@code a} then {@code b}, as one new list. */
    public static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The path of the CLI jar this checkout built ({@code godwit-cli/target/godwit.jar}). */
    public static Path godwitJar() {
        Path jar = Path.of(System.getProperty("godwit.jar", "godwit-cli/target/godwit.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -DskipTests package");
        }
        return jar;
    }
}
