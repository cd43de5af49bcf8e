package dev.godwit.execute;

import dev.godwit.plan.PreparedMigration;
import dev.godwit.plan.Planner;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.history.HistoryTable;
import dev.godwit.history.Repair;
import dev.godwit.lock.MigrationLock;
import dev.godwit.migration.MigrationScanner;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The database itself refuses a second application of a version: the applied-versions table and its primary key. */
@ExtendWith(PostgresExtension.class)
class ExactlyOnceTest {

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
        return new Migrate(project.setup(events::add)).run(Optional.empty());
    }

    @Test
    void aSecondCommitOfTheSameVersionIsRefusedByTheDatabaseAndRolledBack() throws Exception {
        project.write("V1__ledger.sql", "create table ledger (id int);")
                .write("V2__entry.sql", "insert into ledger values (1);");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        // A run that planned before the first committed (the lock failed it, say) still has V2 as pending.
        RunSetup setup = project.setup(events::add);
        List<PreparedMigration> stale = Planner.plan(setup.config(), List.of(), Optional.empty(), List.of()).prepared();
        PreparedMigration v2 = stale.stream().filter(m -> m.script().script().equals("V2__entry.sql")).findFirst().get();

        try (Connection c = db.connect(); Connection lc = db.connect();
             MigrationLock lock = MigrationLock.acquire(lc, "godwit", TestProject.requester(), Duration.ZERO, h -> { });
             MigrationApplier applier = new MigrationApplier(c, lock, setup, new AuditTrail(setup, "migrate"),
                     RandomGenerator.getDefault())) {
            MigrationApplier.Outcome again = applier.apply(v2);

            assertThat(again).isInstanceOf(MigrationApplier.Outcome.Failed.class);
            var failure = ((MigrationApplier.Outcome.Failed) again).failure();
            assertThat(failure.alreadyApplied()).as(failure.describe()).isTrue();
            assertThat(failure.describe()).contains("V2 entry is already applied", "godwit.applied", "rolled back");
        }
        assertThat(db.count("select count(*) from ledger")).as("the insert ran once").isOne();
        assertThat(db.count("select count(*) from godwit.history where version = '2'")).isOne();
        assertThat(db.count("select count(*) from godwit.applied")).isEqualTo(2);
    }

    @Test
    void anExistingDatabaseGetsTheTableFilledFromItsHistoryAndARollbackFreesTheVersion() throws Exception {
        project.write("V1__a.sql", "create table a (id int);").write("U1__a.sql", "drop table a;")
                .write("V2__b.sql", "create table b (id int);").write("U2__b.sql", "drop table b;");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        db.execute("drop table godwit.applied"); // as an earlier release left it

        project.write("V3__c.sql", "create table c (id int);").write("U3__c.sql", "drop table c;");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(db.queryValue("select string_agg(version, ',' order by version) from godwit.applied")).isEqualTo("1,2,3");

        RunOutcome back = new Rollback(project.setup(events::add)).run(new Rollback.Request(Optional.of(1), Optional.empty()));
        assertThat(back).isInstanceOf(RunOutcome.Done.class);
        assertThat(db.queryValue("select string_agg(version, ',' order by version) from godwit.applied")).isEqualTo("1,2");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(db.queryValue("select string_agg(version, ',' order by version) from godwit.applied")).isEqualTo("1,2,3");
    }

    @Test
    void aVersionTheHistoryShowsAppliedTwiceIsReportedAndRepairRemovesTheExtraRow() throws Exception {
        project.write("V1__a.sql", "create table a (id int);");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        // What an earlier release let two runs through a transaction pooler do: a second success row for V1.
        db.execute("insert into godwit.history (installed_rank, version, description, kind, script, checksum, success,"
                + " run_id) select 2, version, description, kind, script, checksum, true, 'second-run' from godwit.history");

        Planner.Planned planned;
        try (Connection c = db.connect()) {
            planned = Planner.plan(project.config(), c, Optional.empty());
        }
        assertThat(planned.problems()).anySatisfy(p -> assertThat(p).contains("V1 a was applied 2 times",
                "history ranks 1, 2", "second-", "correct the data", "`godwit repair`"));
        assertThat(migrate()).isInstanceOf(RunOutcome.Invalid.class);

        try (Connection c = db.connect()) {
            Repair.Result r = Repair.run(c, new HistoryTable("godwit"), MigrationScanner.scan(List.of(project.migrations())),
                    Optional.empty());
            assertThat(r.changes()).singleElement().asString().contains("second application of V1 a", "rank 2");
            assertThat(Planner.plan(project.config(), c, Optional.empty()).problems()).isEmpty();
        }
    }

    @Test
    void aClaimOfASessionStillAliveStopsTheRunAndAClaimOfAGoneSessionIsReleased() throws Exception {
        project.write("V1__a.sql", "create table a (id int);")
                .write("V2__idx.sql", "-- godwit:no-transaction\ncreate index concurrently if not exists a_id on a (id);");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        db.execute("delete from godwit.history where version = '2'", "delete from godwit.applied where version = '2'");
        try (Connection other = db.connect(); Statement s = other.createStatement()) {
            // A run that lost its lock and is still building the index holds the claim from a live session.
            s.execute("insert into godwit.applied (version, run_id, complete, backend_pid, backend_start)"
                    + " select '2', 'lost-run', false, pid, backend_start from pg_stat_activity where pid = pg_backend_pid()");

            RunOutcome refused = migrate();
            assertThat(refused).isInstanceOf(RunOutcome.Invalid.class);
            assertThat(((RunOutcome.Invalid) refused).problems()).singleElement().asString()
                    .contains("version 2 is still being applied", "lost-run", "pg_cancel_backend");
        }
        // That session has ended (as after a kill -9): the claim is released and the migration runs again.
        RunOutcome resumed = migrate();
        assertThat(resumed).isInstanceOf(RunOutcome.Done.class);
        assertThat(db.queryValue("select complete from godwit.applied where version = '2'")).isEqualTo(true);
        assertThat(db.count("select count(*) from godwit.history where version = '2' and success")).isOne();
    }
}
