package dev.godwit.config;

import java.time.Duration;

/**
 * {@code [preflight]}: whether {@code migrate} checks readiness first, and each check's thresholds. A
 * threshold of 0 (or 0%) turns that level off: e.g. {@code long_transaction_fail = "0"} only ever warns.
 *
 * @param connectionsWarnPercent connections in use, as a percentage of max_connections, that warns
 * @param lockHolderFail         a session holding a conflicting lock on a table a pending migration touches,
 *                               with its transaction open longer than this, fails (a shorter one warns: the
 *                               migration waits for it)
 * @param diskWarnPercent        free space for the backup folder, as a percentage of the database's size,
 *                               under which it warns
 * @param backupWarnAge          the newest verified backup older than this warns (none at all warns too)
 * @param inUseWindow            the in-use check counts pg_stat_statements calls since its last reset when that
 *                               reset is at most this long ago (the window start); older calls are not counted
 * @param inUseObserve           how long the in-use check watches the counters move (0: no observation)
 * @param requireWalArchiving    point-in-time recovery is expected here: WAL archiving that is off or failing
 *                               fails (default on in an environment named production); otherwise it only warns
 * @param rpo                    the recovery point objective: WAL waiting longer than this to be archived fails
 */
public record PreflightSettings(boolean enabled, int connectionsWarnPercent, int connectionsFailPercent,
        Duration replicationLagWarn, Duration replicationLagFail, Duration longTransactionWarn,
        Duration longTransactionFail, Duration idleInTransactionWarn, Duration idleInTransactionFail,
        Duration lockHolderFail, int diskWarnPercent, int diskFailPercent, Duration backupWarnAge,
        Duration backupFailAge, Duration inUseWindow, Duration inUseObserve, boolean requireWalArchiving,
        Duration rpo) {

    /** The runbooks' recovery point objective. */
    public static final Duration DEFAULT_RPO = Duration.ofMinutes(15);

    /** Without the in-use and WAL archiving settings: their defaults (archiving not required). */
    public PreflightSettings(boolean enabled, int connectionsWarnPercent, int connectionsFailPercent,
            Duration replicationLagWarn, Duration replicationLagFail, Duration longTransactionWarn,
            Duration longTransactionFail, Duration idleInTransactionWarn, Duration idleInTransactionFail,
            Duration lockHolderFail, int diskWarnPercent, int diskFailPercent, Duration backupWarnAge,
            Duration backupFailAge) {
        this(enabled, connectionsWarnPercent, connectionsFailPercent, replicationLagWarn, replicationLagFail,
                longTransactionWarn, longTransactionFail, idleInTransactionWarn, idleInTransactionFail, lockHolderFail,
                diskWarnPercent, diskFailPercent, backupWarnAge, backupFailAge, Duration.ofHours(1),
                Duration.ofSeconds(5), false, DEFAULT_RPO);
    }

    public static PreflightSettings defaults() {
        return new PreflightSettings(true, 80, 95, Duration.ofSeconds(10), Duration.ofMinutes(1),
                Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofMinutes(10),
                Duration.ofSeconds(5), 200, 100, Duration.ofHours(24), Duration.ZERO);
    }

    public PreflightSettings withWalArchiving(boolean required, Duration objective) {
        return new PreflightSettings(enabled, connectionsWarnPercent, connectionsFailPercent, replicationLagWarn,
                replicationLagFail, longTransactionWarn, longTransactionFail, idleInTransactionWarn,
                idleInTransactionFail, lockHolderFail, diskWarnPercent, diskFailPercent, backupWarnAge, backupFailAge,
                inUseWindow, inUseObserve, required, objective);
    }

    public PreflightSettings withEnabled(boolean on) {
        return new PreflightSettings(on, connectionsWarnPercent, connectionsFailPercent, replicationLagWarn,
                replicationLagFail, longTransactionWarn, longTransactionFail, idleInTransactionWarn,
                idleInTransactionFail, lockHolderFail, diskWarnPercent, diskFailPercent, backupWarnAge, backupFailAge,
                inUseWindow, inUseObserve, requireWalArchiving, rpo);
    }

    public PreflightSettings withLockHolderFail(Duration d) {
        return new PreflightSettings(enabled, connectionsWarnPercent, connectionsFailPercent, replicationLagWarn,
                replicationLagFail, longTransactionWarn, longTransactionFail, idleInTransactionWarn,
                idleInTransactionFail, d, diskWarnPercent, diskFailPercent, backupWarnAge, backupFailAge, inUseWindow,
                inUseObserve, requireWalArchiving, rpo);
    }
}
