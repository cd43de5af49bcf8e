package dev.godwit.rehearse;

import dev.godwit.db.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Exact row counts of the rehearsal database's tables (small by construction), as {@code public.accounts}. */
final class RowCounts {

    private RowCounts() {}

    static Map<String, Long> exact(Connection c, String godwitSchema) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select schemaname, tablename from"
                + " pg_tables where schemaname not in ('pg_catalog', 'information_schema', 'godwit_snapshots', '"
                + godwitSchema.replace("'", "''") + "') and schemaname not like 'pg\\_%'")) {
            while (rs.next()) {
                tables.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String[] t : tables) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from " + Identifiers.qualified(t[0], t[1]))) {
                rs.next();
                out.put(t[0] + "." + t[1], rs.getLong(1));
            }
        }
        return out;
    }
}
