package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A batched DELETE or UPDATE through the real CLI copies what each batch deletes or overwrites into one snapshot, in
 * the batch's transaction, so {@code godwit snapshots restore} puts it back — also when the backfill took two runs.
 * A backfill of a new column overwrites only NULLs and copies nothing.
 */
class BackfillSnapshotIT extends CliTestBase {

    private static final int ROWS = 3_000;
    private static final int DELETED = 1_500;

    @Test
    void everyRowABatchedDeleteRemovedComesBackFromItsSnapshot() {
        write("V1__items.sql", "create table items (id bigint primary key, note text not null);\n"
                + "insert into items select g, 'item ' || g from generate_series(1, " + ROWS + ") g;\n");
        // The first run likely stops at max_runtime before the last batch; the second run appends to the same snapshot.
        write("V2__drop_odd_items.sql", "-- godwit:batch size=400 pause=300ms max_runtime=500ms\n"
                + "-- godwit:expect-change items.* any\n"
                + "delete from items where id % 2 = 1;\n");
        GodwitProcess.Result first = run("migrate");
        assertThat(first.exitCode()).as(first.toString()).isIn(0, 12);
        GodwitProcess.Result next = first;
        for (int runs = 0; next.exitCode() == 12 && runs < 30; runs++) {
            next = run("migrate");
        }
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(db.count("select count(*) from items")).isEqualTo(ROWS - DELETED);
        assertThat(db.count("select count(*) from godwit_snapshots.snapshots")).as("one snapshot for the backfill")
                .isEqualTo(1);
        assertThat(db.count("select rows from godwit_snapshots.snapshots")).isEqualTo(DELETED);
        String name = String.valueOf(db.queryValue("select name from godwit_snapshots.snapshots"));

        GodwitProcess.Result restore = run("snapshots", "restore", name, "--yes");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(db.count("select count(*) from items")).isEqualTo(ROWS);
        assertThat(db.count("select count(*) from items where note = 'item ' || id")).isEqualTo(ROWS);
    }

    @Test
    void aBatchedUpdateKeepsWhatItOverwroteAndABackfillOfANewColumnCopiesNothing() {
        write("V1__items.sql", "create table items (id bigint primary key, note text not null, cents bigint);\n"
                + "insert into items select g, 'item ' || g from generate_series(1, " + ROWS + ") g;\n");
        write("V2__shout_notes.sql", "-- godwit:batch size=500 pause=1ms\nupdate items set note = upper(note);\n");
        write("V3__fill_cents.sql", "-- godwit:batch size=500 pause=1ms\nupdate items set cents = id * 100;\n");

        GodwitProcess.Result r = run("migrate");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(db.count("select count(*) from items where note = 'ITEM ' || id and cents = id * 100"))
                .isEqualTo(ROWS);
        assertThat(db.count("select count(*) from godwit_snapshots.snapshots")).as("V2's only: V3 overwrote NULLs")
                .isEqualTo(1);
        assertThat(db.count("select rows from godwit_snapshots.snapshots where script = 'V2__shout_notes.sql'"))
                .isEqualTo(ROWS);
        String name = String.valueOf(db.queryValue("select name from godwit_snapshots.snapshots"));

        GodwitProcess.Result restore = run("snapshots", "restore", name, "--yes");

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(db.count("select count(*) from items where note = 'item ' || id")).isEqualTo(ROWS);
        assertThat(db.count("select count(*) from items where cents = id * 100")).as("not in the copy: left as is")
                .isEqualTo(ROWS);
    }
}
