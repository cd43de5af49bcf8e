package dev.godwit.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.LintSettings;
import dev.godwit.config.MigrateSettings;
import dev.godwit.config.Risk;
import dev.godwit.lint.Finding;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class LintGateTest {

    @TempDir
    Path dir;

    TestProject project;
    TestDatabase db;
    final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(TestDatabase db) throws Exception {
        this.db = db;
        // ledger has 100 rows: graded by size, its index would be low; these tests are about the gate itself
        project = new TestProject(db, dir).lint(LintSettings.defaults().withGradeBySize(false));
        project.write("V1__ledger.sql", "create table ledger (id bigint primary key, account_id bigint, amount numeric(12,2));");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        db.execute("insert into ledger select g, g % 10, 1.00 from generate_series(1, 100) g");
    }

    RunOutcome migrate() throws Exception {
        return new Migrate(project.setup(events::add)).run(Optional.empty());
    }

    @Test
    void aRiskyPendingMigrationIsRefusedWithNothingAppliedNorLocked() throws Exception {
        project.write("V2__index.sql", "-- fine on its own\ncreate table notes (id bigint primary key);\n"
                + "create index ledger_account on ledger (account_id);")
                .write("V3__later.sql", "create table later (id bigint primary key);");
        events.clear();

        RunOutcome outcome = migrate();

        assertThat(outcome).isInstanceOf(RunOutcome.Blocked.class);
        RunOutcome.Blocked blocked = (RunOutcome.Blocked) outcome;
        assertThat(blocked.maxRisk()).isEqualTo(Risk.HIGH);
        assertThat(blocked.blocking()).extracting(Finding::rule).containsExactly("create-index-not-concurrently");
        Finding f = blocked.blocking().get(0);
        assertThat(f.location()).isEqualTo("V2__index.sql:3:1");
        assertThat(f.safeAlternative()).contains("index CONCURRENTLY ledger_account on ledger (account_id);");
        assertThat(db.count("select count(*) from godwit.history")).as("only V1").isEqualTo(1);
        assertThat(db.tableExists("public.notes")).isFalse();
        assertThat(db.count("select count(*) from godwit.lock")).isZero();
        assertThat(events).noneMatch(e -> e instanceof RunEvent.LockAcquired);
    }

    @Test
    void anAllowedFindingPassesAndKeepsItsReason() throws Exception {
        project.write("V2__index.sql", "-- godwit:allow create-index-not-concurrently because ledger has 100 rows\n"
                + "create index ledger_account on ledger (account_id);");

        RunOutcome outcome = migrate();

        assertThat(outcome).isInstanceOf(RunOutcome.Done.class);
        RunEvent.Linted linted = events.stream().filter(e -> e instanceof RunEvent.Linted)
                .map(e -> (RunEvent.Linted) e).reduce((a, b) -> b).orElseThrow();
        assertThat(linted.findings()).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("create-index-not-concurrently");
            assertThat(x.allowedBecause()).contains("ledger has 100 rows");
        });
    }

    @Test
    void tablesCreatedEarlierInTheSameRunAreNewAndExistingOnesComeFromTheCatalog() throws Exception {
        project.write("V2__accounts.sql", "create table accounts (id bigint primary key);")
                .write("V3__index.sql", "create index accounts_id2 on accounts (id);")
                .write("V4__ledger.sql", "create index ledger_account on ledger (account_id);");

        RunOutcome outcome = migrate();

        // accounts is new in this run: no finding; ledger already exists (the catalog says so): blocked
        assertThat(outcome).isInstanceOf(RunOutcome.Blocked.class);
        assertThat(((RunOutcome.Blocked) outcome).blocking()).extracting(Finding::file).containsExactly("V4__ledger.sql");
    }

    @Test
    void setNotNullAfterAnAppliedValidatedCheckPassesTheGateWithoutOneItIsRefused() throws Exception {
        // The safe pattern across releases: CHECK ... NOT VALID, VALIDATE, then SET NOT NULL (no scan, PG 12+).
        project.write("V2__check.sql", "alter table ledger add constraint ledger_amount_nn check (amount is not null) not valid;")
                .write("V3__validate.sql", "alter table ledger validate constraint ledger_amount_nn;");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        project.write("V4__not_null.sql", "alter table ledger alter column amount set not null;\n"
                + "alter table ledger alter column id set not null;");

        assertThat(migrate()).as("the catalog's CHECK and primary key prove both columns").isInstanceOf(RunOutcome.Done.class);

        project.write("V5__account.sql", "alter table ledger alter column account_id set not null;");
        RunOutcome unproven = migrate();
        assertThat(unproven).isInstanceOf(RunOutcome.Blocked.class);
        assertThat(((RunOutcome.Blocked) unproven).blocking()).extracting(Finding::rule).containsExactly("set-not-null");
    }

    @Test
    void withTheGateOffFindingsAreReportedButNotRefused() throws Exception {
        project.lint(LintSettings.defaults().withGate(false));
        project.write("V2__index.sql", "create index ledger_account on ledger (account_id);");

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(events).anyMatch(e -> e instanceof RunEvent.Linted l && !l.gate() && l.findings().size() == 1);
    }

    @Test
    void anAllowNamingNoRuleIsAProblemNotASilentPass() throws Exception {
        project.write("V2__index.sql", "-- godwit:allow create-index-not-concurently because typo\n"
                + "create index ledger_account on ledger (account_id);");

        RunOutcome outcome = migrate();

        assertThat(outcome).isInstanceOf(RunOutcome.Invalid.class);
        assertThat(((RunOutcome.Invalid) outcome).problems()).singleElement().asString()
                .contains("V2__index.sql:1").contains("did you mean 'create-index-not-concurrently'");
    }

    @Test
    void waitsWithoutQueuingUntilALongTransactionOnTheTableEnds() throws Exception {
        project.settings(new MigrateSettings(Duration.ofSeconds(2), Duration.ZERO, 3, Duration.ofMillis(10),
                Duration.ofMillis(50), Duration.ofSeconds(20), false, false));
        project.write("V2__column.sql", "alter table ledger add column note text;");
        try (Connection reader = db.connect(); Connection app = db.connect()) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.execute("select count(*) from ledger"); // holds ACCESS SHARE until it ends
            }
            CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return migrate();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitEvent(RunEvent.WaitingForQuiet.class);
            // Godwit asked for no lock: the application's queries are not queued behind it (an ACCESS
            // EXCLUSIVE request in the queue would make this wait, and time out)
            try (Statement s = app.createStatement()) {
                s.execute("set lock_timeout = '500ms'");
                s.execute("select count(*) from ledger");
                s.execute("select * from ledger where id = 1 for update");
            }
            RunEvent.WaitingForQuiet w = (RunEvent.WaitingForQuiet) events.stream()
                    .filter(e -> e instanceof RunEvent.WaitingForQuiet).findFirst().orElseThrow();
            assertThat(w.lock()).isEqualTo("ACCESS EXCLUSIVE on ledger");
            assertThat(w.location()).startsWith("V2__column.sql:1");
            assertThat(w.holders()).singleElement().satisfies(b -> assertThat(b.query()).contains("count(*) from ledger"));
            assertThat(run).isNotDone();
            reader.commit();
            assertThat(run.get(20, TimeUnit.SECONDS)).isInstanceOf(RunOutcome.Done.class);
        }
        assertThat(db.queryValue("select count(*) from information_schema.columns where table_name = 'ledger' and column_name = 'note'"))
                .isEqualTo(1L);
    }

    @Test
    void aTableTheMigrationCreatedIsNotWaitedForButAnExistingOneStillIs() throws Exception {
        project.settings(new MigrateSettings(Duration.ofSeconds(2), Duration.ZERO, 3, Duration.ofMillis(10),
                Duration.ofMillis(50), Duration.ofSeconds(20), false, false));
        project.write("V2__notes.sql", """
                create table notes (id bigint primary key, body text);
                create index notes_body_idx on notes (body);
                insert into notes values (1, 'a');
                alter table ledger add column note text;
                """);
        try (Connection reader = db.connect()) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.execute("select count(*) from ledger");
            }
            CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return migrate();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitEvent(RunEvent.WaitingForQuiet.class);
            reader.commit();
            assertThat(run.get(20, TimeUnit.SECONDS)).isInstanceOf(RunOutcome.Done.class);
        }
        assertThat(events).filteredOn(e -> e instanceof RunEvent.WaitingForQuiet)
                .extracting(e -> ((RunEvent.WaitingForQuiet) e).lock()).containsOnly("ACCESS EXCLUSIVE on ledger");
        assertThat(db.queryValue("select count(*) from notes")).isEqualTo(1L);
    }

    private void awaitEvent(Class<? extends RunEvent> type) throws InterruptedException {
        for (int i = 0; i < 200 && events.stream().noneMatch(type::isInstance); i++) {
            Thread.sleep(50);
        }
        assertThat(events).anyMatch(type::isInstance);
    }
}
