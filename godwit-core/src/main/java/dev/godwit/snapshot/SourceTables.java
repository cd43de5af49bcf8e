package dev.godwit.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Catalog questions about the table a statement destroys data of. */
final class SourceTables {

    private SourceTables() {}

    /** The primary-key columns of {@code table} (a name PostgreSQL printed), in key order; empty when none. */
    static List<String> primaryKey(Connection c, String table) throws SQLException {
        return strings(c, "select a.attname from pg_index i"
                + " join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)"
                + " where i.indrelid = ?::regclass and i.indisprimary"
                + " order by array_position(i.indkey::int2[], a.attnum)", table);
    }

    /** The columns of {@code table}, in order. */
    static List<String> columns(Connection c, String table) throws SQLException {
        return strings(c, "select attname from pg_attribute where attrelid = ?::regclass and attnum > 0"
                + " and not attisdropped order by attnum", table);
    }

    static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from pg_attribute"
                + " where attrelid = ?::regclass and attname = ? and attnum > 0 and not attisdropped")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Tables that a TRUNCATE … CASCADE of {@code table} also empties: those whose foreign keys reference it,
     * and theirs, transitively.
     */
    static List<String> referencing(Connection c, String table) throws SQLException {
        return strings(c, "with recursive refs(oid) as (select ?::regclass::oid"
                + " union select k.conrelid from pg_constraint k join refs r on k.confrelid = r.oid"
                + " where k.contype = 'f')"
                + " select oid::regclass::text from refs where oid <> ?::regclass::oid order by 1", table, table);
    }

    /** The planner's idea of the table's size, for messages only; empty when it has none. */
    static OptionalLong estimatedRows(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select reltuples::bigint from pg_class where oid = ?::regclass")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                long n = rs.next() ? rs.getLong(1) : -1;
                return n >= 0 ? OptionalLong.of(n) : OptionalLong.empty();
            }
        }
    }

    private static List<String> strings(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < parameters.length; k++) {
                ps.setString(k + 1, parameters[k]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }
}
