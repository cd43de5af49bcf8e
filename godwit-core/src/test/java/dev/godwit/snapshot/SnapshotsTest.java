package dev.godwit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.SafetySettings.SnapshotMode;
import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.SqlSyntaxException;
import dev.godwit.sql.StatementSplitter;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Copies taken on a real PostgreSQL, in the migration's transaction, and put back the way a down script would. */
@ExtendWith(PostgresExtension.class)
class SnapshotsTest {

    private final Snapshots snapshots = new Snapshots(Snapshots.DEFAULT_SCHEMA);

    static SqlStatement statement(String sql) throws SqlSyntaxException {
        List<SqlStatement> all = StatementSplitter.split(sql);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** Like the migration applier: snapshot, then the statement, in one transaction that commits. */
    List<SnapshotOutcome> migrate(TestDatabase db, String sql, SnapshotMode mode, long limit) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            List<SnapshotOutcome> outcomes = snapshots.before(c, statement(sql), mode, limit, "run-1", "7",
                    "V7__change.sql");
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
            c.commit();
            return outcomes;
        }
    }

    List<SnapshotOutcome> migrate(TestDatabase db, String sql) throws Exception {
        return migrate(db, sql, SnapshotMode.AUTO, 100_000);
    }

    static Snapshot taken(SnapshotOutcome o) {
        assertThat(o).isInstanceOf(SnapshotOutcome.Taken.class);
        return ((SnapshotOutcome.Taken) o).snapshot();
    }

    static String copy(Snapshot s) {
        return Snapshots.DEFAULT_SCHEMA + "." + s.name();
    }

    static String accounts(TestDatabase db) {
        return (String) db.queryValue("select string_agg(id || ':' || balance || ':' || coalesce(note, '<null>'), ', '"
                + " order by id) from accounts");
    }

    void seedAccounts(TestDatabase db) {
        db.execute("create table accounts (id bigint primary key, balance numeric(12,2) not null, note text)",
                "insert into accounts values (1, 10.50, 'it''s; fine'), (2, 0, null), (3, -4.25, 'Ω')");
    }

    @Test
    void aDroppedColumnIsCopiedWithTheKeyAndADownScriptPutsItBackExactly(TestDatabase db) throws Exception {
        seedAccounts(db);
        String before = accounts(db);

        List<SnapshotOutcome> out = migrate(db, "alter table accounts drop column note");

        Snapshot s = taken(out.get(0));
        assertThat(out).hasSize(1);
        assertThat(s.columns()).containsExactly("id", "note");
        assertThat(s.rows()).isEqualTo(3);
        assertThat(s.sourceTable()).isEqualTo("accounts");
        assertThat(s.reason()).isEqualTo("DROP COLUMN accounts.note");
        assertThat(s.version()).isEqualTo("7");
        assertThat(s.script()).isEqualTo("V7__change.sql");
        assertThat(s.runId()).isEqualTo("run-1");
        assertThat(s.name()).matches("s_\\d{14}_accounts_1");
        assertThat(db.count("select count(*) from information_schema.columns where table_schema = 'godwit_snapshots'"
                + " and table_name = '" + s.name() + "'")).as("only key and column copied").isEqualTo(2);

        db.execute("alter table accounts add column note text",
                "update accounts a set note = s.note from " + copy(s) + " s where s.id = a.id");
        assertThat(accounts(db)).isEqualTo(before);
    }

    @Test
    void aDownScriptWrittenBeforehandFindsItsSnapshotInTheRegistry(TestDatabase db) throws Exception {
        seedAccounts(db);
        String before = accounts(db);
        migrate(db, "alter table accounts drop column note");

        // The DO block of docs/snapshots.md, "Restoring in a down script", for version 7.
        db.execute("""
                do $$
                declare snap text;
                begin
                  select name into strict snap from godwit_snapshots.snapshots
                   where version = '7' and source_table = 'accounts' and reason = 'DROP COLUMN accounts.note'
                   order by created_at desc limit 1;
                  alter table accounts add column note text;
                  execute format('update accounts a set note = s.note from godwit_snapshots.%I s where s.id = a.id', snap);
                end $$""");
        assertThat(accounts(db)).isEqualTo(before);
    }

    @Test
    void aColumnWhoseTypeChangesIsCopiedAndATableWithoutKeyIsCopiedWhole(TestDatabase db) throws Exception {
        db.execute("create table log (at text, amount text, memo text)", "insert into log values ('x', '1.239', 'm')");
        Snapshot s = taken(migrate(db, "alter table log alter column amount type numeric(6,2) using amount::numeric")
                .get(0));
        assertThat(s.columns()).as("no primary key: whole rows").isEmpty();
        assertThat(db.queryValue("select amount from " + copy(s))).isEqualTo("1.239");
        assertThat(db.queryValue("select memo from " + copy(s))).isEqualTo("m");
    }

    @Test
    void dropTableAndTruncateCopyTheWholeTableOfEveryTarget(TestDatabase db) throws Exception {
        seedAccounts(db);
        db.execute("create schema ledger", "create table ledger.\"Entries\" (id int, memo text)",
                "insert into ledger.\"Entries\" select g, 'm' || g from generate_series(1, 5) g");
        String before = accounts(db);

        List<SnapshotOutcome> dropped = migrate(db, "drop table if exists accounts, ledger.\"Entries\", nope cascade");

        assertThat(dropped).hasSize(2);
        Snapshot a = taken(dropped.get(0));
        Snapshot e = taken(dropped.get(1));
        assertThat(a.rows()).isEqualTo(3);
        assertThat(e.rows()).isEqualTo(5);
        assertThat(e.sourceTable()).isEqualTo("ledger.\"Entries\"");
        assertThat(e.name()).matches("s_\\d{14}_entries_1");
        assertThat(db.tableExists("accounts")).isFalse();
        db.execute("create table accounts as table " + copy(a));
        assertThat(accounts(db)).isEqualTo(before);

        db.execute("create table t (id int)", "insert into t values (1), (2)");
        Snapshot t = taken(migrate(db, "truncate only t restart identity").get(0));
        assertThat(db.count("select count(*) from " + copy(t))).isEqualTo(2);
        assertThat(t.reason()).isEqualTo("TRUNCATE t");
    }

    @Test
    void truncateCascadeAlsoCopiesTheTablesItEmptiesThroughForeignKeys(TestDatabase db) throws Exception {
        db.execute("create table parent (id int primary key)", "create table child (id int primary key,"
                + " parent_id int references parent)", "create table grandchild (child_id int references child)",
                "insert into parent values (1)", "insert into child values (10, 1)", "insert into grandchild values (10)");

        List<SnapshotOutcome> out = migrate(db, "truncate parent cascade");

        assertThat(out).extracting(o -> taken(o).sourceTable()).containsExactly("parent", "child", "grandchild");
        assertThat(taken(out.get(2)).reason()).contains("CASCADE");
        assertThat(db.count("select count(*) from grandchild")).isZero();
        assertThat(db.count("select count(*) from " + copy(taken(out.get(2))))).isOne();
    }

    @Test
    void updateWithWhereCopiesTheKeyAndTheSetColumnsOfTheMatchingRowsOnly(TestDatabase db) throws Exception {
        seedAccounts(db);
        String before = accounts(db);

        Snapshot s = taken(migrate(db, "update accounts as a set balance = 0, note = 'closed; for good'"
                + " where a.balance > 0 or a.note = 'Ω'").get(0));

        assertThat(s.columns()).containsExactly("id", "balance", "note");
        assertThat(s.rows()).isEqualTo(2);
        assertThat(db.queryValue("select string_agg(id::text, ',' order by id) from " + copy(s))).isEqualTo("1,3");
        db.execute("update accounts a set balance = s.balance, note = s.note from " + copy(s) + " s where s.id = a.id");
        assertThat(accounts(db)).isEqualTo(before);
    }

    @Test
    void deleteWithWhereCopiesTheMatchingWholeRows(TestDatabase db) throws Exception {
        seedAccounts(db);
        String before = accounts(db);

        Snapshot s = taken(migrate(db, "delete from accounts where note is null or note like '%;%'").get(0));

        assertThat(s.columns()).isEmpty();
        assertThat(s.rows()).isEqualTo(2);
        db.execute("insert into accounts select * from " + copy(s));
        assertThat(accounts(db)).isEqualTo(before);
    }

    @Test
    void deleteUsingCopiesEveryRowAndSaysSo(TestDatabase db) throws Exception {
        seedAccounts(db);
        db.execute("create table closed (id bigint)", "insert into closed values (2)");
        Snapshot s = taken(migrate(db, "delete from accounts a using closed c where c.id = a.id").get(0));
        assertThat(s.rows()).isEqualTo(3);
        assertThat(s.reason()).contains("every row copied").contains("USING");
    }

    @Test
    void aRolledBackMigrationLeavesNoSnapshotAndNoRegistryRow(TestDatabase db) throws Exception {
        seedAccounts(db);
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            List<SnapshotOutcome> out = snapshots.before(c, statement("drop table accounts"), SnapshotMode.AUTO, 10,
                    "r", "1", "V1__x.sql");
            assertThat(out).hasSize(1);
            assertThat(snapshots.list(c)).as("visible inside the transaction").hasSize(1);
            c.rollback();
        }
        assertThat(db.tableExists("godwit_snapshots.snapshots")).isFalse();
        try (Connection c = db.connect()) {
            assertThat(snapshots.list(c)).isEmpty();
        }
        assertThat(db.count("select count(*) from accounts")).isEqualTo(3);
    }

    @Test
    void autoSkipsTablesAboveTheLimitAndSaysWhy(TestDatabase db) throws Exception {
        db.execute("create table big (id int primary key, v text)",
                "insert into big select g, 'v' from generate_series(1, 50) g", "analyze big");

        List<SnapshotOutcome> out = migrate(db, "alter table big drop column v", SnapshotMode.AUTO, 49);

        assertThat(out).singleElement().isInstanceOfSatisfying(SnapshotOutcome.Skipped.class, k -> {
            assertThat(k.table()).isEqualTo("big");
            assertThat(k.why()).contains("more than 49 rows", "above snapshot_row_limit 49", "about 50 rows",
                    "snapshot = \"always\"");
        });
        assertThat(db.tableExists("godwit_snapshots.snapshots")).as("nothing created").isFalse();
    }

    @Test
    void autoCountsOnlyTheRowsThatWouldBeLostAndCopiesAtTheLimit(TestDatabase db) throws Exception {
        db.execute("create table big (id int primary key)", "insert into big select g from generate_series(1, 50) g");
        assertThat(taken(migrate(db, "delete from big where id > 40", SnapshotMode.AUTO, 10).get(0)).rows())
                .isEqualTo(10);
    }

    @Test
    void alwaysCopiesAboveTheLimitAndNeverCopiesNothing(TestDatabase db) throws Exception {
        db.execute("create table a (id int)", "insert into a select generate_series(1, 20)",
                "create table b (id int)", "insert into b select generate_series(1, 20)");

        assertThat(migrate(db, "drop table b", SnapshotMode.NEVER, 0)).isEmpty();
        assertThat(db.tableExists("godwit_snapshots.snapshots")).isFalse();

        Snapshot s = taken(migrate(db, "drop table a", SnapshotMode.ALWAYS, 5).get(0));
        assertThat(s.rows()).isEqualTo(20);
    }

    @Test
    void nothingToLoseGivesNoOutcome(TestDatabase db) throws Exception {
        db.execute("create table empty (id int primary key, v int)", "create table full1 (id int primary key, v int)",
                "insert into full1 values (1, 1)");
        assertThat(migrate(db, "drop table if exists never_there")).isEmpty();
        assertThat(migrate(db, "alter table full1 drop column if exists not_there")).isEmpty();
        assertThat(migrate(db, "delete from full1 where v > 100")).isEmpty();
        assertThat(migrate(db, "update empty set v = 2")).isEmpty();
        assertThat(migrate(db, "alter table full1 add column w int")).isEmpty();
        assertThat(migrate(db, "drop table empty")).isEmpty();
        assertThat(db.tableExists("godwit_snapshots.snapshots")).isFalse();
    }

    @Test
    void aCopyThatCannotBeMadeIsSkippedWithTheReasonAndTheMigrationGoesOn(TestDatabase db) throws Exception {
        db.execute("create table t (id int)", "insert into t values (1)");
        Snapshots reserved = new Snapshots("pg_not_allowed");
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            List<SnapshotOutcome> out = reserved.before(c, statement("drop table t"), SnapshotMode.ALWAYS, 0, "r",
                    "1", "V1__x.sql");
            assertThat(out).singleElement().isInstanceOfSatisfying(SnapshotOutcome.Skipped.class,
                    k -> assertThat(k.why()).contains("could not copy DROP TABLE t").contains("pg_"));
            try (Statement st = c.createStatement()) {
                st.execute("drop table t");
            }
            c.commit();
        }
        assertThat(db.tableExists("t")).as("the transaction was still usable").isFalse();
    }

    @Test
    void aLockTimeoutWhileCopyingIsThrownForTheRetryLogic(TestDatabase db) throws Exception {
        db.execute("create table t (id int)", "insert into t values (1)");
        try (Connection holder = db.connect(); Connection c = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("lock table t in access exclusive mode");
            }
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("set lock_timeout = '100ms'");
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> snapshots.before(c, statement("drop table t"),
                    SnapshotMode.AUTO, 10, "r", "1", "V1__x.sql"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("55P03"));
            holder.rollback();
        }
    }

    @Test
    void listFindPreviewAndDrop(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            assertThat(snapshots.list(c)).as("no schema yet").isEmpty();
            assertThat(snapshots.find(c, "s_x")).isEmpty();
            assertThat(snapshots.drop(c, "s_x")).isFalse();
        }
        seedAccounts(db);
        Snapshot first = taken(migrate(db, "update accounts set note = null where id = 1").get(0));
        Snapshot second = taken(migrate(db, "update accounts set note = null where id = 1 or id = 3").get(0));
        try (Connection c = db.connect()) {
            assertThat(snapshots.list(c)).extracting(Snapshot::name).containsExactly(second.name(), first.name());
            assertThat(snapshots.find(c, first.name())).contains(first);
            Snapshots.Preview p = snapshots.preview(c, second.name(), 1).orElseThrow();
            assertThat(p.columns()).containsExactly("id", "note");
            assertThat(p.rows()).as("the first update had set it to NULL, and NULL stays NULL")
                    .containsExactly(java.util.Arrays.asList("1", null));
            assertThat(snapshots.preview(c, "nope", 20)).isEmpty();

            assertThat(snapshots.drop(c, first.name())).isTrue();
            assertThat(snapshots.drop(c, first.name())).isFalse();
            assertThat(snapshots.list(c)).extracting(Snapshot::name).containsExactly(second.name());
        }
        assertThat(db.tableExists(copy(first))).isFalse();
        assertThat(db.tableExists(copy(second))).isTrue();
    }

    /** Issue 20 item 9: a rollback-run dropping the column its run just added copied nothing but NULLs, every time. */
    @Test
    void aDroppedColumnThatHoldsNoValueIsNotCopied(TestDatabase db) throws Exception {
        db.execute("create table fees (id bigint primary key, amount numeric(12,2))",
                "insert into fees select g, g from generate_series(1, 10) g",
                "alter table fees add column currency text", "alter table fees add column memo text",
                "update fees set memo = 'kept' where id = 3");
        assertThat(migrate(db, "alter table fees drop column currency")).isEmpty();
        assertThat(migrate(db, "alter table fees drop column memo")).singleElement()
                .isInstanceOf(SnapshotOutcome.Taken.class);
    }
}
