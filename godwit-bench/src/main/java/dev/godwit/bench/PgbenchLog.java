package dev.godwit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * pgbench's per-transaction log ({@code --log}, one file per thread): {@code client_id transaction_no time
 * script_no time_epoch time_us [schedule_lag]}, where {@code time} is the latency in microseconds (with
 * {@code --rate}, counted from the transaction's scheduled start, so a client held up by a lock shows it even if
 * it started late) or {@code failed} for a transaction that failed, and {@code time_epoch.time_us} is when it
 * ended.
 */
final class PgbenchLog {

    /** One transaction: when it ended (µs since the epoch), its latency (µs), whether it failed. */
    record Txn(long endMicros, long latencyMicros, boolean failed) {

        long startMicros() {
            return endMicros - latencyMicros;
        }

        /** Whether it was running at some time in [from, to] (µs since the epoch). */
        boolean overlaps(long from, long to) {
            return endMicros >= from && startMicros() <= to;
        }
    }

    /**
     * Latency percentiles of the transactions of one window, in milliseconds, the failures, and how many took
     * longer than 100 ms (the backfill benchmark's target).
     */
    record Stats(int transactions, int failed, double p50Ms, double p99Ms, double maxMs, int over100Ms) {

        String row(String name) {
            return String.format(Locale.ROOT, "| %s | %d | %.1f ms | %.1f ms | %.1f ms | %d | %d |", name,
                    transactions, p50Ms, p99Ms, maxMs, failed, over100Ms);
        }
    }

    private PgbenchLog() {}

    static Txn parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 6) {
            throw new IllegalArgumentException("not a pgbench log line: " + line);
        }
        long end = Long.parseLong(f[4]) * 1_000_000 + Long.parseLong(f[5]);
        if (f[2].equals("failed")) {
            return new Txn(end, 0, true);
        }
        return new Txn(end, Long.parseLong(f[2]), false);
    }

    /** Every transaction in the files {@code prefix.*} of {@code dir} (pgbench writes one per thread). */
    static List<Txn> read(Path dir, String prefix) throws IOException {
        List<Txn> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix + ".")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.isBlank() || i == lines.size() - 1 && line.trim().split("\\s+").length < 6) {
                        continue; // pgbench stopped by SIGINT may leave its last line cut
                    }
                    all.add(parse(line));
                }
            }
        }
        return all;
    }

    /** The transactions that ran at some time in [from, to] (µs since the epoch). */
    static Stats stats(List<Txn> txns, long from, long to) {
        List<Txn> in = txns.stream().filter(t -> t.overlaps(from, to)).toList();
        int failed = (int) in.stream().filter(Txn::failed).count();
        double[] ms = in.stream().filter(t -> !t.failed()).mapToDouble(t -> t.latencyMicros() / 1000.0).toArray();
        Arrays.sort(ms);
        int over100 = (int) Arrays.stream(ms).filter(m -> m > 100).count();
        return new Stats(in.size(), failed, percentile(ms, 50), percentile(ms, 99), ms.length == 0 ? 0 : ms[ms.length - 1],
                over100);
    }

    /** Nearest-rank percentile of sorted values; 0 when there are none. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
