package dev.godwit.cli.torture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The suite's counters (trials, faults injected, bad inputs tried, commands run, failures), written to
 * {@code target/torture-summary.txt} after every test, so that the file always describes the run so far and the
 * README can quote the last long run.
 */
public final class TortureSummary implements TestWatcher {

    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    private static final Instant STARTED = Instant.now();

    /** How many trials the kill and crash tests run: {@code -Dtorture=long} for the big counts. */
    static boolean longRun() {
        return "long".equals(System.getProperty("torture", "ci"));
    }

    static int size(int ci, int longRun) {
        return Integer.getInteger("torture.trials", longRun() ? longRun : ci);
    }

    static void add(String counter, long n) {
        COUNTS.computeIfAbsent(counter, k -> new AtomicLong()).addAndGet(n);
    }

    static void count(String counter) {
        add(counter, 1);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        count("tests passed");
        write();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        count("failures");
        write();
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        count("tests skipped");
        write();
    }

    private static long sum(Map<String, Long> counts, String prefix) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
    }

    static synchronized void write() {
        StringBuilder out = new StringBuilder("Godwit torture suite (" + (longRun() ? "long" : "ci") + " size), started "
                + STARTED + ", written " + Instant.now() + "\n");
        COUNTS.putIfAbsent("failures", new AtomicLong());
        Map<String, Long> now = new TreeMap<>();
        COUNTS.forEach((k, v) -> now.put(k, v.get()));
        out.append(String.format("%-60s %d%n", "TRIALS (kill -9, crash, concurrent runs, signals, lost locks, poolers)",
                sum(now, "trials: ")));
        out.append(String.format("%-60s %d%n", "FAULTS INJECTED", sum(now, "faults injected: ")));
        out.append(String.format("%-60s %d%n", "BAD INPUTS TRIED", now.getOrDefault("bad inputs tried", 0L)));
        out.append(String.format("%-60s %d%n", "FAILURES", now.get("failures")));
        out.append(String.format("%-60s %d%n", "DOUBLE APPLICATIONS (must be 0)", now.getOrDefault("double applications", 0L)));
        out.append(String.format("%-60s %d%n", "ORPHANED LOCKS (must be 0)", now.getOrDefault("orphaned locks", 0L)));
        out.append(String.format("%-60s %d%n", "PLAINTEXT FILES LEFT (must be 0)", now.getOrDefault("plaintext files left", 0L)));
        out.append("\n");
        now.forEach((k, v) -> out.append(String.format("%-60s %d%n", k, v)));
        try {
            Path file = Path.of("target", "torture-summary.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, out);
        } catch (IOException e) {
            System.err.println("could not write the torture summary: " + e.getMessage());
        }
    }
}
