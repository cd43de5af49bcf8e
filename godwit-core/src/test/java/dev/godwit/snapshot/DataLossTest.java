package dev.godwit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.snapshot.DataLoss.Kind;
import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.SqlSyntaxException;
import dev.godwit.sql.StatementSplitter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataLossTest {

    /** The losses of the only statement in {@code sql}; the statement is not the first of its file on purpose. */
    static List<DataLoss> losses(String sql) throws SqlSyntaxException {
        List<SqlStatement> all = StatementSplitter.split("select 1;\n" + sql);
        assertThat(all).as("one statement after the select").hasSize(2);
        return DataLoss.of(all.get(1));
    }

    static DataLoss only(String sql) throws SqlSyntaxException {
        List<DataLoss> l = losses(sql);
        assertThat(l).as(sql).hasSize(1);
        return l.get(0);
    }

    @Test
    void dropTableNamesEveryTableAsWritten() throws SqlSyntaxException {
        assertThat(losses("DROP TABLE IF EXISTS a, public.b, \"My Table\", s.\"T\" CASCADE"))
                .extracting(DataLoss::kind, DataLoss::table)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.DROP_TABLE, "a"),
                        org.assertj.core.groups.Tuple.tuple(Kind.DROP_TABLE, "public.b"),
                        org.assertj.core.groups.Tuple.tuple(Kind.DROP_TABLE, "\"My Table\""),
                        org.assertj.core.groups.Tuple.tuple(Kind.DROP_TABLE, "s.\"T\""));
        assertThat(only("drop table accounts").describe()).isEqualTo("DROP TABLE accounts");
        assertThat(only("drop /* why */ table public . accounts restrict").table()).isEqualTo("public.accounts");
    }

    @Test
    void truncateTakesOnlyStarsAndOptions() throws SqlSyntaxException {
        assertThat(losses("TRUNCATE TABLE ONLY a, b * RESTART IDENTITY CASCADE"))
                .extracting(DataLoss::table).containsExactly("a", "b");
        DataLoss t = only("truncate ledger.entries");
        assertThat(t.kind()).isEqualTo(Kind.TRUNCATE);
        assertThat(t.columns()).isEmpty();
        assertThat(t.describe()).isEqualTo("TRUNCATE ledger.entries");
    }

    @Test
    void alterTableDropColumnInEveryForm() throws SqlSyntaxException {
        DataLoss d = only("alter table accounts drop column note");
        assertThat(d.kind()).isEqualTo(Kind.DROP_COLUMN);
        assertThat(d.table()).isEqualTo("accounts");
        assertThat(d.columns()).containsExactly("note");
        assertThat(d.describe()).isEqualTo("DROP COLUMN accounts.note");

        assertThat(losses("ALTER TABLE IF EXISTS ONLY s.\"Acc\" DROP COLUMN IF EXISTS \"Note\" CASCADE, DROP Memo,"
                + " ADD COLUMN z int, DROP CONSTRAINT acc_pk, ALTER COLUMN y SET DEFAULT 0"))
                .extracting(DataLoss::table, DataLoss::columns)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s.\"Acc\"", List.of("Note")),
                        org.assertj.core.groups.Tuple.tuple("s.\"Acc\"", List.of("memo")));
    }

    @Test
    void alterColumnTypeInBothSpellings() throws SqlSyntaxException {
        List<DataLoss> l = losses("alter table t alter column amount type numeric(12, 2) using amount::numeric(12,2),"
                + " alter note set data type varchar(10), alter column x drop not null");
        assertThat(l).extracting(DataLoss::kind).containsOnly(Kind.ALTER_COLUMN_TYPE);
        assertThat(l).extracting(DataLoss::columns).containsExactly(List.of("amount"), List.of("note"));
        assertThat(l.get(0).describe()).isEqualTo("ALTER COLUMN t.amount TYPE");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "create table t (id int primary key, note text)",
        "alter table t add column note text",
        "alter table t rename column note to memo",
        "alter table t rename to u",
        "ALTER TABLE t RENAME CONSTRAINT a TO b",
        "alter table t drop constraint t_pk",
        "alter table t alter column note drop default",
        "alter table all in tablespace a set tablespace b",
        "insert into t (id) values (1)",
        "insert into t values (1) on conflict do nothing",
        "select * from t for update",
        "create index concurrently i on t (note)",
        "drop index i",
        "drop view v",
        "comment on table t is 'drop table t; delete from t'",
        "select 'update t set a = 1'",
        "create trigger tr before update or delete on t for each row execute function f()",
    })
    void statementsThatDestroyNothingGiveNothing(String sql) throws SqlSyntaxException {
        assertThat(losses(sql)).as(sql).isEmpty();
    }

    @Test
    void updateWithoutWhereTakesEveryRowOfTheSetColumns() throws SqlSyntaxException {
        DataLoss u = only("update only accounts set balance = balance * 2, \"Note\" = 'x', (a, b) = (1, 2), c[1] = 0");
        assertThat(u.kind()).isEqualTo(Kind.UPDATE);
        assertThat(u.columns()).containsExactly("balance", "Note", "a", "b", "c");
        assertThat(u.where()).isEmpty();
        assertThat(u.wholeTableBecause()).isEmpty();
        assertThat(u.describe()).isEqualTo("UPDATE accounts SET balance, Note, a, b, c");
    }

    @Test
    void updateWithWhereKeepsTheConditionAndTheAlias() throws SqlSyntaxException {
        DataLoss u = only("update accounts as a set note = 'closed; really', balance = 0\n"
                + "where a.status = 'closed; delete from x' and a.id in (select id from y where z) returning a.id");
        assertThat(u.alias()).contains("a");
        assertThat(u.columns()).containsExactly("note", "balance");
        assertThat(u.where()).contains("a.status = 'closed; delete from x' and a.id in (select id from y where z)");
        assertThat(u.describe()).startsWith("UPDATE accounts SET note, balance WHERE a.status = ");
    }

    @Test
    void updateFromCopiesEveryRowAndSaysWhy() throws SqlSyntaxException {
        DataLoss u = only("update accounts a set balance = b.total from totals b where b.id = a.id");
        assertThat(u.where()).isEmpty();
        assertThat(u.columns()).containsExactly("balance");
        assertThat(u.wholeTableBecause()).hasValueSatisfying(w -> assertThat(w).contains("FROM"));
        assertThat(u.describe()).contains("every row copied");
    }

    @Test
    void isDistinctFromInASetExpressionIsNotAFromClause() throws SqlSyntaxException {
        DataLoss u = only("update t set changed = a is distinct from b where id = 1");
        assertThat(u.wholeTableBecause()).isEmpty();
        assertThat(u.where()).contains("id = 1");
    }

    @Test
    void deleteWithAndWithoutWhere() throws SqlSyntaxException {
        DataLoss all = only("DELETE FROM ledger_entries");
        assertThat(all.kind()).isEqualTo(Kind.DELETE);
        assertThat(all.where()).isEmpty();
        assertThat(all.describe()).isEqualTo("DELETE FROM ledger_entries");

        DataLoss some = only("delete from ledger_entries e where e.amount = 0 /* ; */ and e.memo <> 'returning'"
                + " returning *");
        assertThat(some.alias()).contains("e");
        assertThat(some.where()).contains("e.amount = 0 /* ; */ and e.memo <> 'returning'");
        assertThat(some.columns()).isEmpty();
        assertThat(some.describe()).isEqualTo("DELETE FROM ledger_entries WHERE e.amount = 0 /* ; */ and e.memo <> 'returning'");
    }

    @Test
    void deleteUsingAndCurrentOfCopyEveryRow() throws SqlSyntaxException {
        DataLoss using = only("delete from t using u where u.id = t.id");
        assertThat(using.where()).isEmpty();
        assertThat(using.wholeTableBecause()).hasValueSatisfying(w -> assertThat(w).contains("USING"));
        DataLoss cursor = only("delete from t where current of c");
        assertThat(cursor.where()).isEmpty();
        assertThat(cursor.wholeTableBecause()).isPresent();
    }

    @Test
    void withStatementsCopyEveryTargetWhole() throws SqlSyntaxException {
        List<DataLoss> l = losses("with gone as (delete from a where x returning *), "
                + "upd as (update b set y = 1 where z returning *) "
                + "insert into archive select * from gone for update");
        assertThat(l).extracting(DataLoss::kind, DataLoss::table)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.DELETE, "a"),
                        org.assertj.core.groups.Tuple.tuple(Kind.UPDATE, "b"));
        assertThat(l).allSatisfy(d -> {
            assertThat(d.where()).isEmpty();
            assertThat(d.wholeTableBecause()).contains("part of a WITH statement");
        });
        assertThat(losses("with x as (select 1) select * from x")).isEmpty();
    }

    @Test
    void upsertAndMergeOverwriteRows() throws SqlSyntaxException {
        DataLoss up = only("insert into t (id, v) values (1, 2) on conflict (id) do update set v = excluded.v"
                + " where t.v is null");
        assertThat(up.kind()).isEqualTo(Kind.UPDATE);
        assertThat(up.columns()).containsExactly("v");
        assertThat(up.wholeTableBecause()).isPresent();

        DataLoss merge = only("merge into t using s on s.id = t.id when matched then delete"
                + " when not matched then insert values (s.id)");
        assertThat(merge.kind()).isEqualTo(Kind.DELETE);
        assertThat(losses("merge into t using s on s.id = t.id when not matched then insert values (s.id)")).isEmpty();
    }

    @Test
    void unfinishedOrStrangeStatementsGiveNothingRatherThanAGuess() throws SqlSyntaxException {
        assertThat(losses("drop table")).isEmpty();
        assertThat(losses("alter table")).isEmpty();
        assertThat(losses("update")).isEmpty();
        assertThat(losses("update t")).isEmpty();
        assertThat(losses("delete from")).isEmpty();
        assertThat(losses("truncate 'x'")).isEmpty();
    }

    @Test
    void theContractsFourPartConstructorMeansNoAliasAndNothingExtra() {
        DataLoss d = new DataLoss(Kind.DELETE, "t", List.of(), Optional.of("id > 3"));
        assertThat(d.alias()).isEmpty();
        assertThat(d.wholeTableBecause()).isEmpty();
        assertThat(d.describe()).isEqualTo("DELETE FROM t WHERE id > 3");
    }

    @Test
    void longConditionsAreShortenedInTheDescriptionOnly() {
        String cond = "id in (" + "1, ".repeat(60) + "2)";
        DataLoss d = new DataLoss(Kind.DELETE, "t", List.of(), Optional.of(cond));
        assertThat(d.where()).contains(cond);
        assertThat(d.describe()).endsWith("…").hasSizeLessThan(130);
    }
}
