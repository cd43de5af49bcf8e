package dev.godwit.execute;

import dev.godwit.plan.Planner;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.MigrateSettings;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.Version;
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

@ExtendWith(PostgresExtension.class)
class MigrateTest {

    @TempDir
    Path dir;

    TestProject project;
    TestDatabase db;
    final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        project = new TestProject(db, dir);
    }

    RunOutcome migrate() throws Exception {
        return migrate(Optional.empty());
    }

    RunOutcome migrate(Optional<Version> target) throws Exception {
        return new Migrate(project.setup(events::add)).run(target);
    }

    @Test
    void appliesPendingMigrationsInVersionOrderEachWithAHistoryRow() throws Exception {
        project.write("V2__transfers.sql", "create table transfers (id bigint primary key, account_id bigint references accounts);")
                .write("V1__accounts.sql", "create table accounts (id bigint primary key, balance numeric(12,2));")
                .write("V10__later.sql", "alter table transfers add column note text;");

        RunOutcome outcome = migrate();

        assertThat(outcome).isInstanceOf(RunOutcome.Done.class);
        RunOutcome.Done done = (RunOutcome.Done) outcome;
        assertThat(done.applied()).extracting(MigrationScript::script)
                .containsExactly("V1__accounts.sql", "V2__transfers.sql", "V10__later.sql");
        assertThat(done.current()).contains(Version.parse("10"));
        assertThat(db.count("select count(*) from godwit.history where success")).isEqualTo(3);
        assertThat(db.queryValue("select string_agg(version, ',' order by installed_rank) from godwit.history"))
                .isEqualTo("1,2,10");
        assertThat(db.tableExists("public.transfers")).isTrue();
        assertThat(db.count("select count(*) from godwit.lock")).as("lease row removed at the end").isZero();
    }

    @Test
    void aSecondRunFindsNothingToDo() throws Exception {
        project.write("V1__a.sql", "create table a (id int);");
        migrate();

        RunOutcome again = migrate();

        assertThat(again).isEqualTo(new RunOutcome.Done(List.of(), Optional.of(Version.parse("1"))));
        assertThat(db.count("select count(*) from godwit.history")).isEqualTo(1);
    }

    @Test
    void aFailingMigrationIsRolledBackWhileEarlierOnesStayAndTheErrorSaysFileLineAndColumn() throws Exception {
        project.write("V1__ok.sql", "create table a (id int);")
                .write("V2__broken.sql", "create table b (id int);\n\ninsert into b\n  select nope from a;\n");

        RunOutcome outcome = migrate();

        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        RunOutcome.Failed f = (RunOutcome.Failed) outcome;
        assertThat(f.failed().script()).isEqualTo("V2__broken.sql");
        assertThat(f.failure().location()).isEqualTo("V2__broken.sql:4:10");
        assertThat(f.failure().message()).contains("column \"nope\" does not exist").contains("42703");
        assertThat(f.failure().rolledBack()).isTrue();
        assertThat(f.appliedBefore()).extracting(MigrationScript::script).containsExactly("V1__ok.sql");
        assertThat(db.tableExists("public.a")).isTrue();
        assertThat(db.tableExists("public.b")).as("V2's first statement rolled back with it").isFalse();
        assertThat(db.count("select count(*) from godwit.history")).isEqualTo(1);
    }

    @Test
    void aMistakeInAnyPendingFileStopsTheRunBeforeAnythingIsApplied() throws Exception {
        project.write("V1__ok.sql", "create table a (id int);")
                .write("V2__unterminated.sql", "create table b (note text default 'oops);\n")
                .write("V3__placeholder.sql", "create table c (owner text default '${owner}');\n");

        RunOutcome outcome = migrate();

        assertThat(outcome).isInstanceOf(RunOutcome.Invalid.class);
        List<String> problems = ((RunOutcome.Invalid) outcome).problems();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("V2__unterminated.sql:1:").contains("unterminated"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("V3__placeholder.sql:1:").contains("${owner}"));
        assertThat(db.tableExists("public.a")).isFalse();
        assertThat(db.tableExists("godwit.history")).isFalse();
    }

    @Test
    void placeholdersAreReplacedButTheChecksumIsOfTheFileAsWritten() throws Exception {
        project.placeholder("owner", "ledger_app")
                .write("V1__a.sql", "create table a (owner text default '${owner}');");

        migrate();

        assertThat(db.queryValue("select column_default from information_schema.columns where table_name = 'a'"))
                .isEqualTo("'ledger_app'::text");
        String recorded = (String) db.queryValue("select checksum from godwit.history");
        assertThat(recorded).isEqualTo(dev.godwit.migration.Checksums.sha256(
                "create table a (owner text default '${owner}');"));
        // A different value for the placeholder is not an edit of the file.
        project.placeholder("owner", "other");
        assertThat(Planner.plan(project.config(), db.connect(), Optional.empty()).problems()).isEmpty();
    }

    @Test
    void aFileCheckedOutWithCrlfLineEndingsDoesNotLookEdited() throws Exception {
        project.write("V1__a.sql", "create table a (\n  id int\n);\n");
        migrate();

        project.write("V1__a.sql", "\uFEFFcreate table a (\r\n  id int\r\n);\r\n");

        assertThat(Planner.plan(project.config(), db.connect(), Optional.empty()).problems()).isEmpty();
    }

    @Test
    void anEditedAppliedMigrationStopsTheNextRun() throws Exception {
        project.write("V1__a.sql", "create table a (id int);");
        migrate();
        project.write("V1__a.sql", "create table a (id bigint);").write("V2__b.sql", "create table b (id int);");

        RunOutcome outcome = migrate();

        assertThat(outcome).isInstanceOf(RunOutcome.Invalid.class);
        assertThat(((RunOutcome.Invalid) outcome).problems()).singleElement().asString()
                .contains("V1 a").contains("changed after it was applied").contains("repair --accept-checksum 1");
        assertThat(db.tableExists("public.b")).isFalse();
    }

    @Test
    void targetStopsAtTheGivenVersion() throws Exception {
        project.write("V1__a.sql", "create table a (id int);").write("V2__b.sql", "create table b (id int);")
                .write("V3__c.sql", "create table c (id int);");

        migrate(Optional.of(Version.parse("2")));

        assertThat(db.tableExists("public.b")).isTrue();
        assertThat(db.tableExists("public.c")).isFalse();
    }

    @Test
    void outOfOrderMigrationsAreRefusedUnlessAllowed() throws Exception {
        project.write("V1__a.sql", "create table a (id int);").write("V3__c.sql", "create table c (id int);");
        migrate();
        project.write("V2__b.sql", "create table b (id int);");

        RunOutcome refused = migrate();
        assertThat(refused).isInstanceOf(RunOutcome.Invalid.class);
        assertThat(((RunOutcome.Invalid) refused).problems()).singleElement().asString()
                .contains("V2 b").contains("out_of_order = true");

        MigrateSettings s = TestProject.fastSettings();
        project.settings(new MigrateSettings(s.lockTimeout(), s.statementTimeout(), s.maxAttempts(),
                s.retryBaseDelay(), s.retryMaxDelay(), s.lockWait(), true, s.cleanDisabled()));
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(db.tableExists("public.b")).isTrue();
    }

    @Test
    void repeatableMigrationsRunAfterVersionedOnesAndAgainWhenTheyChange() throws Exception {
        project.write("R__view.sql", "create or replace view v as select id from a;")
                .write("V1__a.sql", "create table a (id int, name text);");

        RunOutcome.Done first = (RunOutcome.Done) migrate();
        assertThat(first.applied()).extracting(MigrationScript::script).containsExactly("V1__a.sql", "R__view.sql");
        assertThat(((RunOutcome.Done) migrate()).applied()).isEmpty();

        project.write("R__view.sql", "create or replace view v as select id, name from a;");
        RunOutcome.Done third = (RunOutcome.Done) migrate();

        assertThat(third.applied()).extracting(MigrationScript::script).containsExactly("R__view.sql");
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'v'")).isEqualTo(2);
    }

    @Test
    void transactionControlInsideATransactionalMigrationIsRefusedWithItsLine() throws Exception {
        project.write("V1__a.sql", "begin;\ncreate table a (id int);\ncommit;\n");

        RunOutcome outcome = migrate();

        assertThat(((RunOutcome.Invalid) outcome).problems())
                .anySatisfy(p -> assertThat(p).startsWith("V1__a.sql:1:1").contains("godwit:no-transaction"));
        assertThat(db.tableExists("public.a")).isFalse();
    }

    @Test
    void eventsTellTheStoryOfTheRun() throws Exception {
        project.write("V1__a.sql", "create table a (id int);");

        migrate();

        // The WAL positions (point-in-time recovery): at the run's start, around the migration, at its end.
        assertThat(events).hasExactlyElementsOfTypes(RunEvent.RunStarted.class, RunEvent.Linted.class,
                RunEvent.LockAcquired.class, RunEvent.WalMarked.class, RunEvent.WalMarked.class,
                RunEvent.MigrationStarted.class, RunEvent.MigrationApplied.class, RunEvent.WalMarked.class,
                RunEvent.SchemaAudited.class, RunEvent.RunFinished.class, RunEvent.WalMarked.class);
    }
}
