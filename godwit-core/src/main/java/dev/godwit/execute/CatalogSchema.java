package dev.godwit.execute;

import dev.godwit.lint.SchemaModel;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.TypeName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables the database has now, as the linter's starting point: every column's type (as {@code
 * format_type} prints it), each primary key and the leading columns of each index. Tables in system schemas
 * and in Godwit's own schema are left out.
 */
final class CatalogSchema {

    private static final String COLUMNS = """
            select n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
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

    private CatalogSchema() {}

    static SchemaModel load(Connection c, String godwitSchema) throws SQLException {
        Map<String, Map<String, TypeName>> columns = new LinkedHashMap<>();
        Map<String, Relation> relations = new LinkedHashMap<>();
        try (var ps = c.prepareStatement(COLUMNS)) {
            ps.setString(1, godwitSchema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) + "." + rs.getString(2);
                    relations.putIfAbsent(key, new Relation(Optional.of(rs.getString(1)), rs.getString(2)));
                    columns.computeIfAbsent(key, k -> new LinkedHashMap<>())
                            .put(rs.getString(3), typeOf(rs.getString(4)));
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
        SchemaModel model = SchemaModel.empty();
        relations.forEach((key, r) -> model.existing(r, columns.get(key), primaryKeys.getOrDefault(key, List.of()),
                indexes.getOrDefault(key, List.of())));
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
