package dev.godwit.snapshot;

import dev.godwit.db.Catalog;
import dev.godwit.db.Identifiers;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The table {@code <schema>.snapshots}: one row per copy, so a copy always says where it came from and why. */
final class Registry {

    private static final String COLUMNS =
            "name, run_id, version, script, line, source_table, columns, reason, rows, created_at";

    private final String schema;
    private final String table;

    Registry(String schema) {
        this.schema = schema;
        this.table = Identifiers.qualified(schema, "snapshots");
    }

    String schema() {
        return schema;
    }

    /** Creates the schema and the registry when missing; in the caller's transaction, like the copies. */
    void ensure(Connection c) throws SQLException {
        // CREATE ... IF NOT EXISTS checks the privilege before it looks: a deploy role without CREATE on the database
        // (whose schema `init --sql` made) must not run it once the registry is there.
        if (present(c)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            if (!Catalog.schemaExists(c, schema)) {
                st.execute("create schema if not exists " + Identifiers.quote(schema));
            }
            st.execute("create table if not exists " + table + " ("
                    + "name text primary key, run_id text not null, version text, script text not null,"
                    + " line int not null, source_table text not null, columns text[] not null,"
                    + " reason text not null, rows bigint not null, created_at timestamptz not null)");
        }
    }

    boolean present(Connection c) throws SQLException {
        return Catalog.exists(c, table);
    }

    void insert(Connection c, Snapshot s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + table + " (" + COLUMNS + ")"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.name());
            ps.setString(2, s.runId());
            ps.setString(3, s.version());
            ps.setString(4, s.script());
            ps.setInt(5, s.line());
            ps.setString(6, s.sourceTable());
            ps.setArray(7, c.createArrayOf("text", s.columns().toArray()));
            ps.setString(8, s.reason());
            ps.setLong(9, s.rows());
            ps.setTimestamp(10, Timestamp.from(s.createdAt()));
            ps.executeUpdate();
        }
    }

    /** A batch of a batched DELETE appended {@code rows} more rows to the copy {@code name}. */
    void addRows(Connection c, String name, long rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + table + " set rows = rows + ? where name = ?")) {
            ps.setLong(1, rows);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    /** Newest first; names break ties so that the order is stable. */
    List<Snapshot> all(Connection c) throws SQLException {
        if (!present(c)) {
            return List.of();
        }
        return select(c, "order by created_at desc, name desc", null);
    }

    Optional<Snapshot> find(Connection c, String name) throws SQLException {
        if (!present(c)) {
            return Optional.empty();
        }
        return select(c, "where name = ?", name).stream().findFirst();
    }

    boolean delete(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        }
    }

    private List<Snapshot> select(Connection c, String tail, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from " + table + " " + tail)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Snapshot> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Snapshot(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getString(6), strings(rs.getArray(7)), rs.getString(8), rs.getLong(9),
                            rs.getTimestamp(10).toInstant()));
                }
                return out;
            }
        }
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
