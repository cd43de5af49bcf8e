package dev.godwit.pitr;

import java.util.List;

/**
 * How to restore a server to a WAL position with the tools teams use (docs/operations.md, "Point-in-time
 * recovery"). The command lines are documented examples with the names to fill in; each tool's own docs decide.
 * {@code recovery_target_inclusive = false} stops just before the position: the moment before the run.
 */
public final class RecoveryTarget {

    private RecoveryTarget() {}

    /** The lines for returning to the moment {@code before} a run. */
    public static List<String> before(WalPosition p) {
        return List.of(
                "PostgreSQL (postgresql.conf, with recovery.signal and a restore_command): recovery_target_lsn = '"
                        + p.lsn() + "', recovery_target_inclusive = false, recovery_target_timeline = '"
                        + p.timeline() + "', recovery_target_action = 'pause'",
                "by time instead: recovery_target_time = '" + p.serverTime() + "', recovery_target_inclusive = false",
                "pgBackRest: pgbackrest --stanza=<stanza> --type=lsn --target='" + p.lsn()
                        + "' --target-exclusive --target-timeline=" + p.timeline()
                        + " --target-action=pause restore",
                "WAL-G: wal-g backup-fetch $PGDATA LATEST, then restore_command = 'wal-g wal-fetch %f %p' and the"
                        + " recovery_target_lsn above",
                "Barman: barman recover --target-lsn '" + p.lsn() + "' --target-tli " + p.timeline()
                        + " --exclusive <server> <backup-id> <destination>");
    }
}
