package dev.godwit.sql.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.sql.SqlScript;
import dev.godwit.sql.analysis.Action.AddColumn;
import dev.godwit.sql.analysis.Action.AddConstraint;
import dev.godwit.sql.analysis.Action.AlterColumnType;
import dev.godwit.sql.analysis.Action.CreateIndex;
import dev.godwit.sql.analysis.Action.CreateTable;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnalyzerTest {

    static StatementAnalysis analyze(String sql) throws Exception {
        return Analyzer.analyze(SqlScript.parse(sql).statements().get(0));
    }

    static Action only(String sql) throws Exception {
        List<Action> actions = analyze(sql).actions();
        assertThat(actions).hasSize(1);
        return actions.get(0);
    }

    @Test
    void createTableReadsColumnsTypesDefaultsAndConstraints() throws Exception {
        CreateTable t = (CreateTable) only("""
                create table billing."Ledger" (
                  id bigint generated always as identity primary key,
                  account_id uuid not null references accounts (id) on delete cascade,
                  amount numeric(12, 2) not null default 0,
                  rate double precision,
                  note varchar(200) collate "C",
                  created_at timestamp(3) without time zone default now(),
                  tags text[],
                  constraint ledger_amount_positive check (amount > 0),
                  unique (account_id, created_at),
                  foreign key (account_id) references public.accounts
                )""");

        assertThat(t.table()).isEqualTo(new Relation(Optional.of("billing"), "Ledger"));
        assertThat(t.columns()).extracting(ColumnDef::name)
                .containsExactly("id", "account_id", "amount", "rate", "note", "created_at", "tags");
        ColumnDef id = t.columns().get(0);
        assertThat(id.type().base()).isEqualTo("bigint");
        assertThat(id.generated()).isTrue();
        assertThat(id.primaryKey()).isTrue();
        ColumnDef account = t.columns().get(1);
        assertThat(account.notNull()).isTrue();
        assertThat(account.references()).contains(new ForeignKey(Relation.of("accounts"), List.of("id")));
        ColumnDef amount = t.columns().get(2);
        assertThat(amount.type().precision()).contains(12);
        assertThat(amount.type().scale()).contains(2);
        assertThat(amount.defaultExpr()).contains("0");
        assertThat(amount.defaultVolatility()).isEqualTo(Volatility.CONSTANT);
        assertThat(t.columns().get(3).type().isFloat()).isTrue();
        assertThat(t.columns().get(4).type().length()).contains(200);
        assertThat(t.columns().get(5).type().base()).isEqualTo("timestamp");
        assertThat(t.columns().get(5).defaultVolatility()).isEqualTo(Volatility.STABLE);
        assertThat(t.columns().get(6).type().array()).isTrue();
        assertThat(t.constraints()).extracting(ConstraintDef::kind).containsExactly(ConstraintDef.Kind.CHECK,
                ConstraintDef.Kind.UNIQUE, ConstraintDef.Kind.FOREIGN_KEY);
        assertThat(t.constraints().get(0).name()).contains("ledger_amount_positive");
        assertThat(t.constraints().get(2).references().orElseThrow().table())
                .isEqualTo(new Relation(Optional.of("public"), "accounts"));
        // a new table's foreign keys lock the tables they reference
        assertThat(analyze("create table a (b int references b)").locks(15))
                .containsExactly(new TableLock(Relation.of("b"), LockMode.SHARE_ROW_EXCLUSIVE));
    }

    @Test
    void typeSpellingsResolveAsPostgresDoes() throws Exception {
        CreateTable t = (CreateTable) only("create table t (a int4, b float, c float(10), d decimal, "
                + "e character varying(5), f timestamp with time zone, g serial, h int8 array, i \"Money\")");
        assertThat(t.columns()).extracting(c -> c.type().base()).containsExactly("integer", "double precision",
                "real", "numeric", "varchar", "timestamptz", "serial", "bigint", "Money");
        assertThat(t.columns().get(6).defaultVolatility()).isEqualTo(Volatility.VOLATILE);
        assertThat(t.columns().get(7).type().array()).isTrue();
    }

    @Test
    void alterTableSubCommandsAreEachAnAction() throws Exception {
        StatementAnalysis a = analyze("""
                alter table only accounts
                  add column if not exists status text not null default 'open',
                  add column token uuid default gen_random_uuid(),
                  drop column legacy cascade,
                  alter column balance type numeric(14, 2) using balance::numeric(14,2),
                  alter column email set not null,
                  alter column email drop not null,
                  alter column note set default 'x',
                  alter column note drop default,
                  add constraint fk foreign key (owner_id) references users (id) not valid,
                  add constraint pos check (balance >= 0) not valid,
                  add constraint accounts_pkey primary key using index accounts_id_idx,
                  validate constraint fk,
                  set (fillfactor = 70),
                  owner to app""");

        assertThat(a.kind()).isEqualTo("ALTER TABLE");
        assertThat(a.actions()).extracting(x -> x.getClass().getSimpleName()).containsExactly("AddColumn",
                "AddColumn", "DropColumn", "AlterColumnType", "SetNotNull", "DropNotNull", "SetDefault", "SetDefault",
                "AddConstraint", "AddConstraint", "AddConstraint", "ValidateConstraint", "OtherAlterTable",
                "OtherAlterTable");
        AddColumn status = (AddColumn) a.actions().get(0);
        assertThat(status.column().notNull()).isTrue();
        assertThat(status.column().defaultVolatility()).isEqualTo(Volatility.CONSTANT);
        assertThat(((AddColumn) a.actions().get(1)).column().defaultVolatility()).isEqualTo(Volatility.VOLATILE);
        AlterColumnType type = (AlterColumnType) a.actions().get(3);
        assertThat(type.type().scale()).contains(2);
        assertThat(type.using()).contains("balance::numeric(14,2)");
        AddConstraint fk = (AddConstraint) a.actions().get(8);
        assertThat(fk.constraint().notValid()).isTrue();
        assertThat(fk.constraint().columns()).containsExactly("owner_id");
        assertThat(((AddConstraint) a.actions().get(10)).constraint().usingIndex()).contains("accounts_id_idx");
        assertThat(a.locks(15)).containsExactly(new TableLock(Relation.of("accounts"), LockMode.ACCESS_EXCLUSIVE),
                new TableLock(Relation.of("users"), LockMode.SHARE_ROW_EXCLUSIVE));
    }

    @Test
    void renamesAttachAndDetachStandAlone() throws Exception {
        assertThat(only("alter table a rename column b to c")).isEqualTo(new Action.RenameColumn(Relation.of("a"), "b", "c"));
        assertThat(only("alter table a rename to b")).isEqualTo(new Action.RenameTable(Relation.of("a"), "b"));
        assertThat(only("alter table p detach partition p1 concurrently"))
                .isEqualTo(new Action.DetachPartition(Relation.of("p"), Relation.of("p1"), true, false));
        assertThat(analyze("alter table p attach partition p1 for values in (1)").locks(11).get(0).mode())
                .isEqualTo(LockMode.ACCESS_EXCLUSIVE);
        assertThat(analyze("alter table p attach partition p1 for values in (1)").locks(12).get(0).mode())
                .isEqualTo(LockMode.SHARE_UPDATE_EXCLUSIVE);
    }

    @Test
    void indexesAndMaintenance() throws Exception {
        CreateIndex ix = (CreateIndex) only(
                "create unique index concurrently if not exists ix on ledger using btree (account_id, lower(note)) where amount > 0");
        assertThat(ix.unique() && ix.concurrently() && ix.ifNotExists() && ix.partial()).isTrue();
        assertThat(ix.name()).contains("ix");
        assertThat(ix.columns()).containsExactly("account_id", "lower(note)");
        assertThat(analyze("create index on ledger (a)").locks(15).get(0).mode()).isEqualTo(LockMode.SHARE);
        assertThat(only("drop index if exists a, b"))
                .isEqualTo(new Action.DropIndex(List.of(Relation.of("a"), Relation.of("b")), false, false));
        assertThat(only("reindex (verbose) table concurrently ledger"))
                .isEqualTo(new Action.Reindex("TABLE", Relation.of("ledger"), true));
        assertThat(only("vacuum (full, analyze) ledger")).isEqualTo(new Action.Vacuum(List.of(Relation.of("ledger")), true));
        assertThat(only("vacuum analyze ledger")).isEqualTo(new Action.Vacuum(List.of(Relation.of("ledger")), false));
        assertThat(only("cluster ledger using ix")).isEqualTo(new Action.Cluster(Optional.of(Relation.of("ledger"))));
        assertThat(only("lock table a, b in share row exclusive mode nowait")).isEqualTo(new Action.LockTable(
                List.of(Relation.of("a"), Relation.of("b")), LockMode.SHARE_ROW_EXCLUSIVE, true));
        assertThat(only("lock a")).isEqualTo(new Action.LockTable(List.of(Relation.of("a")), LockMode.ACCESS_EXCLUSIVE, false));
    }

    @Test
    void dataStatementsKnowTheirTableAndWhetherTheyFilter() throws Exception {
        assertThat(only("delete from ledger")).isEqualTo(new Action.Delete(Relation.of("ledger"), false));
        assertThat(only("delete from ledger l using x where l.id = x.id")).isEqualTo(new Action.Delete(Relation.of("ledger"), true));
        assertThat(only("update ledger set amount = (select max(a) from t where t.x = 1)"))
                .isEqualTo(new Action.Update(Relation.of("ledger"), false, List.of("amount")));
        assertThat(only("update ledger as l set (a, b) = (1, 2), c = 3 where id = 1"))
                .isEqualTo(new Action.Update(Relation.of("ledger"), true, List.of("a", "b", "c")));
        assertThat(only("truncate table a, b cascade")).isEqualTo(new Action.Truncate(List.of(Relation.of("a"), Relation.of("b")), true));
        assertThat(analyze("with gone as (delete from a returning *) insert into b select * from gone").actions())
                .containsExactly(new Action.Delete(Relation.of("a"), false), new Action.Insert(Relation.of("b"), true));
    }

    @Test
    void dropsTypesDomainsSettingsAndTransactions() throws Exception {
        assertThat(only("drop table if exists a, s.b cascade")).isEqualTo(new Action.DropTable(
                List.of(Relation.of("a"), new Relation(Optional.of("s"), "b")), true));
        assertThat(only("drop schema billing")).isEqualTo(new Action.DropSchema(List.of("billing"), false));
        assertThat(only("drop database ledger")).isEqualTo(new Action.DropDatabase("ledger"));
        assertThat(only("drop view v cascade")).isEqualTo(new Action.DropOther("VIEW", List.of("v"), true));
        assertThat(only("create type status as enum ('open', 'closed')"))
                .isEqualTo(new Action.CreateEnum(Relation.of("status"), List.of("'open'", "'closed'")));
        assertThat(only("alter type status add value if not exists 'held' before 'closed'"))
                .isEqualTo(new Action.AddEnumValue(Relation.of("status"), "'held'", Optional.of("before 'closed'")));
        assertThat(only("create domain cents as bigint not null check (value >= 0)")).isEqualTo(
                new Action.CreateDomain(Relation.of("cents"), TypeName.of("bigint", List.of(), false, "bigint"), true,
                        List.of("value >= 0")));
        assertThat(only("set local lock_timeout = '2s'")).isEqualTo(new Action.SetSetting("lock_timeout", Optional.of("'2s'"), true));
        assertThat(only("set statement_timeout to 0")).isEqualTo(new Action.SetSetting("statement_timeout", Optional.of("0"), false));
        assertThat(only("commit")).isEqualTo(new Action.TransactionControl("COMMIT"));
    }

    @Test
    void whatItCannotReadItSaysSo() throws Exception {
        assertThat(only("do $$ begin perform 1; end $$")).isInstanceOf(Action.Unanalysed.class);
        assertThat(only("frobnicate the ledger")).isInstanceOf(Action.Unanalysed.class);
        assertThat(only("alter table a frobnicate")).isInstanceOf(Action.Unanalysed.class);
        assertThat(only("create function f() returns int language sql as 'select 1'")).isInstanceOf(Action.Harmless.class);
        assertThat(only("select 1")).isInstanceOf(Action.Harmless.class);
    }

    @Test
    void doBlocksAreReadStatementByStatementAndSayWhatStayedUnseen() throws Exception {
        StatementAnalysis a = analyze("""
                DO $body$
                DECLARE
                    n int := 0;
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attname = 'legacy') THEN
                        ALTER TABLE accounts ALTER COLUMN id TYPE bigint;
                    ELSIF n > 1 THEN
                        CREATE INDEX accounts_owner ON accounts (owner);
                    END IF;
                    FOR r IN SELECT id FROM accounts LOOP
                        UPDATE ledger SET note = 'x' WHERE id = r.id;
                    END LOOP;
                    n := n + 1;
                    RAISE NOTICE 'n = %', n;
                    EXECUTE 'DROP TABLE ' || 'x';
                    PERFORM refresh_all();
                EXCEPTION WHEN undefined_table THEN NULL;
                END
                $body$""");
        assertThat(a.actions()).hasSize(4);
        assertThat(a.actions().get(0)).isInstanceOf(AlterColumnType.class);
        assertThat(a.actions().get(1)).isInstanceOf(CreateIndex.class);
        assertThat(a.actions().get(2)).isInstanceOf(Action.Update.class);
        assertThat(((Action.Unanalysed) a.actions().get(3)).why()).isEqualTo("in this DO block, 3 static SQL"
                + " statement(s) were analysed; not analysed: 1 × EXECUTE of a string built at run time,"
                + " 1 × PERFORM of a function or procedure");
        assertThat(a.locks(15)).extracting(TableLock::mode)
                .containsExactly(LockMode.ACCESS_EXCLUSIVE, LockMode.ROW_EXCLUSIVE);
        assertThat(only("do $$ begin raise notice 'hi'; end $$")).isEqualTo(new Action.Harmless("DO"));
        assertThat(only("do language plpython3u $$ print(1) $$")).isInstanceOf(Action.Unanalysed.class);
        assertThat(only("do 'begin alter table t drop column c; end'")).isEqualTo(
                new Action.DropColumn(Relation.of("t"), "c", false));
    }

    @Test
    void foreignKeysDroppedAndAddedAgainLockTheReferencedTable() throws Exception {
        StatementAnalysis a = analyze("alter table c drop constraint c_fk, add constraint c_fk foreign key (pid)"
                + " references p on delete cascade");
        assertThat(a.locks(15)).containsExactly(new TableLock(Relation.of("c"), LockMode.ACCESS_EXCLUSIVE),
                new TableLock(Relation.of("p"), LockMode.ACCESS_EXCLUSIVE));
        assertThat(analyze("alter table c drop constraint c_fk").locks(15))
                .containsExactly(new TableLock(Relation.of("c"), LockMode.ACCESS_EXCLUSIVE));
        assertThat(only("reindex (concurrently false) index i")).isEqualTo(new Action.Reindex("INDEX", Relation.of("i"),
                false));
        assertThat(only("reindex (concurrently) index i")).isEqualTo(new Action.Reindex("INDEX", Relation.of("i"), true));
        assertThat(only("alter type e rename value 'a' to 'b'"))
                .isEqualTo(new Action.RenameEnumValue(Relation.of("e"), "'a'", "'b'"));
    }

    @Test
    void lockConflictsFollowTheManualsTable() {
        assertThat(LockMode.ACCESS_SHARE.conflictsWith(LockMode.ACCESS_EXCLUSIVE)).isTrue();
        assertThat(LockMode.ACCESS_SHARE.conflictsWith(LockMode.EXCLUSIVE)).isFalse();
        assertThat(LockMode.ROW_EXCLUSIVE.conflictsWith(LockMode.SHARE)).isTrue();
        assertThat(LockMode.ROW_EXCLUSIVE.conflictsWith(LockMode.ROW_EXCLUSIVE)).isFalse();
        assertThat(LockMode.SHARE.conflictsWith(LockMode.SHARE)).isFalse();
        assertThat(LockMode.SHARE_UPDATE_EXCLUSIVE.conflictsWith(LockMode.SHARE_UPDATE_EXCLUSIVE)).isTrue();
        assertThat(LockMode.SHARE_ROW_EXCLUSIVE.conflictsWith(LockMode.SHARE_ROW_EXCLUSIVE)).isTrue();
        assertThat(LockMode.EXCLUSIVE.conflictsWith(LockMode.ACCESS_SHARE)).isFalse();
        assertThat(LockMode.EXCLUSIVE.conflictsWith(LockMode.ROW_SHARE)).isTrue();
        for (LockMode a : LockMode.values()) {
            for (LockMode b : LockMode.values()) {
                assertThat(a.conflictsWith(b)).as(a + " vs " + b).isEqualTo(b.conflictsWith(a));
            }
        }
        assertThat(LockMode.ACCESS_EXCLUSIVE.pgLocksName()).isEqualTo("AccessExclusiveLock");
        assertThat(LockMode.ofSqlName("share update exclusive")).contains(LockMode.SHARE_UPDATE_EXCLUSIVE);
    }

    @Test
    void checksThatProveNotNullAreTheOnesSetNotNullUses() throws Exception {
        assertThat(constraint("alter table t add constraint c check (email is not null) not valid").provesNotNull())
                .containsExactly("email");
        assertThat(constraint("alter table t add check ((\"Email\" IS NOT NULL) and amount between 1 and 2)")
                .provesNotNull()).containsExactly("Email");
        assertThat(constraint("alter table t add constraint n not null email").provesNotNull()).containsExactly("email");
        // PostgreSQL proves nothing from these: SET NOT NULL still scans
        assertThat(constraint("alter table t add constraint c check (email is not null or x)").provesNotNull()).isEmpty();
        assertThat(constraint("alter table t add constraint c check (amount > 0)").provesNotNull()).isEmpty();
        assertThat(constraint("alter table t add constraint c check (f(email) is not null)").provesNotNull()).isEmpty();
    }

    @Test
    void usingThatOnlyConvertsTheColumnIsPlain() throws Exception {
        assertThat(alterType("alter table t alter column c type text").convertsPlainly()).isTrue();
        assertThat(alterType("alter table t alter column c type text using c").convertsPlainly()).isTrue();
        assertThat(alterType("alter table t alter column c type varchar(20) using (c::character varying(20))")
                .convertsPlainly()).isTrue();
        assertThat(alterType("alter table t alter column c type numeric(12,2) using cast(c as decimal(12, 2))")
                .convertsPlainly()).isTrue();
        assertThat(alterType("alter table t alter column c type varchar(20) using c::varchar(10)").convertsPlainly())
                .isFalse();
        assertThat(alterType("alter table t alter column c type text using lower(c)").convertsPlainly()).isFalse();
        assertThat(alterType("alter table t alter column c type text using d").convertsPlainly()).isFalse();
        assertThat(TypeName.parse("timestamp(3) with time zone").map(TypeName::base)).contains("timestamptz");
        assertThat(TypeName.parse("varchar(10) + 1")).isEmpty();
    }

    private static ConstraintDef constraint(String sql) throws Exception {
        return ((AddConstraint) only(sql)).constraint();
    }

    private static AlterColumnType alterType(String sql) throws Exception {
        return (AlterColumnType) only(sql);
    }

    @Test
    void createAndAlterPolicyTakeAccessExclusiveOnTheirTable() throws Exception {
        // seen by godwit rehearse on PostgreSQL 15: CreatePolicy and AlterPolicy open the table ACCESS EXCLUSIVE
        assertThat(analyze("create policy p on billing.accounts using (owner = current_user)").locks(15))
                .containsExactly(new TableLock(Relation.parse("billing.accounts"), LockMode.ACCESS_EXCLUSIVE));
        assertThat(analyze("alter policy p on accounts using (true)").locks(15))
                .containsExactly(new TableLock(Relation.of("accounts"), LockMode.ACCESS_EXCLUSIVE));
    }
}
