package dev.godwit.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for an observable state (a row, a session in pg_stat_activity, a line of output, a file), never for a
 * fixed time: the tests must pass on a loaded two-core machine. The state is polled every 20 ms.
 */
public final class Await {

    /** Long enough for a loaded machine; a state that never comes fails the test instead of hanging it. */
    public static final Duration GENEROUS = Duration.ofMinutes(2);

    private Await() {}

    /** Returns once {@code state} holds; fails the test, naming {@code what}, after {@link #GENEROUS}. */
    public static void until(String what, BooleanSupplier state) {
        until(what, GENEROUS, state);
    }

    /** Returns once {@code state} holds; fails the test, naming {@code what}, after {@code within}. */
    public static void until(String what, Duration within, BooleanSupplier state) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!state.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + within.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
