package dev.godwit.rehearse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user relations (tables, indexes, views, sequences) by oid, with their data file ({@code relfilenode}):
 * a file that changed is a rewrite. Read on the migration's own connection, which sees its uncommitted
 * changes (a second session would not see a rewrite until COMMIT).
 */
record Relations(Map<Long, Relation> byOid) {

    /** One relation; {@code kind} is {@code pg_class.relkind}; {@code indexTable} is an index's table's oid, else 0. */
    record Relation(long oid, String schema, String name, char kind, long filenode, long indexTable) {

        String display() {
            return "public".equals(schema) ? name : schema + "." + name;
        }

        /** Tables, partitioned tables, materialized views, foreign tables: what reads and writes go to. */
        boolean table() {
            return kind == 'r' || kind == 'p' || kind == 'm' || kind == 'f';
        }

        String kindWord() {
            switch (kind) {
                case 'i':
                case 'I':
                    return "index";
                case 'S':
                    return "sequence";
                case 'v':
                    return "view";
                case 'm':
                    return "materialized view";
                default:
                    return "table";
            }
        }
    }

    private static final String SQL = "select c.oid::bigint, n.nspname, c.relname, c.relkind::text,"
            + " c.relfilenode::bigint, coalesce(i.indrelid, 0)::bigint"
            + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " left join pg_index i on i.indexrelid = c.oid"
            + " where n.nspname not in ('pg_catalog', 'information_schema', ?) and n.nspname not like 'pg\\_%'";

    static Relations read(Connection c, String godwitSchema) throws SQLException {
        Map<Long, Relation> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, godwitSchema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new Relation(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4).charAt(0), rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return new Relations(out);
    }

    Relation get(long oid) {
        return byOid.get(oid);
    }

    Relations plus(Relations later) {
        Map<Long, Relation> all = new LinkedHashMap<>(byOid);
        all.putAll(later.byOid);
        return new Relations(all);
    }
}
