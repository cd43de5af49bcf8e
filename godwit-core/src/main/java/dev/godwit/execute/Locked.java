package dev.godwit.execute;

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

    /** The work: given the connection to change things on, with the history table in place. */
    public interface Work<T> {
        T run(Connection c, HistoryTable history) throws SQLException;
    }

    public static <T> T run(GodwitConfig config, Connector connector, MigrationLock.Requester me,
                            RunListener listener, Work<T> work)
            throws ConnectFailure, SQLException, InterruptedException, LockTimeoutException {
        try (Connection c = connector.open(); Connection lockConnection = connector.open();
             MigrationLock lock = MigrationLock.acquire(lockConnection, config.schema(), me,
                     config.migrate().lockWait(), h -> listener.on(new RunEvent.LockWaiting(h)))) {
            HistoryTable history = new HistoryTable(config.schema());
            history.create(c);
            return work.run(c, history);
        }
    }
}
