package dev.godwit.config;

import dev.godwit.config.PreflightSettings;
import java.time.Duration;

/** {@code [preflight]}: readiness checks before {@code migrate}, and their thresholds (docs/operations.md). */
record PreflightSection(Boolean enabled, Integer connectionsWarnPercent, Integer connectionsFailPercent,
        Duration replicationLagWarn, Duration replicationLagFail, Duration longTransactionWarn,
        Duration longTransactionFail, Duration idleInTransactionWarn, Duration idleInTransactionFail,
        Duration lockHolderFail, Integer diskWarnPercent, Integer diskFailPercent, Duration backupWarnAge,
        Duration backupFailAge, Duration inUseWindow, Duration inUseObserve, Boolean requireWalArchiving,
        Duration rpo) implements Section {

    @Override
    public void check(Where where) throws ConfigException {
        percent(where, "connections_warn_percent", connectionsWarnPercent, 100);
        percent(where, "connections_fail_percent", connectionsFailPercent, 100);
        percent(where, "disk_warn_percent", diskWarnPercent, 100_000);
        percent(where, "disk_fail_percent", diskFailPercent, 100_000);
        if (rpo != null && (rpo.isZero() || rpo.isNegative())) {
            throw new ConfigException(where.key("rpo") + " must be more than 0, such as \"15m\"");
        }
    }

    private static void percent(Where where, String key, Integer value, int max) throws ConfigException {
        if (value != null && (value < 0 || value > max)) {
            throw new ConfigException(where.key(key) + " must be a percentage from 0 (off) to " + max + ", not "
                    + value);
        }
    }

    /** Over the defaults. */
    PreflightSettings resolve() {
        PreflightSettings d = PreflightSettings.defaults();
        return new PreflightSettings(or(enabled, d.enabled()), or(connectionsWarnPercent, d.connectionsWarnPercent()),
                or(connectionsFailPercent, d.connectionsFailPercent()), or(replicationLagWarn, d.replicationLagWarn()),
                or(replicationLagFail, d.replicationLagFail()), or(longTransactionWarn, d.longTransactionWarn()),
                or(longTransactionFail, d.longTransactionFail()), or(idleInTransactionWarn, d.idleInTransactionWarn()),
                or(idleInTransactionFail, d.idleInTransactionFail()), or(lockHolderFail, d.lockHolderFail()),
                or(diskWarnPercent, d.diskWarnPercent()), or(diskFailPercent, d.diskFailPercent()),
                or(backupWarnAge, d.backupWarnAge()), or(backupFailAge, d.backupFailAge()),
                or(inUseWindow, d.inUseWindow()), or(inUseObserve, d.inUseObserve()), d.requireWalArchiving(),
                d.rpo());
    }

    static PreflightSettings resolve(PreflightSection s) {
        return s == null ? PreflightSettings.defaults() : s.resolve();
    }

    /** With require_wal_archiving on by default in an environment named production, as [backup] before_migrate. */
    static PreflightSettings resolve(PreflightSection s, java.util.Optional<String> environment) {
        boolean production = environment.filter("production"::equals).isPresent();
        return resolve(s).withWalArchiving(s != null && s.requireWalArchiving() != null ? s.requireWalArchiving()
                : production, s != null && s.rpo() != null ? s.rpo() : PreflightSettings.DEFAULT_RPO);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
