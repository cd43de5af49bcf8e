package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.db.ConnectFailure;
import dev.godwit.execute.Locked;
import dev.godwit.lock.LockTimeoutException;
import java.sql.SQLException;

/** Runs a history change under the migration lock, turning the ways that can fail into exit codes. */
final class Locking {

    private Locking() {}

    /** A hot standby or a read-only database: refused before the lock (exit 8), as preflight refuses migrate. */
    static void refuseReadOnly(Session s, String command) throws SQLException {
        try (java.sql.Connection c = s.connect()) {
            java.util.Optional<String> why = dev.godwit.preflight.ReadOnlyTarget.refusal(c);
            if (why.isPresent()) {
                throw new CliFailure(ExitCodes.NOT_READY, command + " refused, nothing was written: " + why.get());
            }
        }
    }

    static <T> T run(Session s, String command, Locked.Work<T> work) throws SQLException, InterruptedException {
        refuseReadOnly(s, command);
        try {
            return Locked.run(s.setup(new RunPrinter(s.out()), command), command, work);
        } catch (ConnectFailure e) {
            throw Session.connectFailure(e);
        } catch (LockTimeoutException e) {
            throw new CliFailure(ExitCodes.LOCK_TIMEOUT, e.getMessage());
        } catch (dev.godwit.lock.PoolerDetectedException e) {
            throw new CliFailure(ExitCodes.USAGE, e.getMessage());
        } catch (SQLException e) {
            if (dev.godwit.execute.Grants.denied(e)) {
                throw new CliFailure(ExitCodes.USAGE, dev.godwit.execute.Grants.advice(e, s.config().connection().user(),
                        s.config().schema(), s.config().connection().database()));
            }
            throw e;
        }
    }
}
