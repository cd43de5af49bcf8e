package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.lock.MigrationLock;
import dev.godwit.testing.TestDatabase;
import java.util.concurrent.TimeUnit;

/**
 * What the fault tests wait for and check after each fault: a statement seen running on the server (an observable
 * state, never a fixed delay), and afterwards no statement still running, no lock held, no migration applied twice.
 * The last three are counted in the torture summary (each must stay 0).
 */
final class Faults {

    private static final long DEADLINE_SECONDS = 90;

    private Faults() {}

    /** The same, failing at once with what the process said when it ends before the statement runs. */
    static int awaitRunning(TestDatabase owner, String fragment, dev.godwit.cli.RunningGodwit process)
            throws InterruptedException {
        TestDatabase su = TortureServer.asSuperuser(owner);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (true) {
            Object pid = su.queryValue(running(fragment) + " limit 1");
            if (pid != null) {
                return ((Number) pid).intValue();
            }
            if (!process.process().isAlive() || System.nanoTime() > end) {
                throw new AssertionError("no statement with '" + fragment + "' ran before the process ended (or within "
                        + DEADLINE_SECONDS + "s):\n" + process.finish());
            }
            Thread.sleep(20);
        }
    }

    /** Waits until a session of the database runs a statement containing {@code fragment}; returns its pid. */
    static int awaitRunning(TestDatabase owner, String fragment) throws InterruptedException {
        TestDatabase su = TortureServer.asSuperuser(owner);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (true) {
            Object pid = su.queryValue(running(fragment) + " limit 1");
            if (pid != null) {
                return ((Number) pid).intValue();
            }
            assertThat(System.nanoTime()).as("no statement with '%s' started within %ds", fragment, DEADLINE_SECONDS)
                    .isLessThan(end);
            Thread.sleep(20);
        }
    }

    /** The backend that holds the migration lock now (the lock session of a running migrate). */
    static int awaitLockSession(TestDatabase owner) throws InterruptedException {
        TestDatabase su = TortureServer.asSuperuser(owner);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (true) {
            Object pid = su.queryValue("select pid from pg_locks where locktype = 'advisory' and granted and "
                    + keyIs(owner) + " limit 1");
            if (pid != null) {
                return ((Number) pid).intValue();
            }
            assertThat(System.nanoTime()).as("nobody took the migration lock").isLessThan(end);
            Thread.sleep(20);
        }
    }

    private static String running(String fragment) {
        return "select pid from pg_stat_activity where datname = current_database() and state = 'active'"
                + " and pid <> pg_backend_pid() and query like '%" + fragment.replace("'", "''") + "%'";
    }

    private static String keyIs(TestDatabase owner) {
        return "database = (select oid from pg_database where datname = '" + owner.name() + "')"
                + " and ((classid::bigint << 32) | objid::bigint) = " + MigrationLock.key("godwit");
    }

    /**
     * After a fault: within the deadline, no statement with {@code fragment} runs and nobody holds the migration lock
     * (a process that exited at once leaves sessions the server ends when it notices). Orphans are counted.
     */
    static void assertNothingLeft(TestDatabase owner, String fragment, String context) throws InterruptedException {
        TestDatabase su = TortureServer.asSuperuser(owner);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        long running;
        long locks;
        while (true) {
            running = su.count("select count(*) from (" + running(fragment) + ") r");
            locks = su.count("select count(*) from pg_locks where locktype = 'advisory' and granted and " + keyIs(owner));
            if (running == 0 && locks == 0 || System.nanoTime() > end) {
                break;
            }
            Thread.sleep(50);
        }
        TortureSummary.add("orphaned locks", locks);
        TortureSummary.add("statements left running", running);
        assertThat(running).as("a statement still running after: " + context).isZero();
        assertThat(locks).as("the migration lock still held after: " + context).isZero();
    }

    /**
     * Each version at most once: the history shows no version applied twice without an undo between, the applied
     * table has no row without a success row, and {@code ledger} (when the test's migrations write one) no
     * duplicate entry. Double applications are counted (the count must stay 0).
     */
    static void assertAtMostOnce(TestDatabase owner, String context) {
        TestDatabase su = TortureServer.asSuperuser(owner);
        long doubled = 0;
        if (su.tableExists("godwit.history")) {
            doubled += su.count("select count(*) from (select version from godwit.history h where success and kind ="
                    + " 'versioned' and not exists (select 1 from godwit.history u where u.kind = 'undo' and u.success"
                    + " and u.version = h.version and u.installed_rank > h.installed_rank) group by version"
                    + " having count(*) > 1) d");
        }
        if (su.tableExists("public.ledger")) {
            doubled += su.count("select count(*) - count(distinct entry) from ledger");
        }
        TortureSummary.add("double applications", doubled);
        assertThat(doubled).as("a migration applied twice: " + context).isZero();
    }
}
