package dev.godwit.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@code migrate} behaves: the timeouts that keep a migration from queueing behind (and in front of)
 * production traffic, and the retry budget for when it cannot get its lock in time.
 *
 * @param lockTimeout      {@code SET lock_timeout} for each migration statement; short, so a blocked ALTER
 *                         gives up instead of stalling every query queued behind it
 * @param statementTimeout {@code SET statement_timeout}; {@link Duration#ZERO} means none
 * @param maxAttempts      how many times a migration is tried when it hits the lock timeout (at least 1)
 * @param retryBaseDelay   first back-off between attempts; doubled each time, up to {@code retryMaxDelay}
 * @param lockWait         how long to wait for Godwit's own migration lock (another deploy running)
 * @param outOfOrder       apply a pending migration older than the newest applied one
 * @param cleanDisabled    refuse commands that drop everything; on unless a file says otherwise
 * @param quietWait        before a statement that takes table locks, how long to wait (asking for no lock)
 *                         for sessions holding conflicting ones to finish; zero: try at once
 * @param stopGrace        after SIGINT/SIGTERM, how long a run may take to stop cleanly (cancel, roll back,
 *                         revert, audit, release the lock) before it exits at once; below Kubernetes' default
 *                         terminationGracePeriodSeconds (30 s) so that the clean stop ends before SIGKILL
 */
public record MigrateSettings(Duration lockTimeout, Duration statementTimeout, int maxAttempts,
        Duration retryBaseDelay, Duration retryMaxDelay, Duration lockWait, boolean outOfOrder,
        boolean cleanDisabled, Duration quietWait, Duration stopGrace) {

    public static final Duration DEFAULT_QUIET_WAIT = Duration.ofMinutes(1);
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(25);

    /** Without a stop grace given: the default one. */
    public MigrateSettings(Duration lockTimeout, Duration statementTimeout, int maxAttempts, Duration retryBaseDelay,
            Duration retryMaxDelay, Duration lockWait, boolean outOfOrder, boolean cleanDisabled, Duration quietWait) {
        this(lockTimeout, statementTimeout, maxAttempts, retryBaseDelay, retryMaxDelay, lockWait, outOfOrder,
                cleanDisabled, quietWait, DEFAULT_STOP_GRACE);
    }

    /** Without a quiet wait given: the default one. */
    public MigrateSettings(Duration lockTimeout, Duration statementTimeout, int maxAttempts, Duration retryBaseDelay,
            Duration retryMaxDelay, Duration lockWait, boolean outOfOrder, boolean cleanDisabled) {
        this(lockTimeout, statementTimeout, maxAttempts, retryBaseDelay, retryMaxDelay, lockWait, outOfOrder,
                cleanDisabled, DEFAULT_QUIET_WAIT);
    }

    /** The same settings with another quiet wait (zero turns it off). */
    public MigrateSettings withQuietWait(Duration wait) {
        return new MigrateSettings(lockTimeout, statementTimeout, maxAttempts, retryBaseDelay, retryMaxDelay,
                lockWait, outOfOrder, cleanDisabled, wait, stopGrace);
    }

    public MigrateSettings {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(retryBaseDelay, "retryBaseDelay");
        Objects.requireNonNull(retryMaxDelay, "retryMaxDelay");
        Objects.requireNonNull(lockWait, "lockWait");
        Objects.requireNonNull(quietWait, "quietWait");
        Objects.requireNonNull(stopGrace, "stopGrace");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
    }

    public static MigrateSettings defaults() {
        return new MigrateSettings(Duration.ofSeconds(1), Duration.ZERO, 10, Duration.ofMillis(200),
                Duration.ofSeconds(10), Duration.ofMinutes(5), false, true);
    }
}
