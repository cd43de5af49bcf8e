package dev.godwit.await;

import dev.godwit.base.Cancellation;
import dev.godwit.db.ConnectFailure;
import dev.godwit.db.Connector;
import dev.godwit.history.HistoryTable;
import dev.godwit.lock.LockHolder;
import dev.godwit.lock.MigrationLock;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.Version;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code godwit await --version V}: waits until the database is at version V or newer with no failed migration,
 * reading only the history table (an application pod's init container has no migration files). It says what it
 * waits for each time that changes: nothing applied yet, the version it is at, a run holding the lock, a failed
 * migration waiting for a repair, a database not reachable yet (which it waits out, as it does everything else,
 * until the timeout).
 */
public final class Await {

    /** How often the history is read: cheap (one small query), and soon enough for a pod's start. */
    public static final Duration POLL = Duration.ofMillis(500);

    /**
     * What one look at the database saw.
     *
     * @param current the newest version applied (or baselined) successfully
     * @param failed  the migrations whose last attempt failed
     * @param words   the state in words, as printed
     */
    public record Seen(boolean reached, Optional<Version> current, List<String> failed, String words) {}

    /** How the wait ended: reached, or not (timeout, or a stop request: {@code stopped}). */
    public record Result(boolean reached, Seen last, Duration waited, Optional<String> stopped) {}

    private Await() {}

    public static Result await(Connector connector, String schema, Version target, Duration timeout,
                               Cancellation stop, Consumer<String> said) throws ConnectFailure, InterruptedException {
        long started = System.nanoTime();
        String lastWords = null;
        while (true) {
            Seen seen = look(connector, schema, target);
            if (!seen.words().equals(lastWords)) {
                said.accept(seen.words());
                lastWords = seen.words();
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            if (seen.reached() || waited.compareTo(timeout) >= 0) {
                return new Result(seen.reached(), seen, waited, Optional.empty());
            }
            Duration left = timeout.minus(waited);
            if (stop.await(left.compareTo(POLL) < 0 ? left : POLL)) {
                return new Result(false, seen, waited, stop.reason());
            }
        }
    }

    /** One look; an unreachable database is a state to wait out, a refused login is not. */
    static Seen look(Connector connector, String schema, Version target) throws ConnectFailure {
        try (Connection c = connector.open()) {
            return seen(c, schema, target);
        } catch (ConnectFailure e) {
            if (e.kind() != ConnectFailure.Kind.UNREACHABLE) {
                throw e;
            }
            return new Seen(false, Optional.empty(), List.of(), "waiting for version " + target
                    + ": the database is not reachable yet (" + e.getMessage() + ")");
        } catch (SQLException e) {
            return new Seen(false, Optional.empty(), List.of(), "waiting for version " + target
                    + ": could not read the history (" + e.getMessage() + ")");
        }
    }

    static Seen seen(Connection c, String schema, Version target) throws SQLException {
        HistoryTable history = new HistoryTable(schema);
        if (!history.exists(c)) {
            return new Seen(false, Optional.empty(), List.of(), "waiting for version " + target + ": nothing is"
                    + " applied yet (no " + history.qualifiedName() + ")");
        }
        Map<Version, AppliedMigration> last = new LinkedHashMap<>();
        history.read(c).stream().filter(r -> r.version() != null).sorted(Comparator.comparingInt(AppliedMigration::rank))
                .forEach(r -> last.put(r.version(), r));
        Optional<Version> current = last.values().stream().filter(r -> r.success() && r.kind() != MigrationKind.UNDO)
                .map(AppliedMigration::version).max(Comparator.naturalOrder());
        List<String> failed = new ArrayList<>();
        last.values().stream().filter(r -> !r.success() && r.kind() == MigrationKind.VERSIONED)
                .forEach(r -> failed.add(r.label() + " (" + r.script() + ")" + (r.failure() == null ? ""
                        : " failed at " + r.failure())));
        boolean atTarget = current.map(v -> v.compareTo(target) >= 0).orElse(false);
        String at = current.map(v -> "at version " + v).orElse("nothing applied yet");
        if (!failed.isEmpty()) {
            return new Seen(false, current, failed, "waiting for version " + target + ": " + at + ", and "
                    + String.join(", ", failed) + " failed; it needs `godwit repair` and a new migrate");
        }
        if (atTarget) {
            return new Seen(true, current, failed, "reached: " + at + " (waited for " + target + ")");
        }
        Optional<LockHolder> lock = MigrationLock.holder(c, schema).filter(LockHolder::live);
        return new Seen(false, current, failed, "waiting for version " + target + ": " + at
                + lock.map(h -> "; a run is migrating (" + h.describe() + ")").orElse("; no run is migrating now"));
    }
}
