package dev.godwit.backup;

import dev.godwit.base.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How one backup operation answers a stop request (SIGINT/SIGTERM, or an embedding application's): the
 * pg_dump or pg_restore it runs is stopped, the operation ends with {@link BackupException.Kind#INTERRUPTED},
 * and the files that must never outlive it — plaintext copies, a staging folder, a partial file — are removed,
 * even when the process exits at once on a second signal.
 */
final class Interruption implements AutoCloseable {

    private final Cancellation cancel;
    private final List<Cancellation.Registration> registrations = new ArrayList<>();
    private final List<Path> files = new CopyOnWriteArrayList<>();
    private final List<Runnable> onRequest = new CopyOnWriteArrayList<>();
    private final List<Runnable> onHardExit = new CopyOnWriteArrayList<>();
    private volatile PgProcess child;

    Interruption(Cancellation cancel) {
        this.cancel = cancel;
        registrations.add(cancel.onRequest(this::stop));
        registrations.add(cancel.onHardExit(this::hardExit));
    }

    /** The child process to stop from now on; stopped at once if the stop was already requested. */
    PgProcess watch(PgProcess p) {
        child = p;
        if (cancel.requested()) {
            p.stop();
        }
        return p;
    }

    /** Removes {@code path} (a file or a folder) if the process must exit at once. */
    Path removeOnHardExit(Path path) {
        files.add(path);
        return path;
    }

    /** {@code path} is now kept: it is complete, or was handed on. */
    void keep(Path path) {
        files.remove(path);
    }

    /** One more thing to do on a stop request (cancel a query on the server); it must not block. */
    void alsoOnRequest(Runnable action) {
        onRequest.add(action);
        if (cancel.requested()) {
            action.run();
        }
    }

    /** One more thing to do if the process must exit at once (stop a scratch server that holds restored data). */
    void alsoOnHardExit(Runnable action) {
        onHardExit.add(action);
    }

    boolean requested() {
        return cancel.requested();
    }

    /** Ends the operation if a stop was requested: say what was stopped and what is left (nothing). */
    void check(String what) throws BackupException {
        if (cancel.requested()) {
            throw interrupted(what);
        }
    }

    BackupException interrupted(String what) {
        return new BackupException(BackupException.Kind.INTERRUPTED, "interrupted by " + cancel.reason().orElse("a stop"
                + " request") + ": " + what);
    }

    private void stop() {
        PgProcess p = child;
        if (p != null) {
            p.stop();
        }
        onRequest.forEach(Runnable::run);
    }

    private void hardExit() {
        PgProcess p = child;
        if (p != null) {
            p.kill();
        }
        onHardExit.forEach(Runnable::run);
        files.forEach(BackupCreate::deleteTree);
    }

    @Override
    public void close() {
        registrations.forEach(Cancellation.Registration::close);
    }
}
