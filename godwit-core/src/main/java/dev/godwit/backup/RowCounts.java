package dev.godwit.backup;

import dev.godwit.db.Identifiers;
import dev.godwit.history.HistoryTable;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The exact row count of every table pg_dump dumps the data of: ordinary tables outside the system schemas,
 * not members of an extension, except Godwit's lock table (whose lease rows are left out of backups).
 */
final class RowCounts {

    private RowCounts() {}

    /** {@code schema.table} to its row count, sorted by name; in the caller's transaction and snapshot. */
    static Map<String, Long> of(Connection c, String godwitSchema) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select n.nspname, c.relname"
                + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r'"
                + " and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'"
                + " and n.nspname not like 'pg\\_temp%' and not exists (select 1 from pg_depend d where d.classid ="
                + " 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e') order by 1, 2")) {
            while (rs.next()) {
                tables.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        for (String[] t : tables) {
            if (t[0].equals(godwitSchema) && t[1].equals("lock")) {
                continue;
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from only "
                    + Identifiers.qualified(t[0], t[1]))) {
                rs.next();
                counts.put(t[0] + "." + t[1], rs.getLong(1));
            }
        }
        return counts;
    }

    /** Godwit's current version as the history says it: the newest successful version not reverted since. */
    static Optional<String> migrationVersion(Connection c, String schema) throws SQLException {
        Map<Version, AppliedMigration> last = new HashMap<>();
        new HistoryTable(schema).read(c).stream().filter(r -> r.version() != null)
                .sorted(Comparator.comparingInt(AppliedMigration::rank)).forEach(r -> last.put(r.version(), r));
        return last.values().stream().filter(r -> r.success() && r.kind() != MigrationKind.UNDO)
                .map(AppliedMigration::version).max(Comparator.naturalOrder()).map(Version::text);
    }

    /** One line per table whose count differs (or is missing) in {@code actual}; empty when all agree. */
    static List<String> differences(Map<String, Long> expected, Map<String, Long> actual) {
        List<String> out = new ArrayList<>();
        expected.forEach((table, n) -> {
            Long got = actual.get(table);
            if (got == null) {
                out.add(table + ": missing after the restore (the manifest says " + n + " rows)");
            } else if (got.longValue() != n.longValue()) {
                out.add(table + ": " + got + " rows after the restore, " + n + " in the manifest");
            }
        });
        return out;
    }
}
