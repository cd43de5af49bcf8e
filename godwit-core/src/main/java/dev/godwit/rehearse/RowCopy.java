package dev.godwit.rehearse;

import dev.godwit.db.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies rows of one table from the target into the rehearsal database, each row as its text form
 * ({@code t::text}) read back with the table's row type, so that every column type round-trips without
 * Godwit knowing it. Generated columns are left to be computed again. Used for the history table and for
 * {@code --sample N}.
 */
final class RowCopy {

    private RowCopy() {}

    /** Copies up to {@code limit} rows ({@code limit < 0}: all); returns how many. */
    static long copy(Connection from, Connection to, String schema, String table, long limit) throws SQLException {
        String q = Identifiers.qualified(schema, table);
        List<String> columns = insertable(to, schema, table);
        if (columns.isEmpty()) {
            return 0;
        }
        String list = String.join(", ", columns.stream().map(Identifiers::quote).toList());
        String insert = "insert into " + q + " (" + list + ") overriding system value select " + list
                + " from (select (?::" + q + ").*) r";
        long n = 0;
        try (Statement s = from.createStatement();
             ResultSet rs = s.executeQuery("select r::text from " + q + " r" + (limit >= 0 ? " limit " + limit : ""));
             PreparedStatement ps = to.prepareStatement(insert)) {
            while (rs.next()) {
                ps.setString(1, rs.getString(1));
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return n;
    }

    private static List<String> insertable(Connection c, String schema, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select a.attname from pg_attribute a"
                + " where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''"
                + " order by a.attnum")) {
            ps.setString(1, Identifiers.qualified(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
