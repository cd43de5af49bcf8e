package dev.godwit.backfill;

import dev.godwit.db.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The column a backfill walks in key order: the table's one-column primary key, or the column {@code key=} names,
 * which must be NOT NULL and carry a unique index of its own (so that every row is in exactly one key range).
 *
 * @param table  the table as written in the statement
 * @param oid    the table, resolved
 * @param column the key column's name
 * @param type   its type as PostgreSQL writes it ({@code bigint}, {@code uuid}, …), for the casts of the key literals
 */
public record BatchKey(String table, long oid, String column, String type) {

    /** The SQLSTATE of a key that cannot be used (Godwit's own). */
    public static final String NO_KEY = "GW006";

    private static final String PRIMARY = """
            select a.attname, format_type(a.atttypid, a.atttypmod)
              from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
             where i.indrelid = ? and i.indisprimary order by array_position(i.indkey::int2[], a.attnum)""";
    private static final String NAMED = """
            select format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   exists(select 1 from pg_index i where i.indrelid = a.attrelid and i.indisunique and i.indisvalid
                             and i.indnatts = 1 and i.indkey[0] = a.attnum and i.indpred is null and i.indexprs is null)
              from pg_attribute a where a.attrelid = ? and a.attname = ? and a.attnum > 0 and not a.attisdropped""";

    /** Resolves the key of {@code table}, or says why there is none to walk (SQLSTATE {@link #NO_KEY}). */
    public static BatchKey resolve(Connection c, String table, Optional<String> named) throws SQLException {
        long oid = oid(c, table);
        return named.isPresent() ? named(c, table, oid, named.get()) : primary(c, table, oid);
    }

    private static long oid(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?)::oid")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                if (rs.wasNull()) {
                    throw new SQLException("the table " + table + " does not exist (on the search_path of the"
                            + " migration's connection): a backfill runs on an existing table; create it in an earlier"
                            + " migration", NO_KEY);
                }
                return oid;
            }
        }
    }

    private static BatchKey primary(Connection c, String table, long oid) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PRIMARY)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("the table " + table + " has no primary key, so there is no key to walk in batches:"
                    + " add key=<column> to the godwit:batch line, naming a NOT NULL column with a unique index of its"
                    + " own, or give the table a primary key in an earlier migration", NO_KEY);
        }
        if (columns.size() > 1) {
            throw new SQLException("the primary key of " + table + " has " + columns.size() + " columns ("
                    + String.join(", ", columns.stream().map(x -> x[0]).toList()) + "), and a backfill walks one: add"
                    + " key=<column> to the godwit:batch line, naming a NOT NULL column with a unique index of its own",
                    NO_KEY);
        }
        return new BatchKey(table, oid, columns.get(0)[0], columns.get(0)[1]);
    }

    private static BatchKey named(Connection c, String table, long oid, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NAMED)) {
            ps.setLong(1, oid);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("key=" + column + ": " + table + " has no column " + column, NO_KEY);
                }
                if (!rs.getBoolean(2)) {
                    throw new SQLException("key=" + column + ": the column may be NULL, and rows with a NULL key would"
                            + " be in no batch; name a NOT NULL column (or SET NOT NULL first)", NO_KEY);
                }
                if (!rs.getBoolean(3)) {
                    throw new SQLException("key=" + column + ": the column has no unique index of its own (valid, not"
                            + " partial, on that column alone), so a key could be in two batches; create one"
                            + " (CREATE UNIQUE INDEX CONCURRENTLY) in an earlier migration, or name such a column",
                            NO_KEY);
                }
                return new BatchKey(table, oid, column, rs.getString(1));
            }
        }
    }

    /** {@code q."id" > '41'::bigint AND q."id" <= '90'::bigint}; either bound may be missing; no qualifier when empty. */
    public String range(String qualifier, Optional<String> after, Optional<String> upTo) {
        String col = (qualifier.isEmpty() ? "" : qualifier + ".") + Identifiers.quote(column);
        List<String> parts = new ArrayList<>();
        after.ifPresent(a -> parts.add(col + " > " + literal(a)));
        upTo.ifPresent(u -> parts.add(col + " <= " + literal(u)));
        return parts.isEmpty() ? "true" : String.join(" AND ", parts);
    }

    /** The upper key of the next batch of {@code size} keys: empty when fewer are left (the last batch). */
    public String nextUpperSql(Optional<String> after, int size) {
        String col = Identifiers.quote(column);
        // "as godwit_key": an output column named like the key would make ORDER BY sort the text, not the key
        String alias = column.equals("godwit_key") ? "godwit_key_" : "godwit_key";
        return "select " + col + "::text as " + alias + " from " + table + (after.isPresent() ? " where " + col + " > " + literal(after.get()) : "")
                + " order by " + col + " offset " + (size - 1) + " limit 1";
    }

    /** A key as a literal of its type: its text in an escape string constant (the same whatever standard_conforming_strings says), cast. */
    String literal(String key) {
        return "E'" + key.replace("\\", "\\\\").replace("'", "''") + "'::" + type;
    }
}
