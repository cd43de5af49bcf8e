package dev.godwit.lock;

import java.time.Duration;
import java.util.Optional;

/** The migration lock stayed taken for the whole wait. */
public final class LockTimeoutException extends Exception {

    private final Optional<LockHolder> holder;

    public LockTimeoutException(Duration waited, Optional<LockHolder> holder) {
        super("the migration lock is still held after waiting " + dev.godwit.base.Durations.format(waited)
                + holder.map(h -> " by " + h.describe()).orElse("")
                + "; let that run finish, or wait longer with --lock-wait");
        this.holder = holder;
    }

    public Optional<LockHolder> holder() {
        return holder;
    }
}
