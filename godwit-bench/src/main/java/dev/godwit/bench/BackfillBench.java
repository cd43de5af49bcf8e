package dev.godwit.bench;

import dev.godwit.testing.HotStandby;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run backfill [SCALE] [RATE] [SIZE] [PAUSE]}: backfilling a new column of a large table while an
 * application writes to it. {@code pgbench -i -s SCALE} makes {@code pgbench_accounts} (SCALE × 100,000 rows; default
 * 10: 1,000,000), a column {@code balance_cents bigint} is added, and 8 pgbench clients run LiveBench's script (read
 * and update one random account, in one transaction) at RATE transactions per second in all (default 400). 5 s in,
 * the backfill {@code UPDATE pgbench_accounts SET balance_cents = abalance * 100} runs: once as Godwit's batched
 * backfill ({@code -- godwit:batch size=SIZE pause=PAUSE}, default 2000 and 20ms) and once as the single UPDATE a
 * runbook would write (psql), each on a fresh copy. The load lasts until the backfill has ended plus 5 s. From
 * pgbench's per-transaction log: the clients' p50, p99 and max latency and failed transactions while the backfill
 * ran; the backfill's time; the WAL written meanwhile ({@code pg_current_wal_lsn()} before and after, the clients'
 * own WAL included); the peak replication lag of a real streaming standby ({@code pg_basebackup -R} of the primary,
 * replaying on the same machine), sampled from the primary's {@code pg_stat_replication} every 100 ms while the
 * backfill runs: {@code replay_lag} and the bytes not yet replayed. The batched form throttles on that standby
 * ({@code max_lag=MAX_LAG}, default 1s). Target for the batched form: no client transaction over 100 ms, none
 * failed.
 */
public final class BackfillBench {

    private static final long BACKFILL_AT_MS = 5_000;

    private BackfillBench() {}

    record Result(String name, PgbenchLog.Stats before, PgbenchLog.Stats during, double seconds, long walBytes,
                  Lag lag, int exit) {}

    /** The worst the standby fell behind while a backfill ran. */
    record Lag(double seconds, long bytes) {}

    public static String main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        // 2,000 rows a batch: 10,000 held row locks long enough (about 120 ms with fsync on) for a client that
        // touched one of those rows to wait over 100 ms (bench/RESULTS.md, backfill).
        String size = args.length > 2 ? args[2] : "2000";
        String pause = args.length > 3 ? args[3] : "20ms";
        String maxLag = args.length > 4 ? args[4] : "1s";
        Path jar = Measure.godwitJar();
        Path launcher = jar.getParent().getParent().getParent().resolve("godwit");
        Path work = Files.createTempDirectory("godwit-bench-backfill-");
        // fsync on, as in production (the tests' servers turn it off).
        try (HotStandby pg = HotStandby.start(Map.of("fsync", "on", "max_wal_size", "4GB"))) {
            int port = pg.primaryPort();
            Path dir = Files.createDirectories(work.resolve("migrations"));
            Files.writeString(dir.resolve("V1__backfill_cents.sql"), "-- godwit:batch size=" + size + " pause=" + pause
                    + " max_lag=" + maxLag + "\nupdate pgbench_accounts set balance_cents = abalance * 100;\n");
            Path toml = Files.writeString(work.resolve("godwit.toml"), "[migrations]\nlocations = [\"migrations\"]\n");
            Files.writeString(work.resolve("client.sql"), LiveBench.SCRIPT);
            Files.createDirectories(work.resolve("none"));
            Path empty = Files.writeString(work.resolve("empty.toml"), "[migrations]\nlocations = [\"none\"]\n");
            // The launcher's first run builds its class-data archive: not part of the measurement.
            Measure.accepted("./godwit migrate", Measure.once(List.of(launcher.toString(), "--url", "postgres://postgres@"
                    + "localhost:" + port + "/postgres", "--config", empty.toString(), "migrate")), Set.of(0), 0);
            List<Result> results = new ArrayList<>();
            results.add(scenario(pg, work, scale, "godwit-batched", rate, db -> List.of(launcher.toString(), "--url",
                    "postgres://postgres@localhost:" + port + "/" + db, "--config", toml.toString(), "migrate")));
            results.add(scenario(pg, work, scale, "single-update", rate, db -> List.of("psql", "-X", "-q", "-h",
                    "localhost", "-p", Integer.toString(port), "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1",
                    "-c", "update pgbench_accounts set balance_cents = abalance * 100")));
            return table(results, scale, rate, size + " pause=" + pause + " max_lag=" + maxLag);
        } finally {
            try (var walk = Files.walk(work)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private interface Backfill {
        List<String> command(String db);
    }

    private static Result scenario(HotStandby pg, Path work, int scale, String name, int rate, Backfill backfill)
            throws Exception {
        String db = "backfill_" + name.replace('-', '_');
        String admin = "jdbc:postgresql://localhost:" + pg.primaryPort() + "/postgres";
        execute(admin, "create database " + db);
        List<String> conn = List.of("-h", "localhost", "-p", Integer.toString(pg.primaryPort()), "-U", "postgres");
        run(Measure.concat(Measure.concat(List.of("pgbench", "-i", "-q", "-s", Integer.toString(scale), "-I", "dtGvp"),
                conn), List.of(db)), work.resolve(name + "-init.out"));
        String url = "jdbc:postgresql://localhost:" + pg.primaryPort() + "/" + db;
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("alter table pgbench_accounts add column balance_cents bigint");
            s.execute("checkpoint");
        }
        pg.awaitReplay(); // each form starts with a standby that has caught up
        Path out = work.resolve(name + "-pgbench.out");
        long started = System.currentTimeMillis();
        // Long enough for any backfill; pgbench is stopped (SIGINT, which still writes its logs) 5 s after it ends.
        Process clients = new ProcessBuilder(Measure.concat(Measure.concat(List.of("pgbench", "-n", "-c", "8", "-j",
                "2", "-R", Integer.toString(rate), "-T", "3600", "--log", "--log-prefix",
                work.resolve("log-" + name).toString(), "-f", work.resolve("client.sql").toString()), conn), List.of(db)))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Thread.sleep(Math.max(0, started + BACKFILL_AT_MS - System.currentTimeMillis()));
        long walBefore = wal(url);
        long backfillStart = System.currentTimeMillis();
        Process b = new ProcessBuilder(backfill.command(db)).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + "-backfill.out").toFile()).start();
        Lag lag = peakLag(admin, b);
        long backfillEnd = System.currentTimeMillis();
        long walBytes = wal(url) - walBefore;
        Thread.sleep(5_000);
        new ProcessBuilder("kill", "-INT", Long.toString(clients.pid())).start().waitFor();
        if (!clients.waitFor(60, TimeUnit.SECONDS)) {
            clients.destroyForcibly();
        }
        String said = Files.readString(work.resolve(name + "-backfill.out"));
        said.lines().filter(l -> !l.isBlank() && !l.contains("SLF4J")).limit(12).forEach(l -> System.out.println("  | " + l));
        if (b.exitValue() != 0) {
            throw new IllegalStateException(name + "'s backfill exited " + b.exitValue() + ":\n" + said);
        }
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", null);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pgbench_accounts where balance_cents is null")) {
            rs.next();
            if (rs.getLong(1) != 0) {
                throw new IllegalStateException(name + " left " + rs.getLong(1) + " rows without balance_cents");
            }
        }
        List<PgbenchLog.Txn> txns = PgbenchLog.read(work, "log-" + name);
        PgbenchLog.Stats before = PgbenchLog.stats(txns, (started + 1000) * 1000, backfillStart * 1000);
        PgbenchLog.Stats during = PgbenchLog.stats(txns, backfillStart * 1000, backfillEnd * 1000);
        Result r = new Result(name, before, during, (backfillEnd - backfillStart) / 1000.0, walBytes, lag,
                b.exitValue());
        System.out.println(r.before().row(name + ": before the backfill"));
        System.out.println(r.during().row(name + ": while it ran"));
        execute(admin, "drop database " + db);
        return r;
    }

    /** Samples the standby's lag on the primary every 100 ms until the backfill process ends. */
    private static Lag peakLag(String admin, Process backfill) throws Exception {
        double seconds = 0;
        long bytes = 0;
        try (Connection c = java.sql.DriverManager.getConnection(admin, "postgres", null);
             Statement s = c.createStatement()) {
            while (!backfill.waitFor(100, TimeUnit.MILLISECONDS)) {
                try (ResultSet rs = s.executeQuery("select coalesce(max(extract(epoch from replay_lag)), 0),"
                        + " coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), 0)::bigint"
                        + " from pg_stat_replication")) {
                    rs.next();
                    seconds = Math.max(seconds, rs.getDouble(1));
                    bytes = Math.max(bytes, rs.getLong(2));
                }
            }
        }
        return new Lag(seconds, bytes);
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", null);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long wal(String url) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", null);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String table(List<Result> results, int scale, int rate, String directive) {
        System.out.println();
        System.out.printf(Locale.ROOT, "| %,d rows, 8 clients at %d tx/s | backfill time | client txns | p50 | p99 | max |"
                + " over 100 ms | failed | WAL | standby lag peak |%n", scale * 100_000L, rate);
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        StringBuilder summary = new StringBuilder();
        for (Result r : results) {
            PgbenchLog.Stats d = r.during();
            String name = r.name().equals("godwit-batched") ? "Godwit, -- godwit:batch size=" + directive
                    : "one UPDATE (psql)";
            String lag = String.format(Locale.ROOT, "%.1f s, %.0f MB", r.lag().seconds(), r.lag().bytes() / 1048576.0);
            System.out.printf(Locale.ROOT, "| %s | %.1f s | %d | %.1f ms | %.1f ms | %.1f ms | %d | %d | %.0f MB | %s |%n",
                    name, r.seconds(), d.transactions(), d.p50Ms(), d.p99Ms(), d.maxMs(), d.over100Ms(), d.failed(),
                    r.walBytes() / 1048576.0, lag);
            summary.append(String.format(Locale.ROOT, "%s: %.1f s, client p99 %.0f ms, max %.0f ms, %d over 100 ms, %d"
                    + " failed, WAL %.0f MB, standby lag peak %s; ", r.name(), r.seconds(), d.p99Ms(), d.maxMs(),
                    d.over100Ms(), d.failed(), r.walBytes() / 1048576.0, lag));
        }
        return summary + "target batched: max <= 100 ms, 0 failed";
    }

    private static void run(List<String> command, Path out) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(out));
        }
    }
}
