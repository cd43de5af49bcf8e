package dev.godwit.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.lock.MigrationLock;
import dev.godwit.base.Cancellation;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that must stop: asked to (a signal, through the setup's cancellation), or because its lock session ended.
 * The running statement is cancelled on the server, its transaction rolled back, the failure audited, the lock
 * released; nothing is applied twice.
 */
@ExtendWith(PostgresExtension.class)
class StopTest {

    @TempDir
    Path dir;

    TestProject project;
    TestDatabase db;
    final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        project = new TestProject(db, dir);
        project.write("V1__a.sql", "create table a (id int);").write("U1__a.sql", "drop table a;")
                .write("V2__slow.sql", "create table slow (id int);\nselect pg_sleep(120);");
    }

    /** Polls until the migration's long statement is running on the server. */
    private void awaitSleeping() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.count("select count(*) from pg_stat_activity where state = 'active' and query like '%pg_sleep(120)%'"
                + " and pid <> pg_backend_pid()") == 0) {
            assertThat(System.nanoTime()).as("the migration never started its long statement").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void assertNothingLeftRunning() {
        assertThat(db.count("select count(*) from pg_stat_activity where query like '%pg_sleep(120)%'"
                + " and state = 'active' and pid <> pg_backend_pid()")).as("a statement still running").isZero();
        assertThat(db.count("select count(*) from pg_locks where locktype = 'advisory' and granted"
                + " and ((classid::bigint << 32) | objid::bigint) = " + MigrationLock.key("godwit"))).as("lock held").isZero();
    }

    @Test
    void aStopRequestCancelsTheStatementRollsBackRevertsTheRunAndAuditsIt() throws Exception {
        Cancellation signal = new Cancellation();
        RunSetup setup = project.setup(events::add);
        RunSetup withSignal = new RunSetup(setup.config(), setup.connector(), setup.listener(), setup.requester(),
                setup.actor(), setup.audit(), signal);
        CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                return new Migrate(withSignal).run(Optional.empty());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitSleeping();

        signal.request("SIGTERM");
        RunOutcome outcome = run.get(60, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        RunOutcome.Failed f = (RunOutcome.Failed) outcome;
        assertThat(f.failure().interrupted()).isTrue();
        assertThat(f.failure().describe()).contains("interrupted by SIGTERM", "cancelled on the server", "rolled back");
        assertThat(f.reverted()).extracting(m -> m.script()).containsExactly("U1__a.sql");
        assertThat(db.tableExists("public.slow")).isFalse();
        assertThat(db.tableExists("public.a")).as("reverted within the grace period").isFalse();
        assertThat(db.count("select count(*) from godwit.history where version = '2'")).isZero();
        assertThat(db.count("select count(*) from godwit.applied")).isZero();
        assertThat(db.queryValue("select string_agg(action, ',' order by seq) from godwit.audit_log"))
                .isEqualTo("run_started,migration_applied,migration_failed,migration_reverted,run_failed");
        assertThat(db.queryValue("select details->>'sqlState' from godwit.audit_log where action = 'migration_failed'"))
                .isEqualTo("GW002");
        assertNothingLeftRunning();
    }

    @Test
    void aRunWhoseLockSessionIsTerminatedStopsWithoutCommittingAndWithoutBlamingTheServer() throws Exception {
        CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                return new Migrate(project.setup(events::add)).run(Optional.empty());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitSleeping();

        db.execute("select pg_terminate_backend(backend_pid) from godwit.lock");
        RunOutcome outcome = run.get(60, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        RunOutcome.Failed f = (RunOutcome.Failed) outcome;
        assertThat(f.failure().lockLost()).as(f.failure().describe()).isTrue();
        assertThat(f.failure().connectionLost()).isFalse();
        assertThat(f.failure().describe()).contains("lost the migration lock").doesNotContain("crash");
        assertThat(f.reverted()).as("a run without the lock reverts nothing").isEmpty();
        assertThat(f.notReverted()).anySatisfy(n -> assertThat(n).contains("no longer holds the migration lock"));
        assertThat(db.tableExists("public.slow")).isFalse();
        assertThat(db.count("select count(*) from godwit.history where version = '1' and success")).isOne();
        assertThat(db.count("select count(*) from godwit.history where version = '2'")).isZero();
        assertThat(db.queryValue("select string_agg(action, ',' order by seq) from godwit.audit_log"))
                .isEqualTo("run_started,migration_applied,migration_failed,run_failed");
        assertNothingLeftRunning();

        project.write("V2__slow.sql", "create table slow (id int);");
        assertThat(new Migrate(project.setup(events::add)).run(Optional.empty())).isInstanceOf(RunOutcome.Done.class);
        assertThat(db.count("select count(*) from godwit.history where success")).isEqualTo(2);
    }
}
