package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The canary throttle through the real CLI: while {@code [backfill] canary_query} takes longer than
 * {@code canary_max} no batch runs and migrate says why; once the test makes the canary fast (a table value the
 * canary reads), the backfill goes on and finishes. The test waits for the "waiting" line, never a fixed time.
 */
class BackfillCanaryIT extends CliTestBase {

    private static final int ROWS = 2_000;

    private void project(String canaryQuery) {
        config("[backfill]\ncanary_query = \"" + canaryQuery + "\"\ncanary_max = \"50ms\"\n");
        write("V1__items.sql", "create table items (id bigint primary key, n int not null default 0);\n"
                + "insert into items (id) select g from generate_series(1, " + ROWS + ") g;\n"
                + "create table canary_flag (slow boolean not null);\ninsert into canary_flag values (true);\n");
        write("V2__count_items.sql", "-- godwit:batch size=500 pause=10ms\nupdate items set n = n + 1;\n");
    }

    @Test
    void aSlowCanaryHoldsTheBatchesBackUntilItIsFastAgain() throws Exception {
        project("select pg_sleep(case when slow then 0.2 else 0 end) from canary_flag");
        RunningGodwit migrate = RunningGodwit.start(godwit, "migrate", "--url", url());
        migrate.awaitOutput("backfill waiting (0 so far): canary query took", RunningGodwit.GENEROUS);
        assertThat(db.count("select count(*) from items where n <> 0")).as("no batch while the canary is slow").isZero();

        db.execute("update canary_flag set slow = false");
        GodwitProcess.Result r = migrate.finish();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.all()).contains("over canary_max=50ms");
        assertThat(db.count("select count(*) from items where n = 1")).isEqualTo(ROWS);
    }

    @Test
    void aCanaryQueryThatFailsStopsTheBackfillSayingWhy() {
        project("select * from no_such_table");
        GodwitProcess.Result r = run("migrate");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.all()).contains("the canary query ([backfill] canary_query) failed").contains("no_such_table");
        assertThat(db.count("select count(*) from items where n <> 0")).isZero();
    }
}
