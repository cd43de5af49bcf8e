package dev.godwit.backup;

import dev.godwit.testing.TestDatabase;

/** What the backup tests wait for ({@link dev.godwit.testing.Await}): sessions in pg_stat_activity. */
final class Waits {

    private Waits() {}

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
