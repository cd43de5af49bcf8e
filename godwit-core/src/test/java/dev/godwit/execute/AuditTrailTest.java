package dev.godwit.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.audit.AuditEntry;
import dev.godwit.audit.AuditLog;
import dev.godwit.run.RunOutcome;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What a run writes to the audit log, and that the chain it writes verifies. */
@ExtendWith(PostgresExtension.class)
class AuditTrailTest {

    @TempDir
    Path dir;

    TestDatabase db;
    TestProject project;

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        project = new TestProject(db, dir)
                .write("V1__a.sql", "create table a (id int);").write("U1__a.sql", "drop table a;")
                .write("V2__b.sql", "create table b (id int);").write("U2__b.sql", "drop table b;");
    }

    List<String> actions() throws Exception {
        try (Connection c = db.connect()) {
            return new AuditLog("godwit", Optional.empty()).query(c, AuditLog.Filter.all()).stream()
                    .map(e -> e.action() + (e.version() == null ? "" : ":" + e.version())).toList();
        }
    }

    @Test
    void aRunRecordsItsStartEachMigrationAndItsEndInAChainThatVerifies() throws Exception {
        assertThat(new Migrate(project.setup(e -> { })).run(Optional.empty())).isInstanceOf(RunOutcome.Done.class);

        assertThat(actions()).containsExactly("run_started", "migration_applied:1", "migration_applied:2",
                "run_finished");
        try (Connection c = db.connect()) {
            AuditLog log = new AuditLog("godwit", Optional.empty());
            assertThat(log.verify(c, Optional.empty()).intact()).isTrue();
            AuditEntry applied = log.query(c, AuditLog.Filter.all()).get(1);
            assertThat(applied.osUser()).isEqualTo("tester");
            assertThat(applied.details()).containsEntry("script", "V1__a.sql").containsKey("checksum")
                    .containsKey("downChecksum").containsEntry("attempts", 1L);
        }
    }

    @Test
    void aFailedRunRecordsTheFailureAndTheRevertsButNoApplyThatWasRolledBack() throws Exception {
        project.write("V2__b.sql", "create table b (id int);\nselect nope;");

        new Migrate(project.setup(e -> { })).run(Optional.empty());

        assertThat(actions()).containsExactly("run_started", "migration_applied:1", "migration_failed:2",
                "migration_reverted:1", "run_failed:2");
    }

    @Test
    void aRetriedMigrationIsRecordedOnceWithItsTries() throws Exception {
        db.execute("create table accounts (id int)");
        project.write("V2__b.sql", "alter table accounts add column note text;");
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("select * from accounts");
            }
            java.util.concurrent.CountDownLatch retried = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CompletableFuture<dev.godwit.run.RunOutcome> run =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return new Migrate(project.setup(e -> {
                                if (e instanceof dev.godwit.run.RunEvent.LockRetry) {
                                    retried.countDown();
                                }
                            })).run(Optional.empty());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
            // Release once the migration has retried (an observable event, not a fixed delay).
            assertThat(retried.await(90, java.util.concurrent.TimeUnit.SECONDS)).as("the migration never retried").isTrue();
            holder.commit();
            run.get(90, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(actions()).containsExactly("run_started", "migration_applied:1", "migration_applied:2",
                "run_finished");
        try (Connection c = db.connect()) {
            AuditEntry v2 = new AuditLog("godwit", Optional.empty()).query(c, AuditLog.Filter.all()).get(2);
            assertThat(((Number) v2.details().get("attempts")).intValue()).isGreaterThan(1);
        }
    }
}
