package dev.godwit.preflight;

import dev.godwit.config.PreflightSettings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.audit.AuditAction;
import dev.godwit.audit.AuditLog;
import dev.godwit.execute.Migrate;
import dev.godwit.execute.PreflightStep;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class PreflightTest {

    @TempDir
    Path dir;

    TestDatabase db;
    TestProject project;
    int holderPid;
    final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(TestDatabase db) throws Exception {
        this.db = db;
        project = new TestProject(db, dir).preflight(PreflightSettings.defaults().withLockHolderFail(Duration.ofMillis(100)));
        project.write("V1__accounts.sql", "create table accounts (id bigint primary key, balance numeric(12,2));");
        assertThat(migrate(false)).isInstanceOf(RunOutcome.Done.class);
        project.write("V2__add_note.sql", "alter table accounts add column note text;");
        events.clear();
    }

    RunOutcome migrate(boolean skip) throws Exception {
        return new Migrate(project.setup(events::add)).skippingPreflight(skip).run(Optional.empty());
    }

    static int pid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A session that read the table in a transaction and went idle: it holds ACCESS SHARE until it ends. */
    Connection idleHolder() throws Exception {
        Connection c = db.connect();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("set application_name = 'forgotten-psql'");
            s.executeQuery("select count(*) from accounts").close();
        }
        holderPid = pid(c);
        Thread.sleep(300); // older than the 100ms lock_holder_fail of this test
        return c;
    }

    @Test
    void aFreshDatabaseIsReadyWithDefaultThresholds() throws Exception {
        project.preflight(PreflightSettings.defaults());
        try (Connection c = db.connect()) {
            PreflightReport r = PreflightStep.check(project.config(), c);

            assertThat(r.failed()).as(r.toString()).isFalse();
            assertThat(r.checks()).extracting(Check::id).contains("connectivity", "pending", "connections",
                    "replication-lag", "long-transactions", "idle-in-transaction", "table-locks", "disk", "backup-age",
                    "lint", "invalid-objects");
            Check connections = r.checks().stream().filter(k -> k.id().equals("connections")).findFirst().orElseThrow();
            assertThat(connections.summary()).matches("\\d+ of \\d+ connections in use \\(\\d+%\\)");
            assertThat(connections.threshold()).isEqualTo("warn at 80%, fail at 95%");
        }
    }

    @Test
    void anIdleInTransactionHolderOfAnAlteredTableFailsNamingIt() throws Exception {
        try (Connection holder = idleHolder(); Connection c = db.connect()) {
            PreflightReport r = PreflightStep.check(project.config(), c);

            Check locks = r.checks().stream().filter(k -> k.id().equals("table-locks")).findFirst().orElseThrow();
            assertThat(locks.status()).isEqualTo(Status.FAIL);
            assertThat(locks.details()).singleElement().asString().contains("pid " + holderPid, "forgotten-psql",
                    "idle in transaction", "holds ACCESS SHARE", "ACCESS EXCLUSIVE", "V2__add_note.sql:1:1");
            assertThat(r.failed()).isTrue();
        }
    }

    @Test
    void migrateStopsBeforeTheLockAndSaysWhoBlocks() throws Exception {
        try (Connection holder = idleHolder()) {
            RunOutcome outcome = migrate(false);

            assertThat(outcome).isInstanceOf(RunOutcome.NotReady.class);
            PreflightReport r = ((RunOutcome.NotReady) outcome).report();
            assertThat(r.failures()).extracting(Check::id).containsExactly("table-locks");
            assertThat(r.failures().get(0).details().get(0)).contains("pid " + holderPid);
            assertThat(events).anyMatch(e -> e instanceof RunEvent.PreflightChecked);
            assertThat(events).noneMatch(e -> e instanceof RunEvent.LockAcquired);
        }
        assertThat(db.count("select count(*) from godwit.history where version = '2'")).isZero();
    }

    @Test
    void aYoungHolderOnlyWarns() throws Exception {
        project.preflight(PreflightSettings.defaults().withLockHolderFail(Duration.ofHours(1)));
        try (Connection holder = idleHolder(); Connection c = db.connect()) {
            PreflightReport r = PreflightStep.check(project.config(), c);

            Check locks = r.checks().stream().filter(k -> k.id().equals("table-locks")).findFirst().orElseThrow();
            assertThat(locks.status()).isEqualTo(Status.WARN);
            assertThat(locks.details().get(0)).contains("pid " + holderPid);
        }
    }

    @Test
    void skippingIsRecordedInTheAuditLog() throws Exception {
        assertThat(migrate(true)).isInstanceOf(RunOutcome.Done.class);

        assertThat(events).anyMatch(e -> e instanceof RunEvent.PreflightSkipped);
        assertThat(events).noneMatch(e -> e instanceof RunEvent.PreflightChecked);
        try (Connection c = db.connect()) {
            assertThat(new AuditLog("godwit", Optional.empty()).query(c, AuditLog.Filter.all()))
                    .anyMatch(e -> e.action().equals(AuditAction.PREFLIGHT_SKIPPED.word()));
        }
    }

    @Test
    void theBlockingTreeShowsWhoWaitsForWhomAndTerminateEndsOnlyTheIdleHolder() throws Exception {
        try (Connection holder = idleHolder(); Connection waiter = db.connect(); Connection c = db.connect()) {
            int waiterPid = pid(waiter);
            waiter.setAutoCommit(false);
            Thread t = new Thread(() -> {
                try (Statement s = waiter.createStatement()) {
                    s.execute("lock table accounts in access exclusive mode");
                } catch (Exception expected) {
                    // ends when the holder is terminated, or the connection closes
                }
            });
            t.start();
            List<BlockingTree.Node> roots = List.of();
            for (int i = 0; i < 100 && roots.isEmpty(); i++) {
                Thread.sleep(50);
                roots = BlockingTree.now(c);
            }

            assertThat(roots).singleElement().satisfies(root -> {
                assertThat(root.session().pid()).isEqualTo(holderPid);
                assertThat(root.session().idleInTransaction()).isTrue();
                assertThat(root.blocked()).singleElement().satisfies(n -> {
                    assertThat(n.session().pid()).isEqualTo(waiterPid);
                    assertThat(n.session().waiting()).isEqualTo("Lock:relation");
                });
            });
            assertThat(BlockingTree.idleInTransaction(c, Duration.ofHours(1))).isEmpty();
            assertThat(BlockingTree.idleInTransaction(c, Duration.ofMillis(100))).extracting(Backend::pid)
                    .containsExactly(holderPid);
            assertThat(BlockingTree.terminateIfStillIdle(c, waiterPid, Duration.ZERO)).isFalse();
            assertThat(BlockingTree.terminateIfStillIdle(c, holderPid, Duration.ZERO)).isTrue();
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
        }
    }
}
