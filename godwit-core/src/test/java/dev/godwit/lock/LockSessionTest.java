package dev.godwit.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lock session proves itself: no re-entrant acquisition, a fence that fails once the session is gone, a pooler seen. */
@ExtendWith(PostgresExtension.class)
class LockSessionTest {

    static MigrationLock.Requester me(String who) {
        return MigrationLockTest.me(who);
    }

    @Test
    void aServerSessionThatAlreadyHoldsTheLockDoesNotGetItAgain(TestDatabase db) throws Exception {
        // Through a transaction pooler, a second run can land on the server session holding the first run's lock;
        // pg_try_advisory_lock would then succeed re-entrantly. Godwit asks only when nobody holds it.
        try (Connection c = db.connect();
             MigrationLock first = MigrationLock.acquire(c, "godwit", me("alice"), Duration.ZERO, h -> { })) {
            assertThatThrownBy(() -> MigrationLock.acquire(c, "godwit", me("bob"), Duration.ofMillis(300), h -> { }))
                    .isInstanceOf(LockTimeoutException.class);
        }
    }

    @Test
    void theFenceHoldsWhileTheLockSessionLivesAndFailsOnceItIsTerminated(TestDatabase db) throws Exception {
        try (Connection lockSession = db.connect(); Connection migration = db.connect()) {
            MigrationLock lock = MigrationLock.acquire(lockSession, "godwit", me("alice"), Duration.ZERO, h -> { });
            java.util.concurrent.CountDownLatch told = new java.util.concurrent.CountDownLatch(1);
            lock.onLost(told::countDown);
            lock.fence().check(migration);

            db.execute("select pg_terminate_backend(" + lock.fence().backendPid() + ")");

            assertThat(lock.fence().holds(migration)).isFalse();
            assertThatThrownBy(() -> lock.fence().check(migration)).isInstanceOf(LockLostException.class)
                    .hasMessageContaining("no longer holds the migration lock");
            // The heartbeat notices on its own and tells the run.
            assertThat(told.await(60, TimeUnit.SECONDS)).as("the heartbeat never noticed").isTrue();
            assertThat(lock.lost()).hasValueSatisfying(why -> assertThat(why).contains("ended"));
            lock.close();
        }
    }

    @Test
    void theFenceOfARunFailsWhenAnotherRunTookTheLockAfterIt(TestDatabase db) throws Exception {
        try (Connection a = db.connect(); Connection b = db.connect(); Connection migration = db.connect()) {
            MigrationLock first = MigrationLock.acquire(a, "godwit", me("alice"), Duration.ZERO, h -> { });
            Fence old = first.fence();
            first.close();
            try (MigrationLock second = MigrationLock.acquire(b, "godwit", me("bob"), Duration.ZERO, h -> { })) {
                assertThat(old.holds(migration)).isFalse();
                assertThat(second.fence().holds(migration)).isTrue();
            }
        }
    }

    @Test
    void twoConnectionsSharingOneServerSessionAreSeenAsATransactionPooler(TestDatabase db) throws Exception {
        try (Connection a = db.connect(); Connection b = db.connect()) {
            assertThat(SessionPinning.problem(a, b)).isEmpty();
            // What a transaction pooler does when both are idle: one server session for both clients.
            assertThat(SessionPinning.problem(a, a)).hasValueSatisfying(p -> assertThat(p).contains("same PostgreSQL session"));
            assertThat(SessionPinning.advice("x")).contains("[database] migration_url", "GODWIT_MIGRATION_URL",
                    "pool_mode = transaction");
        }
    }

    @Test
    void godwitsSessionsTurnOffTheServersIdleTimeoutsAndUseReadCommitted(TestDatabase db) throws Exception {
        db.execute("alter database " + db.name() + " set idle_session_timeout = '1s'",
                "alter database " + db.name() + " set idle_in_transaction_session_timeout = '1s'",
                "alter database " + db.name() + " set default_transaction_isolation = 'repeatable read'");
        try (Connection c = db.connect()) {
            OwnSession.prepare(c);
            try (var s = c.createStatement(); var rs = s.executeQuery("select current_setting('idle_session_timeout'),"
                    + " current_setting('idle_in_transaction_session_timeout'),"
                    + " current_setting('default_transaction_isolation'),"
                    + " current_setting('client_connection_check_interval')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("0");
                assertThat(rs.getString(2)).isEqualTo("0");
                assertThat(rs.getString(3)).isEqualTo("read committed");
                assertThat(rs.getString(4)).isEqualTo("5s");
            }
        }
    }
}
