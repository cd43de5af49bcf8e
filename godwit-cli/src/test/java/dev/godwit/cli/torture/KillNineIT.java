package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import dev.godwit.testing.TestDatabase;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of {@code godwit migrate} at random moments of a 40-migration run with data, one to three times in a
 * row, then a {@code migrate} that must complete: the schema and data equal those of a clean run, no migration is
 * applied twice, the history is whole and in order, and the resuming run never waits for the killed one's lock.
 * The moments come from a seed printed at the start ({@code -Dtorture.seed=N} replays a run).
 */
class KillNineIT extends TortureBase {

    @Test
    void aMigrateKilledAtAnyMomentIsResumedToTheStateOfACleanRun() throws Exception {
        long seed = Long.getLong("torture.seed", System.nanoTime());
        int trials = TortureSummary.size(10, 100);
        System.out.println("KillNineIT: " + trials + " trials, seed " + seed + " (replay with -Dtorture.seed=" + seed + ")");
        Random random = new Random(seed);
        config("[lint]\ngate = false\n");
        MigrationSet.writeTo(migrations());

        long started = System.nanoTime();
        GodwitProcess.Result clean = migrate(db);
        long cleanMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        String expectedCatalog = State.catalog(db);
        String expectedHistory = State.history(db);
        State.assertAppliedExactlyOnce(db, "the clean run");

        for (int trial = 1; trial <= trials; trial++) {
            TestDatabase d = newDatabase();
            TestDatabase su = TortureServer.asSuperuser(d);
            int kills = 1 + random.nextInt(3);
            StringBuilder story = new StringBuilder("trial " + trial + " (seed " + seed + "):");
            for (int k = 0; k < kills; k++) {
                Process p = godwit.start("migrate", "--url", d.postgresUrl());
                p.getOutputStream().close();
                // Half the kills at a moment of the run (start-up, validation, lock, any migration), half once a
                // random number of migrations is applied, plus up to 40 ms: inside the next one, or its COMMIT.
                String when;
                if (random.nextBoolean()) {
                    long delay = 150 + (long) (random.nextDouble() * cleanMillis);
                    p.waitFor(delay, TimeUnit.MILLISECONDS);
                    when = "after " + delay + " ms";
                } else {
                    int target = random.nextInt(MigrationSet.SIZE);
                    long extra = random.nextInt(40);
                    waitForApplied(su, target, p);
                    p.waitFor(extra, TimeUnit.MILLISECONDS);
                    when = "at " + target + " applied + " + extra + " ms";
                }
                boolean finished = !p.isAlive();
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block, no goodbye to the server
                assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
                long applied = su.tableExists("godwit.history") ? su.count("select count(*) from godwit.history") : 0;
                story.append(" kill ").append(when).append(": ").append(applied).append('/')
                        .append(MigrationSet.SIZE).append(" applied").append(finished ? " (had finished)" : "").append(';');
                TortureSummary.count(finished ? "kill -9 landed after the run ended" : "faults injected: kill -9");
                TortureSummary.count(applied == 0 ? "kill -9 position: before migration 1"
                        : applied == MigrationSet.SIZE ? "kill -9 position: after migration 40" : "kill -9 position: mid-set");
            }
            GodwitProcess.Result resumed = migrate(d);
            String context = story + "\n" + resumed;
            assertThat(resumed.exitCode()).as(context).isZero();
            assertThat(resumed.all()).as("the resuming run waited for a lock nobody held: " + context)
                    .doesNotContain("took the migration lock after");
            assertThat(State.catalog(d)).as(context).isEqualTo(expectedCatalog);
            assertThat(State.history(d)).as(context).isEqualTo(expectedHistory);
            State.assertAppliedExactlyOnce(d, context);
            TortureSummary.count("trials: kill -9");
            dropDatabase(d);
        }
    }

    /** Polls the history until {@code n} migrations are applied, or the run ended. */
    private static void waitForApplied(TestDatabase su, int n, Process p) throws InterruptedException {
        while (p.isAlive() && n > 0) {
            try {
                if (su.tableExists("godwit.history") && su.count("select count(*) from godwit.history") >= n) {
                    return;
                }
            } catch (IllegalStateException creating) {
                // the table is being created
            }
            Thread.sleep(3);
        }
    }

    private GodwitProcess.Result migrate(TestDatabase d) {
        return record(godwit.run("migrate", "--url", d.postgresUrl(), "--lock-wait", "20s"));
    }
}
