package dev.godwit.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class MigrationLockTest {

    static MigrationLock.Requester me(String who) {
        return new MigrationLock.Requester(who, "host-" + who, 42, "run-" + who);
    }

    @Test
    void aSecondRunnerWaitsSeesTheHolderAndTimesOut(TestDatabase db) throws Exception {
        try (Connection a = db.connect(); Connection b = db.connect();
             MigrationLock held = MigrationLock.acquire(a, "godwit", me("alice"), Duration.ZERO, h -> { })) {
            List<Optional<LockHolder>> seen = new ArrayList<>();

            assertThatThrownBy(() -> MigrationLock.acquire(b, "godwit", me("bob"), Duration.ofMillis(500), seen::add))
                    .isInstanceOf(LockTimeoutException.class)
                    .hasMessageContaining("alice@host-alice")
                    .hasMessageContaining("--lock-wait");
            assertThat(seen).isNotEmpty();
            assertThat(seen.get(0)).hasValueSatisfying(h -> {
                assertThat(h.holder()).isEqualTo("alice");
                assertThat(h.live()).isTrue();
            });
        }
    }

    @Test
    void releasingLetsTheNextRunnerIn(TestDatabase db) throws Exception {
        try (Connection a = db.connect(); Connection b = db.connect()) {
            MigrationLock first = MigrationLock.acquire(a, "godwit", me("alice"), Duration.ZERO, h -> { });
            first.close();
            try (MigrationLock second = MigrationLock.acquire(b, "godwit", me("bob"), Duration.ZERO, h -> { })) {
                assertThat(MigrationLock.holder(a, "godwit")).hasValueSatisfying(h -> assertThat(h.holder()).isEqualTo("bob"));
            }
            assertThat(MigrationLock.holder(a, "godwit")).isEmpty();
        }
    }

    @Test
    void aCrashedHolderNeverLeavesAStuckLockAndItsLeaseRowShowsAsStale(TestDatabase db) throws Exception {
        Connection crashed = db.connect();
        MigrationLock.acquire(crashed, "godwit", me("alice"), Duration.ZERO, h -> { });
        // The process dies without releasing: its session ends, and PostgreSQL releases the advisory lock.
        crashed.close();

        try (Connection c = db.connect()) {
            assertThat(MigrationLock.holder(c, "godwit")).hasValueSatisfying(h -> {
                assertThat(h.holder()).isEqualTo("alice");
                assertThat(h.live()).isFalse();
                assertThat(h.describe()).contains("stale");
            });
            try (MigrationLock next = MigrationLock.acquire(c, "godwit", me("bob"), Duration.ZERO, h -> { })) {
                assertThat(MigrationLock.holder(db.connect(), "godwit"))
                        .hasValueSatisfying(h -> assertThat(h.holder()).isEqualTo("bob"));
            }
        }
    }

    @Test
    void locksOfDifferentSchemasAreIndependent(TestDatabase db) throws Exception {
        try (Connection a = db.connect(); Connection b = db.connect();
             MigrationLock one = MigrationLock.acquire(a, "godwit", me("alice"), Duration.ZERO, h -> { });
             MigrationLock two = MigrationLock.acquire(b, "other_app", me("bob"), Duration.ZERO, h -> { })) {
            assertThat(MigrationLock.key("godwit")).isNotEqualTo(MigrationLock.key("other_app"));
        }
    }
}
