package dev.godwit.execute;

import dev.godwit.run.RunEvent;
import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ConnectFailure;
import dev.godwit.history.HistoryTable;
import dev.godwit.lock.LockTimeoutException;
import dev.godwit.lock.MigrationLock;
import dev.godwit.lock.OwnSession;
import dev.godwit.lock.PoolerDetectedException;
import dev.godwit.lock.SessionPinning;
import java.sql.Connection;
import java.util.Optional;
import java.sql.SQLException;

/**
 * Runs a change to Godwit's history (baseline, repair, clean) under the same migration lock as
 * {@code migrate}, so it can never interleave with a running migration.
 */
public final class Locked {

    private Locked() {}

    /** The work: given the connection to change things on, with the history table in place, and the audit trail. */
    public interface Work<T> {
        T run(Connection c, HistoryTable history, AuditTrail audit) throws SQLException;
    }

    public static <T> T run(RunSetup setup, String command, Work<T> work)
            throws ConnectFailure, SQLException, InterruptedException, LockTimeoutException {
        GodwitConfig config = setup.config();
        try (Connection c = setup.connector().open(); Connection lockConnection = setup.connector().open()) {
            Optional<String> pooled = SessionPinning.problem(lockConnection, c);
            if (pooled.isPresent()) {
                throw new PoolerDetectedException(pooled.get());
            }
            try (MigrationLock lock = MigrationLock.acquire(lockConnection, config.schema(), setup.requester(),
                    config.migrate().lockWait(), h -> setup.listener().on(new RunEvent.LockWaiting(h)),
                    setup.cancellation()::await)) {
                OwnSession.prepare(c);
                HistoryTable history = new HistoryTable(config.schema());
                history.create(c);
                return fenced(c, lock, () -> work.run(c, history, new AuditTrail(setup, command)));
            }
        }
    }

    private interface Body<T> {
        T run() throws SQLException;
    }

    /** The change and its audit entry in one transaction, committed only while this run still holds the lock. */
    private static <T> T fenced(Connection c, MigrationLock lock, Body<T> body) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = body.run();
            lock.fence().check(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
