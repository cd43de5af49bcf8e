package dev.godwit.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.LintSettings;
import dev.godwit.config.Risk;
import dev.godwit.lint.Finding;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of issue 17 on a real PostgreSQL, through the default gate of {@code migrate}: no refusal of a
 * fresh install for what cannot block anyone, and the hazards on populated tables that IF NOT EXISTS hid.
 */
@ExtendWith(PostgresExtension.class)
class GateOnRealProjectsTest {

    @TempDir
    Path dir;

    TestProject project;
    TestDatabase db;
    final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        project = new TestProject(db, dir).lint(LintSettings.defaults());
    }

    RunOutcome migrate() throws Exception {
        events.clear();
        return new Migrate(project.setup(events::add)).run(Optional.empty());
    }

    /** Every finding of the last lint, allowed or not, as {@code rule@file}. */
    List<String> findings() {
        return events.stream().filter(e -> e instanceof RunEvent.Linted).map(e -> (RunEvent.Linted) e)
                .reduce((a, b) -> b).orElseThrow().findings().stream().map(f -> f.rule() + "@" + f.file()).toList();
    }

    List<String> blocking(RunOutcome outcome) {
        assertThat(outcome).isInstanceOf(RunOutcome.Blocked.class);
        return ((RunOutcome.Blocked) outcome).blocking().stream().map(f -> f.rule() + "@" + f.file()).toList();
    }

    @Test
    void anIndexOnAMaterializedViewCreatedEarlierInTheRunIsNotRefused() throws Exception {
        project.write("V1__p.sql", "create table p (id bigint primary key);")
                .write("V2__mv.sql", "create materialized view mv as select id from p;")
                .write("V3__mv_id.sql", "create unique index mv_id on mv (id);");

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(findings()).noneMatch(f -> f.startsWith("create-index-not-concurrently"));
    }

    @Test
    void noOpDropsOfWhatExistsNeitherInTheDatabaseNorEarlierFilesAreNotRefused() throws Exception {
        project.write("V1__accounts.sql", "create table accounts (id bigint primary key, owner text);")
                .write("V2__cleanup.sql", "DROP TABLE IF EXISTS legacy_jobs;\n"
                        + "ALTER TABLE IF EXISTS x DROP COLUMN IF EXISTS y;\n"
                        + "ALTER TABLE accounts DROP COLUMN IF EXISTS legacy_flag;");

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(findings()).noneMatch(f -> f.startsWith("drop-table") || f.startsWith("drop-column"));
    }

    @Test
    void aDropOfATableOrColumnTheDatabaseHasIsStillRefused() throws Exception {
        project.write("V1__accounts.sql", "create table legacy_jobs (id bigint primary key, note text);");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        project.write("V2__cleanup.sql", "ALTER TABLE legacy_jobs DROP COLUMN IF EXISTS note;\n"
                + "DROP TABLE IF EXISTS legacy_jobs;");

        assertThat(blocking(migrate())).containsExactly("drop-column@V2__cleanup.sql", "drop-table@V2__cleanup.sql");
    }

    @Test
    void renamingASequenceASerialColumnOfThisRunCreatedIsNotRefused() throws Exception {
        project.write("V1__u.sql", "create table u (id serial primary key);")
                .write("V2__rename.sql", "alter sequence u_id_seq rename to u2_id_seq;");

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(findings()).noneMatch(f -> f.startsWith("rename-table"));
    }

    @Test
    void renamingAnExistingSequenceIsStillRefused() throws Exception {
        project.write("V1__u.sql", "create table u (id serial primary key);");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        project.write("V2__rename.sql", "alter sequence u_id_seq rename to u2_id_seq;");

        assertThat(blocking(migrate())).containsExactly("rename-table@V2__rename.sql");
    }

    @Test
    void theCatalogWinsOverCreateTableIfNotExists() throws Exception {
        db.execute("create table accounts (id bigint primary key, owner text, legacy_flag boolean)",
                "create index accounts_owner_idx on accounts (owner)",
                "insert into accounts select g, 'o' || g, false from generate_series(1, 20000) g", "analyze accounts");
        project.write("V1__converge.sql", """
                CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, owner text);
                ALTER TABLE accounts DROP COLUMN IF EXISTS legacy_flag;
                DROP INDEX IF EXISTS accounts_owner_idx;
                CREATE INDEX accounts_owner2_idx ON accounts (owner);
                ALTER TABLE accounts ALTER COLUMN owner TYPE varchar(20);
                """);

        List<String> blocking = blocking(migrate());

        assertThat(blocking).contains("drop-column@V1__converge.sql");
        // 20,000 narrow rows: the index build and the rewrite are reported, graded medium by the table's size
        assertThat(findings()).contains("create-index-not-concurrently@V1__converge.sql",
                "column-type-change@V1__converge.sql");
        assertThat(db.count("select count(*) from accounts")).isEqualTo(20000);
    }

    @Test
    void aFreshInstallWithCreateTableIfNotExistsStillSeesANewTable() throws Exception {
        project.write("V1__create.sql", """
                CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, owner text);
                CREATE INDEX accounts_owner_idx ON accounts (owner);
                ALTER TABLE accounts DROP COLUMN IF EXISTS owner;
                """);

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
    }

    @Test
    void aDefaultCallingAFunctionTheCatalogOrAnEarlierFileDeclaresStableIsNoRewrite() throws Exception {
        db.execute("create table items (id bigint primary key)", "insert into items select generate_series(1, 100)",
                "create function default_currency() returns text language sql immutable as $$ select 'EUR' $$",
                "create function next_ref() returns text language sql as $$ select md5(random()::text) $$");
        project.write("V1__f.sql", "create function today_utc() returns date language sql stable"
                        + " as $$ select (now() at time zone 'utc')::date $$;")
                .write("V2__columns.sql", "alter table items add column currency text default default_currency();\n"
                        + "alter table items add column since date default today_utc();");

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(findings()).noneMatch(f -> f.startsWith("add-column-volatile-default"));

        project.lint(LintSettings.defaults().withGradeBySize(false)); // items is small: graded, this would be low
        project.write("V3__ref.sql", "alter table items add column ref text default next_ref();");
        assertThat(blocking(migrate())).containsExactly("add-column-volatile-default@V3__ref.sql");
    }

    @Test
    void anUnboundedNumericMoneyColumnIsAdviceNotAStop() throws Exception {
        db.execute("create table products (id bigint primary key)");
        project.write("V1__price.sql", "alter table products add column price numeric;");

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(findings()).containsExactly("money-numeric-unbounded@V1__price.sql");

        project.write("V2__fee.sql", "alter table products add column fee numeric(10, 0);");
        assertThat(blocking(migrate())).containsExactly("money-numeric-unbounded@V2__fee.sql");
    }

    @Test
    void aScanOfATableTheCatalogPutsAtOneRowIsLowAndSaysTheSize() throws Exception {
        db.execute("create table plans (id bigint primary key, price_cents bigint)", "insert into plans values (1, 900)",
                "analyze plans");
        project.write("V1__check.sql", "alter table plans add constraint plans_price_positive check (price_cents > 0);");

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        Finding f = lastFindings().stream().filter(x -> x.rule().equals("check-not-valid")).findFirst().orElseThrow();
        assertThat(f.risk()).isEqualTo(Risk.LOW);
        assertThat(f.message()).contains("the catalog puts plans at about 1 row", "so low rather than high");
    }

    @Test
    void aScanOfALargeTableStaysHighAndSaysTheSize() throws Exception {
        db.execute("create table events (id bigint primary key, kind int)",
                "insert into events select g, g % 7 from generate_series(1, 150000) g", "analyze events");
        project.write("V1__check.sql", "alter table events add constraint events_kind check (kind >= 0);");

        assertThat(blocking(migrate())).containsExactly("check-not-valid@V1__check.sql");
        Finding f = lastFindings().stream().filter(x -> x.rule().equals("check-not-valid")).findFirst().orElseThrow();
        assertThat(f.risk()).isEqualTo(Risk.HIGH);
        assertThat(f.message()).contains("the catalog puts events at about 150,000 rows");
    }

    @Test
    void withoutGradingBySizeEveryTableIsJudgedAsLarge() throws Exception {
        db.execute("create table plans (id bigint primary key, price_cents bigint)", "analyze plans");
        project.lint(LintSettings.defaults().withGradeBySize(false));
        project.write("V1__check.sql", "alter table plans add constraint plans_price_positive check (price_cents > 0);");

        assertThat(blocking(migrate())).containsExactly("check-not-valid@V1__check.sql");
    }

    List<Finding> lastFindings() {
        return events.stream().filter(e -> e instanceof RunEvent.Linted).map(e -> (RunEvent.Linted) e)
                .reduce((a, b) -> b).orElseThrow().findings();
    }

    @Test
    void planPredictsWhatTheBuiltInChecksRefuseAndTheDeclarationLetsItRun() throws Exception {
        db.execute("create table jobs (id bigint primary key, state text)",
                "insert into jobs values (1, 'done'), (2, 'open')");
        project.write("V1__cleanup.sql", "delete from jobs where state = 'done';");

        RunOutcome undeclared = migrate();
        Finding f = lastFindings().stream().filter(x -> x.rule().equals("built-in-invariant")).findFirst()
                .orElseThrow();
        assertThat(f.message()).contains("jobs.rows (no rows lost)", "exit 6", "-- godwit:expect-change jobs.rows ..0");
        assertThat(undeclared).as("what the finding predicted").isInstanceOf(RunOutcome.Failed.class);
        assertThat(db.count("select count(*) from jobs")).isEqualTo(2);

        project.write("V1__cleanup.sql", "-- godwit:expect-change jobs.rows ..0\ndelete from jobs where state = 'done';");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(findings()).noneMatch(x -> x.startsWith("built-in-invariant"));
    }
}
