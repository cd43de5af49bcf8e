package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import dev.godwit.cli.RunningGodwit;
import dev.godwit.lock.MigrationLock;
import dev.godwit.testing.TestDatabase;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Faults of real deployments at random moments of the 40-migration set (seeded; the seed is printed): SIGINT and
 * SIGTERM to the CLI process, the lock session terminated, a server that ends idle sessions after a second, a server
 * defaulting to REPEATABLE READ, PgBouncer in transaction mode. Each fault lands once a random number of migrations
 * is applied (seen in the history, never after a fixed delay). Then, after each: no statement left running, no lock
 * held, each migration applied at most once, the audit chain intact; and a plain {@code migrate} completes to the
 * state of a clean run. CI: 6 trials; {@code -Dtorture=long}: 30.
 */
class FaultTrialsIT extends TortureBase {

    enum Kind { SIGINT, SIGTERM, LOCK_SESSION_TERMINATED, IDLE_TIMEOUTS, REPEATABLE_READ, PGBOUNCER_TRANSACTION }

    @Test
    void faultsOfRealDeploymentsNeverApplyAMigrationTwiceAndTheRerunCompletes() throws Exception {
        long seed = Long.getLong("torture.seed", System.nanoTime());
        int trials = TortureSummary.size(6, 30);
        System.out.println("FaultTrialsIT: " + trials + " trials, seed " + seed + " (replay with -Dtorture.seed=" + seed + ")");
        Random random = new Random(seed);
        config("[lint]\ngate = false\n");
        MigrationSet.writeTo(migrations());
        GodwitProcess.Result clean = record(godwit.run("migrate", "--url", url()));
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        String expectedCatalog = State.catalog(db);
        String expectedHistory = State.history(db);

        for (int trial = 1; trial <= trials; trial++) {
            Kind kind = trial <= Kind.values().length ? Kind.values()[trial - 1]
                    : Kind.values()[random.nextInt(Kind.values().length)];
            if (kind == Kind.PGBOUNCER_TRANSACTION && !PgBouncer.installed()) {
                kind = Kind.SIGTERM;
            }
            TestDatabase d = newDatabase();
            int at = 1 + random.nextInt(MigrationSet.SIZE - 2);
            String context = "trial " + trial + " (seed " + seed + "): " + kind + " at " + at + " applied";
            GodwitProcess.Result faulted = inject(kind, d, at);
            context += "\n" + faulted;
            assertThat(faulted.exitCode()).as(context).isIn(expectedExits(kind));
            if (faulted.exitCode() == 1) {
                assertThat(faulted.stderr()).as(context).contains("lost the migration lock");
            }
            Faults.assertNothingLeft(d, "insert into", context);
            Faults.assertAtMostOnce(d, context);

            GodwitProcess.Result rerun = record(godwit.run("migrate", "--url", d.postgresUrl(), "--lock-wait", "60s"));
            context += "\n--- rerun\n" + rerun;
            assertThat(rerun.exitCode()).as(context).isZero();
            assertThat(State.catalog(d)).as(context).isEqualTo(expectedCatalog);
            assertThat(State.history(d)).as(context).isEqualTo(expectedHistory);
            State.assertAppliedExactlyOnce(d, context);
            Faults.assertAtMostOnce(d, context);
            GodwitProcess.Result verify = record(godwit.run("audit", "verify", "--url", d.postgresUrl()));
            assertThat(verify.exitCode()).as(context + "\n--- audit verify\n" + verify).isZero();
            TortureSummary.count("trials: faults of real deployments");
            dropDatabase(d);
        }
    }

    private static List<Integer> expectedExits(Kind kind) {
        return switch (kind) {
            case SIGINT -> List.of(0, 130);
            case SIGTERM -> List.of(0, 143);
            case LOCK_SESSION_TERMINATED -> List.of(0, 1);
            case IDLE_TIMEOUTS, REPEATABLE_READ -> List.of(0);
            case PGBOUNCER_TRANSACTION -> List.of(2);
        };
    }

    private GodwitProcess.Result inject(Kind kind, TestDatabase d, int at) throws Exception {
        TestDatabase su = TortureServer.asSuperuser(d);
        TortureSummary.count("faults injected: " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        switch (kind) {
            case IDLE_TIMEOUTS -> su.execute("alter database " + d.name() + " set idle_session_timeout = '1s'",
                    "alter database " + d.name() + " set idle_in_transaction_session_timeout = '1s'");
            case REPEATABLE_READ -> su.execute("alter database " + d.name()
                    + " set default_transaction_isolation = 'repeatable read'");
            case PGBOUNCER_TRANSACTION -> {
                try (PgBouncer bouncer = PgBouncer.start("transaction", TortureServer.get().port(), d.user(), d.password())) {
                    String pooled = "postgres://" + d.user() + ":" + d.password() + "@127.0.0.1:" + bouncer.port() + "/"
                            + d.name() + "?prepareThreshold=0";
                    return record(godwit.run("migrate", "--url", pooled));
                }
            }
            default -> { }
        }
        RunningGodwit run = RunningGodwit.start(godwit, "migrate", "--url", d.postgresUrl());
        if (kind == Kind.IDLE_TIMEOUTS || kind == Kind.REPEATABLE_READ) {
            return record(run.finish());
        }
        boolean reached = waitForApplied(su, at, run.process());
        if (reached) {
            if (kind == Kind.LOCK_SESSION_TERMINATED) {
                su.execute("select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted"
                        + " and ((classid::bigint << 32) | objid::bigint) = " + MigrationLock.key("godwit")
                        + " and database = (select oid from pg_database where datname = current_database())");
            } else {
                run.signal(kind == Kind.SIGINT ? "INT" : "TERM");
            }
        } else {
            TortureSummary.count("faults that landed after the run had ended");
        }
        return record(run.finish());
    }

    /** Polls the history until {@code n} migrations are applied; false when the run ended first. */
    private static boolean waitForApplied(TestDatabase su, int n, Process p) throws InterruptedException {
        while (p.isAlive()) {
            try {
                if (su.tableExists("godwit.history") && su.count("select count(*) from godwit.history") >= n) {
                    return true;
                }
            } catch (IllegalStateException creating) {
                // the table is being created
            }
            Thread.sleep(3);
        }
        return false;
    }
}
