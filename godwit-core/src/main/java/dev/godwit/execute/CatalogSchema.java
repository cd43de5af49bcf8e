package dev.godwit.execute;

import dev.godwit.lint.SchemaModel;
import dev.godwit.lint.TableSize;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.TypeName;
import dev.godwit.sql.analysis.Volatility;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tables the database has now, as the linter's starting point: every column's type (as {@code
 * format_type} prints it) and whether it is NOT NULL, each primary key, the leading columns of each index, and
 * the validated CHECK constraints (a {@code CHECK (col IS NOT NULL)} spares SET NOT NULL its scan). Tables in
 * system schemas and in Godwit's own schema are left out.
 */
final class CatalogSchema {

    private static final String COLUMNS = """
            select n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
              from pg_attribute a
              join pg_class c on c.oid = a.attrelid
              join pg_namespace n on n.oid = c.relnamespace
             where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
               and n.nspname not in ('pg_catalog', 'information_schema', ?) and n.nspname not like 'pg\\_%'
             order by n.nspname, c.relname, a.attnum""";

    private static final String INDEXES = """
            select n.nspname, c.relname, i.indisprimary,
                   array(select coalesce(a.attname, '')
                           from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
                           left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                          order by k.ord)
              from pg_index i
              join pg_class c on c.oid = i.indrelid
              join pg_namespace n on n.oid = c.relnamespace
             where n.nspname not in ('pg_catalog', 'information_schema', ?) and n.nspname not like 'pg\\_%'""";

    private static final String CHECKS = """
            select n.nspname, c.relname, k.conname, pg_get_constraintdef(k.oid)
              from pg_constraint k
              join pg_class c on c.oid = k.conrelid
              join pg_namespace n on n.oid = c.relnamespace
             where k.contype = 'c' and k.convalidated
               and n.nspname not in ('pg_catalog', 'information_schema', ?) and n.nspname not like 'pg\\_%'""";

    /**
     * How big each table is, from statistics only: reltuples, else (never analysed) the row count the statistics
     * system keeps (n_live_tup; not both: an ANALYZE right after an INSERT can make n_live_tup count the rows twice), and the pages of the table, its TOAST and its indexes.
     * With track_counts off the live count stays 0 whatever the table holds: then only reltuples is believed.
     * No size function: pg_relation_size takes a lock, and would wait behind any ACCESS EXCLUSIVE holder. A
     * partitioned parent has no rows of its own: not graded.
     */
    private static final String SIZES = """
            select n.nspname, c.relname,
                   case when c.reltuples >= 0 then c.reltuples
                        when current_setting('track_counts')::bool then coalesce(s.n_live_tup, -1)
                        else -1 end,
                   c.relpages + coalesce(t.relpages, 0)
                     + coalesce((select sum(ic.relpages) from pg_index i join pg_class ic on ic.oid = i.indexrelid
                                  where i.indrelid = c.oid), 0)
              from pg_class c
              join pg_namespace n on n.oid = c.relnamespace
              left join pg_class t on t.oid = c.reltoastrelid
              left join pg_stat_user_tables s on s.relid = c.oid
             where c.relkind = 'r'
               and n.nspname not in ('pg_catalog', 'information_schema', ?) and n.nspname not like 'pg\\_%'""";

    /** User functions and their declared volatility (PostgreSQL's own are known by name). */
    private static final String FUNCTIONS = """
            select p.proname, p.provolatile
              from pg_proc p
              join pg_namespace n on n.oid = p.pronamespace
             where n.nspname not in ('pg_catalog', 'information_schema', ?) and n.nspname not like 'pg\\_%'""";

    private CatalogSchema() {}

    static SchemaModel load(Connection c, String godwitSchema) throws SQLException {
        Map<String, Map<String, TypeName>> columns = new LinkedHashMap<>();
        Map<String, Relation> relations = new LinkedHashMap<>();
        Map<String, Set<String>> notNull = new HashMap<>();
        try (var ps = c.prepareStatement(COLUMNS)) {
            ps.setString(1, godwitSchema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) + "." + rs.getString(2);
                    relations.putIfAbsent(key, new Relation(Optional.of(rs.getString(1)), rs.getString(2)));
                    columns.computeIfAbsent(key, k -> new LinkedHashMap<>())
                            .put(rs.getString(3), typeOf(rs.getString(4)));
                    if (rs.getBoolean(5)) {
                        notNull.computeIfAbsent(key, k -> new HashSet<>()).add(rs.getString(3));
                    }
                }
            }
        }
        Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
        Map<String, List<List<String>>> indexes = new LinkedHashMap<>();
        try (var ps = c.prepareStatement(INDEXES)) {
            ps.setString(1, godwitSchema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) + "." + rs.getString(2);
                    List<String> cols = leadingColumns(rs.getArray(4));
                    if (rs.getBoolean(3)) {
                        primaryKeys.put(key, cols);
                    }
                    indexes.computeIfAbsent(key, k -> new ArrayList<>()).add(cols);
                }
            }
        }
        SchemaModel model = SchemaModel.ofCatalog();
        relations.forEach((key, r) -> model.existing(r, columns.get(key), notNull.getOrDefault(key, Set.of()),
                primaryKeys.getOrDefault(key, List.of()), indexes.getOrDefault(key, List.of())));
        try (var ps = c.prepareStatement(CHECKS)) {
            ps.setString(1, godwitSchema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Relation r = relations.get(rs.getString(1) + "." + rs.getString(2));
                    if (r != null) {
                        model.existingCheck(r, rs.getString(3), rs.getString(4));
                    }
                }
            }
        }
        try (var ps = c.prepareStatement(SIZES)) {
            ps.setString(1, godwitSchema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Relation r = relations.get(rs.getString(1) + "." + rs.getString(2));
                    if (r != null) {
                        model.existingSize(r, new TableSize(rs.getDouble(3), rs.getLong(4)));
                    }
                }
            }
        }
        try (var ps = c.prepareStatement(FUNCTIONS)) {
            ps.setString(1, godwitSchema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    model.function(rs.getString(1), Volatility.ofProvolatile(rs.getString(2)));
                }
            }
        }
        return model;
    }

    /** {@code format_type} text as a type; a name it cannot read stays the type, as written. */
    private static TypeName typeOf(String formatted) {
        return TypeName.parse(formatted).orElse(new TypeName(formatted, List.of(), false, formatted));
    }

    /** The index's columns up to its first expression (an expression key has no column name). */
    private static List<String> leadingColumns(Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            if (o == null || o.toString().isEmpty()) {
                break;
            }
            out.add(o.toString());
        }
        return out;
    }

}
