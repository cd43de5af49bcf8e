package dev.godwit.execute;

import dev.godwit.run.RunEvent;
import dev.godwit.run.Failure;
import dev.godwit.run.RunOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.MigrateSettings;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration that needs ACCESS EXCLUSIVE on a table that another transaction holds a lock on must not
 * queue behind it (and so make every later query queue behind the migration): it gives up after
 * lock_timeout, rolls back, waits, and tries again, naming who blocked it.
 */
@ExtendWith(PostgresExtension.class)
class LockRetryTest {

    @TempDir
    Path dir;

    TestDatabase db;
    TestProject project;
    final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        db.execute("create table accounts (id bigint primary key, balance numeric(12,2))");
        project = new TestProject(db, dir)
                .write("V1__add_column.sql", "alter table accounts add column note text;");
    }

    private RunOutcome migrate() throws Exception {
        return new Migrate(project.setup(events::add))
                .run(Optional.empty());
    }

    @Test
    void retriesAfterLockTimeoutUntilTheBlockingTransactionEndsAndNamesTheBlocker() throws Exception {
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("set application_name = 'long-report'");
                s.execute("select * from accounts");  // ACCESS SHARE, held until commit
            }
            java.util.concurrent.CompletableFuture<RunOutcome> run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return migrate();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // Release once the migration has hit the lock timeout at least once (an observable event, not a delay).
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
            while (events.stream().noneMatch(RunEvent.LockRetry.class::isInstance)) {
                assertThat(System.nanoTime()).as("the migration never retried").isLessThan(deadline);
                Thread.sleep(10);
            }
            holder.commit();
            RunOutcome outcome = run.get(90, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(outcome).isInstanceOf(RunOutcome.Done.class);
        }
        List<RunEvent.LockRetry> retries = events.stream().filter(RunEvent.LockRetry.class::isInstance)
                .map(RunEvent.LockRetry.class::cast).toList();
        assertThat(retries).isNotEmpty();
        assertThat(retries.get(0).location()).isEqualTo("V1__add_column.sql:1:1");
        assertThat(retries).anySatisfy(r -> assertThat(r.blockers())
                .anySatisfy(b -> assertThat(b.application()).isEqualTo("long-report")));
        RunEvent.MigrationApplied applied = events.stream().filter(RunEvent.MigrationApplied.class::isInstance)
                .map(RunEvent.MigrationApplied.class::cast).findFirst().orElseThrow();
        assertThat(applied.attempts()).isEqualTo(retries.size() + 1);
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'accounts' and column_name = 'note'")).isOne();
    }

    @Test
    void whileItWaitsOtherSessionsAreNotQueuedBehindIt() throws Exception {
        try (Connection holder = db.connect(); Connection reader = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("select * from accounts");
            }
            Thread migration = new Thread(() -> {
                try {
                    migrate();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            migration.start();
            // Read only once the migration is at the table (waiting for quiet, or retrying after lock_timeout):
            // an observable state, not a delay.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
            while (events.stream().noneMatch(e -> e instanceof RunEvent.WaitingForQuiet
                    || e instanceof RunEvent.LockRetry)) {
                assertThat(System.nanoTime()).as("the migration never reached the table").isLessThan(deadline);
                Thread.sleep(10);
            }
            // A plain read must get through although the migration wants ACCESS EXCLUSIVE and the holder never
            // commits meanwhile: queued behind the migration, it would hit its statement_timeout and fail here.
            long worst = 0;
            for (int i = 0; i < 10; i++) {
                long t = System.nanoTime();
                try (Statement s = reader.createStatement()) {
                    s.execute("set statement_timeout = '3s'");
                    s.executeQuery("select count(*) from accounts").close();
                }
                worst = Math.max(worst, System.nanoTime() - t);
                Thread.sleep(100);
            }
            holder.commit();
            migration.join();
            // No latency bound here (a loaded machine would fail it): every read completed within its 3 s timeout.
            assertThat(worst).isPositive();
        }
    }

    @Test
    void givesUpAfterTheLastTryAndAppliesNothing() throws Exception {
        MigrateSettings s = TestProject.fastSettings();
        project.settings(new MigrateSettings(Duration.ofMillis(100), s.statementTimeout(), 3, Duration.ofMillis(20),
                Duration.ofMillis(50), s.lockWait(), false, true, Duration.ZERO));
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("lock table accounts in access share mode");
            }

            RunOutcome outcome = migrate();

            assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
            Failure f = ((RunOutcome.Failed) outcome).failure();
            assertThat(f.sqlState()).isEqualTo("55P03");
            assertThat(f.rolledBack()).isTrue();
            holder.rollback();
        }
        assertThat(events.stream().filter(RunEvent.LockRetry.class::isInstance).count()).isEqualTo(2);
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'accounts' and column_name = 'note'")).isZero();
        assertThat(db.count("select count(*) from godwit.history")).isZero();
    }
}
