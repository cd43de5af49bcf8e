package dev.godwit.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run live [SECONDS] [RATE] [godwit]}: what a migration does to an application that is running. On a table
 * of 1,000,000 rows ({@code pgbench -i -s 10}), 8 pgbench clients run a custom script (read and update one
 * account, in one transaction) at a steady RATE transactions per second in all (default 400) for SECONDS
 * (default 90). After 5 s a transaction opens, reads the table (ACCESS SHARE, which conflicts with ALTER
 * TABLE) and holds it for 20 s. 1 s later the migration starts: {@code V1} adds a column, {@code V2} builds an
 * index with CONCURRENTLY (the form Godwit's linter asks for; Flyway runs it outside a transaction too). Run
 * with {@code ./godwit migrate} (default settings), with Flyway 13.12 (its defaults: the CONCURRENTLY build then
 * waits for Flyway's own transaction and never ends; it is stopped 10 s after the load) and with Flyway set as
 * its documentation says for CONCURRENTLY ({@code postgresql.transactional.lock=false}), each on a fresh copy
 * of the table. From pgbench's per-transaction log: the clients' latency (p50, p99, max) and failed
 * transactions among those that ran while the migration ran, and the same before it (the machine's own noise).
 * Target for Godwit: no client transaction over 250 ms, none failed. With {@code godwit} as third argument, only
 * Godwit's scenario runs.
 */
public final class LiveBench {

    static final String SCRIPT = """
            \\set aid random(1, 1000000)
            \\set delta random(-5000, 5000)
            begin;
            select abalance from pgbench_accounts where aid = :aid;
            update pgbench_accounts set abalance = abalance + :delta where aid = :aid;
            end;
            """;
    private static final long BLOCKER_AT_MS = 5_000;
    private static final long BLOCKER_HOLDS_MS = 20_000;
    private static final long MIGRATION_AT_MS = 6_000;

    private LiveBench() {}

    /** What one scenario measured: before the migration, while it ran, and how the migration ended. */
    record Result(String name, PgbenchLog.Stats before, PgbenchLog.Stats during, double migrationSeconds,
                  int migrationExit, int abortedClients) {}

    public static String main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 90;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        boolean onlyGodwit = args.length > 2 && args[2].equals("godwit");
        Path jar = Measure.godwitJar();
        Path launcher = jar.getParent().getParent().getParent().resolve("godwit");
        Path work = Files.createTempDirectory("godwit-bench-live-");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Path dir = migrations(work.resolve("migrations"));
            Path toml = Files.writeString(work.resolve("godwit.toml"), "[migrations]\nlocations = [\"migrations\"]\n");
            Files.writeString(work.resolve("client.sql"), SCRIPT);
            int port = pg.getPort();
            // The launcher builds the jar when the sources are newer, and a command's first run writes its
            // class-data archive: neither belongs in the measurement.
            Files.createDirectories(work.resolve("none"));
            Path empty = Files.writeString(work.resolve("empty.toml"), "[migrations]\nlocations = [\"none\"]\n");
            Measure.accepted("./godwit migrate", Measure.once(List.of(launcher.toString(), "--url", "postgres://postgres@"
                    + "localhost:" + port + "/postgres", "--config", empty.toString(), "migrate")), Set.of(0), 0);
            List<Result> results = new ArrayList<>();
            results.add(scenario(pg, work, "godwit", seconds, rate, db -> List.of(launcher.toString(), "--url",
                    "postgres://postgres@localhost:" + port + "/" + db, "--config", toml.toString(), "migrate")));
            for (String lock : onlyGodwit ? List.<String>of() : List.of("default", "session-lock")) {
                results.add(scenario(pg, work, lock.equals("default") ? "flyway" : "flyway-session-lock", seconds,
                        rate, db -> List.of("/usr/bin/env", "REDGATE_DISABLE_TELEMETRY=true", "java", "-cp",
                                ApplyBench.benchJar().toString(), FlywayMain.class.getName(),
                                "jdbc:postgresql://localhost:" + port + "/" + db, "postgres", dir.toString(), lock)));
            }
            return table(results, rate);
        } finally {
            Files.walk(work).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private interface Migration {
        List<String> command(String db) throws Exception;
    }

    static Path migrations(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("V1__add_note.sql"), "alter table pgbench_accounts add column note text;\n");
        Files.writeString(dir.resolve("V2__index_balance.sql"),
                "create index concurrently pgbench_accounts_abalance_idx on pgbench_accounts (abalance);\n");
        return dir;
    }

    private static Result scenario(EmbeddedPostgres pg, Path work, String name, int seconds, int rate,
                                   Migration migration) throws Exception {
        String db = "live_" + name.replace('-', '_');
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement s = admin.createStatement()) {
            s.execute("create database " + db);
        }
        List<String> conn = List.of("-h", "localhost", "-p", Integer.toString(pg.getPort()), "-U", "postgres");
        run(Measure.concat(Measure.concat(List.of("pgbench", "-i", "-q", "-s", "10", "-I", "dtGvp"), conn),
                List.of(db)), work.resolve(name + "-init.out"));
        Path out = work.resolve(name + "-pgbench.out");
        long started = System.currentTimeMillis();
        Process clients = new ProcessBuilder(Measure.concat(Measure.concat(List.of("pgbench", "-n", "-c", "8", "-j",
                "2", "-R", Integer.toString(rate), "-T", Integer.toString(seconds), "--log", "--log-prefix",
                work.resolve("log-" + name).toString(), "-f", work.resolve("client.sql").toString()), conn), List.of(db)))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Thread blocker = blocker(pg, db, started);
        sleepUntil(started + MIGRATION_AT_MS);
        long migrationStart = System.currentTimeMillis();
        LockWatch watch = new LockWatch("jdbc:postgresql://localhost:" + pg.getPort() + "/" + db, "pgbench_accounts");
        Process m = new ProcessBuilder(migration.command(db)).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + "-migrate.out").toFile()).start();
        // A migration still running 10 s after the load ended will not end: it is stopped and said so.
        boolean ended = m.waitFor(Math.max(1, started + seconds * 1000L + 10_000 - System.currentTimeMillis()),
                TimeUnit.MILLISECONDS);
        if (!ended) {
            m.destroyForcibly().waitFor();
        }
        int exit = ended ? m.exitValue() : -1;
        long migrationEnd = System.currentTimeMillis();
        watch.close();
        if (ended && exit != 0) {
            throw new IllegalStateException(name + "'s migration exited " + exit + ":\n"
                    + Files.readString(work.resolve(name + "-migrate.out")));
        }
        blocker.join();
        if (!clients.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            clients.destroy();
            throw new IllegalStateException("pgbench did not end after " + seconds + " s");
        }
        String pgbench = Files.readString(out);
        int aborted = (int) pgbench.lines().filter(l -> l.contains("aborted")).count();
        System.out.printf(Locale.ROOT, "%s: migration %s after %.1f s%n", name, ended ? "exit " + exit
                : "DID NOT END (stopped 10 s after the load)", (migrationEnd - migrationStart) / 1000.0);
        List<String> said = Files.readString(work.resolve(name + "-migrate.out")).lines().toList();
        long waits = said.stream().filter(l -> l.contains("waiting before")).count();
        said.stream().filter(l -> !l.isBlank() && !l.contains("waiting before") && !l.contains("SLF4J"))
                .forEach(l -> System.out.println("  | " + l));
        System.out.println("  | (and " + waits + " lines \"waiting before …\")");
        pgbench.lines().filter(l -> l.contains("failed") || l.contains("aborted") || l.contains("tps")
                || l.contains("latency")).forEach(l -> System.out.println("  pgbench: " + l));
        List<PgbenchLog.Txn> txns = PgbenchLog.read(work, "log-" + name);
        PgbenchLog.Stats before = PgbenchLog.stats(txns, (started + 1000) * 1000, (started + BLOCKER_AT_MS) * 1000);
        PgbenchLog.Stats during = PgbenchLog.stats(txns, migrationStart * 1000, migrationEnd * 1000);
        Result r = new Result(name, before, during, (migrationEnd - migrationStart) / 1000.0, exit, aborted);
        System.out.println(r.before().row(name + ": before the migration"));
        System.out.println(r.during().row(name + ": while it ran"));
        System.out.println("  " + watch.describe());
        txns.stream().filter(t -> t.overlaps(migrationStart * 1000, migrationEnd * 1000))
                .sorted(java.util.Comparator.comparingLong(PgbenchLog.Txn::latencyMicros).reversed()).limit(3)
                .forEach(t -> System.out.printf(Locale.ROOT, "  slowest: %.0f ms, from %+.2f s to %+.2f s of the"
                        + " migration%n", t.latencyMicros() / 1000.0, (t.startMicros() / 1000 - migrationStart) / 1000.0,
                        (t.endMicros() / 1000 - migrationStart) / 1000.0));
        return r;
    }

    /** A session that reads the table and keeps its transaction (and its ACCESS SHARE lock) open for 20 s. */
    private static Thread blocker(EmbeddedPostgres pg, String db, long started) {
        Thread t = new Thread(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.getPort() + "/" + db,
                    "postgres", null); Statement s = c.createStatement()) {
                sleepUntil(started + BLOCKER_AT_MS);
                c.setAutoCommit(false);
                s.execute("select count(*) from pgbench_accounts where aid <= 100");
                s.execute("select pg_sleep(" + BLOCKER_HOLDS_MS / 1000.0 + ")");
                c.commit();
            } catch (Exception e) {
                throw new IllegalStateException("the blocking session failed", e);
            }
        }, "blocker");
        t.start();
        return t;
    }

    private static String table(List<Result> results, int rate) {
        System.out.println();
        System.out.println("| clients' transactions (8 clients, " + rate + " tx/s) | transactions | p50 | p99 | max |"
                + " failed | over 100 ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        StringBuilder summary = new StringBuilder();
        for (Result r : results) {
            System.out.println(r.before().row(r.name() + ": before the migration"));
            String how = r.migrationExit() < 0 ? "did not end, stopped" : "exit " + r.migrationExit();
            System.out.println(r.during().row(String.format(Locale.ROOT, "%s: while it ran (%.1f s, %s)",
                    r.name(), r.migrationSeconds(), how)));
            summary.append(String.format(Locale.ROOT, "%s: max %.0f ms, p99 %.0f ms, %d failed, %d clients aborted,"
                    + " migration %.1f s %s; ", r.name(), r.during().maxMs(), r.during().p99Ms(),
                    r.during().failed(), r.abortedClients(), r.migrationSeconds(), how));
        }
        return summary + "target godwit: max <= 250 ms, 0 failed";
    }

    private static void run(List<String> command, Path out) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(out));
        }
    }

    private static void sleepUntil(long epochMs) throws InterruptedException {
        long left = epochMs - System.currentTimeMillis();
        if (left > 0) {
            Thread.sleep(left);
        }
    }
}
