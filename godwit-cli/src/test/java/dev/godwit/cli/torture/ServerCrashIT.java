package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import dev.godwit.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The database server dies ({@code pg_ctl stop -m immediate}: every backend killed, crash recovery on the next
 * start) while {@code godwit migrate} is in the middle of the 40-migration set. Godwit must say that the
 * connection was lost and what that means for the migration it was running; after a restart, {@code migrate}
 * completes to the state of a clean run, as after kill -9.
 */
@Isolated // it stops the torture server: nothing may run beside it (the corpus runs its cases two at a time)
class ServerCrashIT extends TortureBase {

    @Test
    void aServerCrashMidRunIsReportedAndTheRerunCompletes() throws Exception {
        long seed = Long.getLong("torture.seed", System.nanoTime());
        int trials = TortureSummary.size(2, 20);
        System.out.println("ServerCrashIT: " + trials + " trials, seed " + seed + " (replay with -Dtorture.seed=" + seed + ")");
        Random random = new Random(seed);
        config("[lint]\ngate = false\n");
        MigrationSet.writeTo(migrations());
        GodwitProcess.Result clean = record(godwit.run("migrate", "--url", url()));
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        String expectedCatalog = State.catalog(db);
        String expectedHistory = State.history(db);

        for (int trial = 1; trial <= trials; trial++) {
            TestDatabase d = newDatabase();
            int crashAt = 1 + random.nextInt(MigrationSet.SIZE - 2);
            Process p = godwit.start("migrate", "--url", d.postgresUrl());
            p.getOutputStream().close();
            long applied = waitForApplied(d, crashAt, p);
            TortureServer.get().crash();
            TortureSummary.count("faults injected: server crash");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            GodwitProcess.Result crashed = record(new GodwitProcess.Result(p.exitValue(), out, err));
            TortureServer.get().start();
            String context = "trial " + trial + " (seed " + seed + "), crash after " + applied + " applied\n" + crashed;

            assertThat(crashed.exitCode()).as(context).isIn(1, 8);
            assertThat(crashed.stderr()).as(context).contains("lost the connection to the database");

            GodwitProcess.Result rerun = record(godwit.run("migrate", "--url", d.postgresUrl(), "--lock-wait", "20s"));
            context += "\n--- rerun\n" + rerun;
            assertThat(rerun.exitCode()).as(context).isZero();
            assertThat(State.catalog(d)).as(context).isEqualTo(expectedCatalog);
            assertThat(State.history(d)).as(context).isEqualTo(expectedHistory);
            State.assertAppliedExactlyOnce(d, context);
            TortureSummary.count("trials: server crash");
            dropDatabase(d);
        }
    }

    /** Polls the history until {@code n} migrations are applied (or the run ended), returns how many are. */
    private static long waitForApplied(TestDatabase d, int n, Process p) throws InterruptedException {
        TestDatabase su = TortureServer.asSuperuser(d);
        long applied = 0;
        while (p.isAlive() && applied < n) {
            Thread.sleep(5);
            try {
                applied = su.tableExists("godwit.history") ? su.count("select count(*) from godwit.history") : 0;
            } catch (IllegalStateException e) {
                applied = 0; // the table is being created
            }
        }
        return applied;
    }
}
