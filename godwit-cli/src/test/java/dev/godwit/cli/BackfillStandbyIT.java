package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.testing.Await;
import dev.godwit.testing.HotStandby;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batched backfill with max_lag on a primary whose real streaming standby (pg_basebackup -R of the test's primary)
 * stops replaying (pg_wal_replay_pause()): the backfill stops committing batches and says why; once replay goes on,
 * it goes on too and finishes with every row changed once.
 */
class BackfillStandbyIT {

    private static final int ROWS = 20_000;
    static HotStandby pair;

    @TempDir
    Path dir;

    @BeforeAll
    static void servers() throws Exception {
        pair = HotStandby.start();
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private void write(String name, String sql) throws Exception {
        Files.createDirectories(dir.resolve("db/migrations"));
        Files.writeString(dir.resolve("db/migrations").resolve(name), sql);
    }

    private long rowsDone() {
        Object v = pair.primaryDb().tableExists("godwit.backfill")
                ? pair.primaryDb().queryValue("select rows_done from godwit.backfill") : null;
        return v == null ? -1 : ((Number) v).longValue();
    }

    /** How many "backfill waiting" reports the run printed so far. */
    private static int waits(RunningGodwit migrate) {
        return migrate.output().split("backfill waiting \\(", -1).length - 1;
    }

    @Test
    void aStandbyThatStopsReplayingHoldsTheBackfillUntilItReplaysAgain() throws Exception {
        write("V1__items.sql", "create table items (id bigint primary key, n int not null default 0);\n"
                + "insert into items (id) select g from generate_series(1, " + ROWS + ") g;\n");
        String url = "postgres://postgres@localhost:" + pair.primaryPort() + "/" + HotStandby.DATABASE;
        GodwitProcess godwit = new GodwitProcess(dir);
        GodwitProcess.Result first = godwit.run("migrate", "--url", url);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        pair.awaitReplay();
        // V1's lag as the primary last measured it stays in pg_stat_replication for a while; on a loaded machine it
        // can be over max_lag and hold the first batch back. Start from a primary that shows none.
        Await.until("the primary to see the standby's lag settle", () -> pair.primaryDb().count("select count(*)"
                + " from pg_stat_replication where replay_lag is null or replay_lag < interval '500 milliseconds'") > 0);

        write("V2__count_items.sql", "-- godwit:batch size=200 pause=50ms max_lag=1s\nupdate items set n = n + 1;\n");
        RunningGodwit migrate = RunningGodwit.start(godwit, "migrate", "--url", url);
        try {
            // Replay stops once a batch has committed (an observable state, not a moment: on a loaded machine the
            // start of the run alone can take longer than max_lag).
            Await.until("a first batch", () -> {
                assertThat(migrate.process().isAlive()).as("the backfill ended first:\n" + migrate.output()).isTrue();
                return rowsDone() >= 1;
            });
            pair.standbyDb().execute("select pg_wal_replay_pause()");
            // Five seconds into a wait the lag can only come from the paused replay.
            migrate.awaitOutput("backfill waiting (5s so far): replication lag:", RunningGodwit.GENEROUS);
            long held = rowsDone();
            assertThat(held).as("batches ran before the lag grew, not all of them:\n" + migrate.output())
                    .isBetween(1L, (long) ROWS - 1);
            // The next report, about five seconds on: still waiting, and no batch committed meanwhile.
            int reports = waits(migrate);
            Await.until("another wait report", () -> waits(migrate) > reports);
            assertThat(rowsDone()).isEqualTo(held);
            assertThat(migrate.process().isAlive()).isTrue();
        } finally {
            pair.standbyDb().execute("select pg_wal_replay_resume()");
        }
        GodwitProcess.Result r = migrate.finish();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("over max_lag=1s", "applied V2 count items");
        assertThat(pair.primaryDb().count("select count(*) from items where n <> 1")).isZero();
        pair.awaitReplay();
        assertThat(pair.standbyDb().count("select count(*) from items where n = 1")).isEqualTo(ROWS);
    }
}
