package dev.godwit.backup;

import dev.godwit.testing.TestDatabase;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for an observable state (a session in pg_stat_activity, a file), never for a fixed time. */
final class Waits {

    private Waits() {}

    static void until(String what, BooleanSupplier state) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!state.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 2 minutes for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A session named {@code appLike} (a LIKE pattern) waiting for a lock in this database. */
    static boolean waitingOnLock(TestDatabase db, String appLike) {
        return db.count("select count(*) from pg_stat_activity where datname = current_database()"
                + " and application_name like '" + appLike + "' and wait_event_type = 'Lock'") > 0;
    }

    static long sessions(TestDatabase db, String appLike) {
        return db.count("select count(*) from pg_stat_activity where datname = current_database()"
                + " and application_name like '" + appLike + "'");
    }
}
