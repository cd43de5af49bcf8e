package dev.godwit.history;

import dev.godwit.db.Catalog;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.MigrationSet;
import dev.godwit.migration.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code godwit baseline --from-flyway}: copies Flyway's {@code flyway_schema_history} into Godwit's history,
 * so a Flyway project switches without re-running anything. Each applied SQL migration's file is checked
 * against Flyway's own CRC32 first; Godwit then records its SHA-256 of the same file. Refused as a whole
 * (nothing written) when Flyway's history has a failed row, a Java migration, or a versioned file that
 * differs from what Flyway applied: those need Flyway's own repair first.
 */
public final class FlywayImport {

    private FlywayImport() {}

    private record FlywayRow(int rank, String version, String description, String type, String script,
                             Integer checksum, String installedBy, java.sql.Timestamp installedOn, int ms,
                             boolean success) {}

    /** Call under the migration lock, with the history table created and empty. */
    public static Baseline.Result run(Connection c, HistoryTable history, String flywayTable, MigrationSet files,
                                      String runId) throws SQLException {
        List<AppliedMigration> existing = history.read(c);
        if (!existing.isEmpty()) {
            return Baseline.refuse(history, existing);
        }
        Optional<List<FlywayRow>> rows = read(c, flywayTable);
        if (rows.isEmpty()) {
            return new Baseline.Result(List.of(), "no table " + flywayTable + " in this database (searched the"
                    + " search_path); name it with --flyway-table SCHEMA.TABLE");
        }
        List<String> refusals = new ArrayList<>();
        List<AppliedMigration> imported = new ArrayList<>();
        for (FlywayRow r : rows.get()) {
            convert(r, files, runId, refusals).ifPresent(imported::add);
        }
        if (!refusals.isEmpty()) {
            return new Baseline.Result(List.of(), "nothing was imported:\n  - " + String.join("\n  - ", refusals));
        }
        for (AppliedMigration row : imported) {
            history.insertImported(c, row);
        }
        return new Baseline.Result(history.read(c), null);
    }

    private static Optional<List<FlywayRow>> read(Connection c, String table) throws SQLException {
        Optional<String> resolved = Catalog.resolve(c, table);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        List<FlywayRow> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select installed_rank, version, description, type, script, checksum,"
                     + " installed_by, installed_on, execution_time, success from " + resolved.get()
                     + " order by installed_rank")) {
            while (rs.next()) {
                int checksum = rs.getInt(6);
                rows.add(new FlywayRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.wasNull() ? null : checksum, rs.getString(7), rs.getTimestamp(8),
                        rs.getInt(9), rs.getBoolean(10)));
            }
        }
        return Optional.of(rows);
    }

    private static Optional<AppliedMigration> convert(FlywayRow r, MigrationSet files, String runId,
                                                      List<String> refusals) {
        String label = (r.version() == null ? "R " : "V" + r.version() + " ") + r.description();
        if (!r.success()) {
            refusals.add(label + " failed under Flyway; run `flyway repair` (or fix it by hand) first");
            return Optional.empty();
        }
        switch (r.type()) {
            case "SCHEMA", "DELETE" -> {
                return Optional.empty();
            }
            case "BASELINE" -> {
                return Optional.of(row(r, MigrationKind.BASELINE, null, runId));
            }
            case "SQL", "UNDO_SQL" -> {
                return sqlRow(r, files, runId, refusals, label);
            }
            default -> {
                refusals.add(label + " is a " + r.type() + " migration, which Godwit cannot run; adopt the database"
                        + " with `godwit baseline --version <newest version>` instead");
                return Optional.empty();
            }
        }
    }

    private static Optional<AppliedMigration> sqlRow(FlywayRow r, MigrationSet files, String runId,
                                                     List<String> refusals, String label) {
        MigrationKind kind = r.type().equals("UNDO_SQL") ? MigrationKind.UNDO
                : r.version() == null ? MigrationKind.REPEATABLE : MigrationKind.VERSIONED;
        Optional<MigrationScript> file = switch (kind) {
            case REPEATABLE -> files.repeatable(r.description());
            case VERSIONED -> files.versioned(Version.parse(r.version()));
            default -> Optional.ofNullable(files.down().get(Version.parse(r.version())));
        };
        if (file.isEmpty()) {
            return Optional.of(row(r, kind, null, runId));
        }
        boolean same = r.checksum() != null && r.checksum() == FlywayChecksum.of(file.get().text());
        if (same) {
            return Optional.of(row(r, kind, file.get().checksum(), runId));
        }
        if (kind == MigrationKind.REPEATABLE) {
            // Changed since Flyway ran it: a checksum that matches no file makes it run again, as in Flyway.
            return Optional.of(row(r, kind, "flyway-crc32:" + r.checksum(), runId));
        }
        refusals.add(label + " (" + file.get().script() + ") differs from what Flyway applied (Flyway checksum "
                + r.checksum() + ", the file gives " + FlywayChecksum.of(file.get().text())
                + "); restore the applied file or run `flyway repair` first");
        return Optional.empty();
    }

    private static AppliedMigration row(FlywayRow r, MigrationKind kind, String checksum, String runId) {
        return new AppliedMigration(r.rank(), r.version() == null ? null : Version.parse(r.version()),
                r.description(), kind, r.script(), checksum, r.installedBy(), r.installedOn().toInstant(), r.ms(),
                true, runId, null, "imported from Flyway", null);
    }
}
