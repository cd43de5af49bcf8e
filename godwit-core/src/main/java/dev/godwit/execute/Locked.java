package dev.godwit.execute;

import dev.godwit.run.RunEvent;
import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ConnectFailure;
import dev.godwit.history.HistoryTable;
import dev.godwit.lock.LockTimeoutException;
import dev.godwit.lock.MigrationLock;
import java.sql.Connection;
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
        try (Connection c = setup.connector().open(); Connection lockConnection = setup.connector().open();
             MigrationLock lock = MigrationLock.acquire(lockConnection, config.schema(), setup.requester(),
                     config.migrate().lockWait(), h -> setup.listener().on(new RunEvent.LockWaiting(h)))) {
            HistoryTable history = new HistoryTable(config.schema());
            history.create(c);
            return work.run(c, history, new AuditTrail(setup, command));
        }
    }
}
