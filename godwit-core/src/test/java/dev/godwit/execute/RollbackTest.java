package dev.godwit.execute;

import dev.godwit.plan.Planner;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.SafetySettings;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.MigrationState;
import dev.godwit.migration.Version;
import dev.godwit.testing.Fingerprint;
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
class RollbackTest {

    @TempDir
    Path dir;

    TestDatabase db;
    TestProject project;
    final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        project = new TestProject(db, dir)
                .write("V1__accounts.sql", "create table accounts (id bigint primary key, balance numeric(12,2));\n"
                        + "insert into accounts values (1, 10.00), (2, 20.50);")
                .write("U1__accounts.sql", "drop table accounts;")
                .write("V2__transfers.sql", "create table transfers (id bigint primary key, amount numeric(12,2));")
                .write("U2__transfers.sql", "drop table transfers;")
                .write("0003_note.up.sql", "alter table accounts add column note text;")
                .write("0003_note.down.sql", "alter table accounts drop column note;");
    }

    RunOutcome migrate() throws Exception {
        return new Migrate(project.setup(events::add)).run(Optional.empty());
    }

    RunOutcome rollback(Optional<Integer> steps, Optional<Version> to) throws Exception {
        return new Rollback(project.setup(events::add))
                .run(new Rollback.Request(steps, to));
    }

    MigrationState state(String version) throws Exception {
        return Planner.plan(project.config(), db.connect(), Optional.empty()).plan().entries().stream()
                .filter(e -> e.version() != null && e.version().equals(Version.parse(version)))
                .findFirst().orElseThrow().state();
    }

    @Test
    void revertsTheLastMigrationAddsAnUndoRowAndTheVersionIsPendingAgain() throws Exception {
        migrate();

        RunOutcome outcome = rollback(Optional.empty(), Optional.empty());

        assertThat(outcome).isInstanceOf(RunOutcome.Done.class);
        assertThat(((RunOutcome.Done) outcome).applied()).extracting(MigrationScript::script)
                .containsExactly("0003_note.down.sql");
        assertThat(((RunOutcome.Done) outcome).current()).contains(Version.parse("2"));
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'accounts'"
                + " and column_name = 'note'")).isZero();
        assertThat(db.queryValue("select string_agg(kind || ':' || version, ',' order by installed_rank)"
                + " from godwit.history")).isEqualTo("versioned:1,versioned:2,versioned:0003,undo:0003");
        assertThat(state("3")).isEqualTo(MigrationState.PENDING);

        assertThat(((RunOutcome.Done) migrate()).applied()).extracting(MigrationScript::script)
                .containsExactly("0003_note.up.sql");
    }

    @Test
    void stepsAndToRevertSeveralNewestFirst() throws Exception {
        migrate();

        RunOutcome two = rollback(Optional.of(2), Optional.empty());
        assertThat(((RunOutcome.Done) two).applied()).extracting(MigrationScript::script)
                .containsExactly("0003_note.down.sql", "U2__transfers.sql");

        migrate();
        RunOutcome toOne = rollback(Optional.empty(), Optional.of(Version.parse("1")));
        assertThat(((RunOutcome.Done) toOne).applied()).extracting(MigrationScript::script)
                .containsExactly("0003_note.down.sql", "U2__transfers.sql");
        assertThat(db.tableExists("public.accounts")).isTrue();
        assertThat(db.tableExists("public.transfers")).isFalse();

        RunOutcome nothing = rollback(Optional.empty(), Optional.of(Version.parse("1")));
        assertThat(((RunOutcome.Done) nothing).applied()).isEmpty();
    }

    @Test
    void aMissingDownScriptStopsTheRollbackBeforeAnythingIsReverted() throws Exception {
        project.delete("U2__transfers.sql");
        migrate();
        String before = Fingerprint.of(db);

        RunOutcome outcome = rollback(Optional.of(2), Optional.empty());

        assertThat(outcome).isInstanceOf(RunOutcome.Invalid.class);
        assertThat(((RunOutcome.Invalid) outcome).problems()).singleElement().asString()
                .contains("V2 transfers (V2__transfers.sql) has no down script")
                .contains("Write U2__transfers.sql").contains("restore a backup taken before it was applied if there is one");
        assertThat(Fingerprint.of(db)).isEqualTo(before);
        assertThat(db.count("select count(*) from godwit.history where kind = 'undo'")).isZero();
    }

    @Test
    void aDownScriptEditedAfterDeploymentIsCaught() throws Exception {
        migrate();
        project.write("0003_note.down.sql", "alter table accounts drop column note cascade;");

        RunOutcome outcome = rollback(Optional.empty(), Optional.empty());

        assertThat(((RunOutcome.Invalid) outcome).problems()).singleElement().asString()
                .contains("0003_note.down.sql was changed after V0003 note was applied")
                .contains("repair --accept-checksum 0003");
    }

    @Test
    void tooManyStepsIsRefused() throws Exception {
        migrate();

        RunOutcome outcome = rollback(Optional.of(4), Optional.empty());

        assertThat(((RunOutcome.Invalid) outcome).problems()).singleElement().asString()
                .contains("--steps 4").contains("3 applied");
    }

    @Test
    void aFailingThirdMigrationLeavesSchemaAndDataExactlyAsBeforeTheRun() throws Exception {
        db.execute("create table ledger (id bigint primary key, amount numeric(12,2) not null)",
                "insert into ledger select g, g * 1.25 from generate_series(1, 500) g");
        project.write("0003_note.up.sql", "alter table accounts add column note text;\n"
                + "insert into ledger values (1, 1.00);\n");  // duplicate key: fails after the ALTER
        String before = Fingerprint.of(db);

        RunOutcome outcome = migrate();

        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        RunOutcome.Failed f = (RunOutcome.Failed) outcome;
        assertThat(f.failure().location()).isEqualTo("0003_note.up.sql:2:1");
        assertThat(f.reverted()).extracting(MigrationScript::script)
                .containsExactly("U2__transfers.sql", "U1__accounts.sql");
        assertThat(f.notReverted()).isEmpty();
        assertThat(Fingerprint.of(db)).isEqualTo(before);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(RunEvent.RollingBack.class));
        assertThat(state("1")).isEqualTo(MigrationState.PENDING);
    }

    @Test
    void withOnFailureStopTheEarlierMigrationsStayAndTheOutcomeSaysHowToRevert() throws Exception {
        project.safety(new SafetySettings(SafetySettings.OnFailure.STOP, SafetySettings.SnapshotMode.AUTO, 100))
                .write("0003_note.up.sql", "select nope;");

        RunOutcome.Failed f = (RunOutcome.Failed) migrate();

        assertThat(f.reverted()).isEmpty();
        assertThat(f.notReverted()).singleElement().asString().contains("on_failure = \"stop\"")
                .contains("godwit rollback --steps 2");
        assertThat(db.tableExists("public.transfers")).isTrue();
    }

    @Test
    void whenOneOfTheRunsMigrationsHasNoDownScriptNothingIsRevertedAndItSaysWhy() throws Exception {
        project.delete("U1__accounts.sql").write("0003_note.up.sql", "select nope;");

        RunOutcome.Failed f = (RunOutcome.Failed) migrate();

        assertThat(f.reverted()).isEmpty();
        assertThat(f.notReverted()).anySatisfy(n -> assertThat(n).contains("V1 accounts").contains("no down script"));
        assertThat(f.notReverted()).anySatisfy(n -> assertThat(n).contains("nothing this run applied was reverted"));
        assertThat(db.tableExists("public.transfers")).isTrue();
    }
}
