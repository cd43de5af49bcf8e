package dev.godwit.history;

import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.Version;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code godwit baseline}: adopts a database whose schema already exists. Migrations at or below the
 * baseline version are taken as present and never run. Refused when the history is not empty, since a
 * baseline in the middle of a history would hide what was really applied.
 */
public final class Baseline {

    private Baseline() {}

    /** Either the row written, or why nothing was written. */
    public record Result(List<AppliedMigration> written, String refusal) {
        public boolean refused() {
            return refusal != null;
        }
    }

    /** Call under the migration lock, with the history table created. */
    public static Result at(Connection c, HistoryTable history, Version version, String description, String runId)
            throws SQLException {
        List<AppliedMigration> rows = history.read(c);
        if (!rows.isEmpty()) {
            return refuse(history, rows);
        }
        history.insert(c, new HistoryTable.NewRow(version, description, MigrationKind.BASELINE,
                "<< baseline >>", null, 0, true, runId, null, null, null));
        return new Result(history.read(c), null);
    }

    static Result refuse(HistoryTable history, List<AppliedMigration> rows) {
        return new Result(List.of(), history.qualifiedName() + " already has " + rows.size()
                + " row(s) (newest: " + rows.get(rows.size() - 1).label() + "); a baseline only adopts a database"
                + " that Godwit has not migrated yet");
    }
}
