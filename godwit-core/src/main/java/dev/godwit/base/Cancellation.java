package dev.godwit.base;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop the work in progress: from SIGINT/SIGTERM in the CLI, or from an embedding application.
 * Work registers what stops it quickly ({@link #onRequest}: cancel the running statement on the server, stop
 * a pg_dump) and what must never be left behind, even when the process exits at once on a second signal
 * ({@link #onHardExit}: remove a plaintext staging folder). The work itself then notices
 * {@link #requested()} (or the cancelled statement's error), rolls back, audits, releases its lock and ends.
 *
 * <p>Actions run on the thread that calls {@link #request}, once each, in the order registered; an action that
 * throws does not stop the others.
 */
public final class Cancellation {

    /** A registered action; closing it removes the action (the work it protected has ended). */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final List<Runnable> onRequest = new CopyOnWriteArrayList<>();
    private final List<Runnable> onHardExit = new CopyOnWriteArrayList<>();
    private volatile String reason;
    private volatile long requestedAtNanos;
    private final CountDownLatch requestedLatch = new CountDownLatch(1);

    /** A cancellation nobody will request (the default where no signal handling is installed). */
    public static Cancellation none() {
        return new Cancellation();
    }

    /** Whether a stop was requested. */
    public boolean requested() {
        return reason != null;
    }

    /** Why ("SIGTERM", "SIGINT", or what the embedding application said), once requested. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** How long ago the stop was requested; zero when it was not. */
    public java.time.Duration sinceRequest() {
        return reason == null ? java.time.Duration.ZERO : java.time.Duration.ofNanos(System.nanoTime() - requestedAtNanos);
    }

    /**
     * Waits up to {@code d} (a back-off, a poll) but wakes at once when a stop is requested.
     *
     * @return true when a stop was requested
     */
    public boolean await(java.time.Duration d) throws InterruptedException {
        return requestedLatch.await(Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Whether any work in progress has said how to stop it: nobody watching means stopping at once loses nothing. */
    public boolean watched() {
        return !onRequest.isEmpty();
    }

    /** Asks the work to stop: the first call runs every {@link #onRequest} action; later calls do nothing. */
    public void request(String why) {
        List<Runnable> actions;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            requestedAtNanos = System.nanoTime();
            actions = new ArrayList<>(onRequest);
        }
        requestedLatch.countDown();
        runAll(actions);
    }

    /**
     * Runs {@code action} when a stop is requested (at once if it already was). Keep it short and
     * non-blocking: it runs on the signal's thread.
     */
    public Registration onRequest(Runnable action) {
        boolean already;
        synchronized (this) {
            already = reason != null;
            onRequest.add(action);
        }
        if (already) {
            runAll(List.of(action));
        }
        return () -> onRequest.remove(action);
    }

    /** Runs {@code action} if the process must exit at once (a second signal): removing plaintext, killing children. */
    public Registration onHardExit(Runnable action) {
        onHardExit.add(action);
        return () -> onHardExit.remove(action);
    }

    /** The last thing before an immediate exit: runs every {@link #onHardExit} action still registered. */
    public void hardExit() {
        runAll(new ArrayList<>(onHardExit));
    }

    private static void runAll(List<Runnable> actions) {
        for (Runnable a : actions) {
            try {
                a.run();
            } catch (RuntimeException ignored) {
                // one failed action must not keep the others from running
            }
        }
    }
}
