package dev.godwit.history;

import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.MigrationSet;
import dev.godwit.migration.Version;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code godwit repair}: removes the rows of failed migrations, and, when asked with a reason, accepts the
 * current file's checksum for one applied version. It never changes anything it was not asked to, and
 * says what it changed.
 */
public final class Repair {

    private Repair() {}

    /** What was changed, one sentence per change; {@code refusal} when nothing could be done as asked. */
    public record Result(List<String> changes, String refusal) {}

    public record AcceptChecksum(Version version, String reason, String by) {}

    /** Call under the migration lock. */
    public static Result run(Connection c, HistoryTable history, MigrationSet files, Optional<AcceptChecksum> accept)
            throws SQLException {
        List<String> changes = new ArrayList<>();
        if (accept.isPresent()) {
            Optional<String> refusal = accept(c, history, files, accept.get(), changes);
            if (refusal.isPresent()) {
                return new Result(List.of(), refusal.get());
            }
        }
        for (AppliedMigration failed : history.deleteFailed(c)) {
            changes.add("removed the failed row of " + failed.label() + " (" + failed.script() + ", failed at "
                    + failed.failure() + " on " + failed.appliedAt() + ")");
        }
        for (AppliedMigration extra : extraApplications(history.read(c))) {
            history.deleteRank(c, extra.rank());
            changes.add("removed the history row of a second application of " + extra.label() + " (rank "
                    + extra.rank() + ", run " + extra.runId() + ", " + extra.appliedAt() + "); the first stays");
        }
        return new Result(changes, null);
    }

    /** The success rows of a version applied again with no undo between: all but the first of each such run. */
    static List<AppliedMigration> extraApplications(List<AppliedMigration> history) {
        java.util.Map<Version, Boolean> open = new java.util.HashMap<>();
        List<AppliedMigration> extra = new ArrayList<>();
        for (AppliedMigration r : history) {
            if (r.version() == null || !r.success()) {
                continue;
            }
            if (r.kind() == MigrationKind.UNDO) {
                open.remove(r.version());
            } else if (r.kind() == MigrationKind.VERSIONED && open.put(r.version(), true) != null) {
                extra.add(r);
            }
        }
        return extra;
    }

    private static Optional<String> accept(Connection c, HistoryTable history, MigrationSet files, AcceptChecksum a,
                                           List<String> changes) throws SQLException {
        Optional<AppliedMigration> row = history.read(c).stream()
                .filter(r -> r.kind() == MigrationKind.VERSIONED && r.success() && a.version().equals(r.version()))
                .reduce((first, second) -> second);
        if (row.isEmpty()) {
            return Optional.of("version " + a.version() + " is not applied, so it has no checksum to accept");
        }
        Optional<MigrationScript> file = files.versioned(a.version());
        if (file.isEmpty()) {
            return Optional.of("there is no file for version " + a.version() + " to take the checksum from");
        }
        String now = file.get().checksum();
        String nowDown = Optional.ofNullable(files.down().get(a.version())).map(MigrationScript::checksum).orElse(null);
        AppliedMigration r = row.get();
        boolean upChanged = !now.equals(r.checksum());
        boolean downChanged = !java.util.Objects.equals(nowDown, r.downChecksum());
        if (!upChanged && !downChanged) {
            changes.add("V" + a.version() + " and its down script already match their files; nothing to accept");
            return Optional.empty();
        }
        String note = "checksum accepted " + Instant.now() + " by " + a.by() + ": " + a.reason()
                + " (was " + r.checksum() + (downChanged ? ", down " + r.downChecksum() : "") + ")";
        history.updateChecksums(c, r.rank(), now, nowDown, note);
        if (upChanged) {
            changes.add("accepted the new checksum of " + r.label() + " (" + file.get().script() + "): "
                    + r.checksum() + " -> " + now + ", because: " + a.reason());
        }
        if (downChanged) {
            changes.add("accepted the down script of " + r.label() + " as it is now ("
                    + Optional.ofNullable(files.down().get(a.version())).map(MigrationScript::script).orElse("none")
                    + "): " + r.downChecksum() + " -> " + nowDown + ", because: " + a.reason());
        }
        return Optional.empty();
    }
}
