package dev.godwit.rehearse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole user schema as a sorted map from an object's name ({@code column public.accounts.balance}) to its
 * definition ({@code numeric(12,2) not null default 0}): tables, columns with types, defaults and nullability,
 * constraints, indexes, sequences, views, functions and enum values. Two equal states mean the same schema;
 * {@link #diff} says every difference in words. System schemas, Godwit's own schema and its snapshots are
 * left out. (The lint and integrity readers each read only what their rules need, so this is its own reader.)
 */
public record SchemaState(Map<String, String> objects) {

    private static final String USER = "not in ('pg_catalog', 'information_schema', 'godwit_snapshots', %s)"
            + " and %s not like 'pg\\_%%'";

    public SchemaState {
        objects = java.util.Collections.unmodifiableMap(new TreeMap<>(objects));
    }

    public static SchemaState read(Connection c, String godwitSchema) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        String own = "'" + godwitSchema.replace("'", "''") + "'";
        query(c, out, "select 'table ' || n.nspname || '.' || c.relname, c.relkind::text || ' '"
                + " || c.relpersistence::text from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where c.relkind in ('r', 'p', 'f') and n.nspname " + user(own, "n.nspname"));
        query(c, out, "select 'column ' || n.nspname || '.' || c.relname || '.' || a.attname,"
                + " format_type(a.atttypid, a.atttypmod) || case when a.attnotnull then ' not null' else '' end"
                + " || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')"
                + " || case when a.attidentity <> '' then ' identity ' || a.attidentity::text else '' end"
                + " || case when a.attgenerated <> '' then ' generated' else '' end"
                + " from pg_attribute a join pg_class c on c.oid = a.attrelid"
                + " join pg_namespace n on n.oid = c.relnamespace"
                + " left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum"
                + " where c.relkind in ('r', 'p', 'f', 'v', 'm') and a.attnum > 0 and not a.attisdropped"
                + " and n.nspname " + user(own, "n.nspname"));
        query(c, out, "select 'constraint ' || n.nspname || '.' || coalesce(c.relname || '.', '') || k.conname,"
                + " pg_get_constraintdef(k.oid) || case when k.convalidated then '' else ' (not valid)' end"
                + " from pg_constraint k join pg_namespace n on n.oid = k.connamespace"
                + " left join pg_class c on c.oid = k.conrelid where n.nspname " + user(own, "n.nspname"));
        query(c, out, "select 'index ' || schemaname || '.' || indexname, indexdef from pg_indexes"
                + " where schemaname " + user(own, "schemaname"));
        query(c, out, "select 'invalid index ' || n.nspname || '.' || c.relname, 'INVALID'"
                + " from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace"
                + " where not i.indisvalid and n.nspname " + user(own, "n.nspname"));
        query(c, out, "select 'sequence ' || schemaname || '.' || sequencename, data_type::text || ' start '"
                + " || start_value || ' increment ' || increment_by from pg_sequences where schemaname "
                + user(own, "schemaname"));
        query(c, out, "select case c.relkind when 'v' then 'view ' else 'materialized view ' end || n.nspname || '.'"
                + " || c.relname, pg_get_viewdef(c.oid) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where c.relkind in ('v', 'm') and n.nspname " + user(own, "n.nspname"));
        query(c, out, "select 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid)"
                + " || ')', md5(pg_get_functiondef(p.oid)) from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
                + " where p.prokind in ('f', 'p') and n.nspname " + user(own, "n.nspname"));
        query(c, out, "select 'enum ' || n.nspname || '.' || t.typname, string_agg(e.enumlabel, ', ' order by"
                + " e.enumsortorder) from pg_type t join pg_enum e on e.enumtypid = t.oid"
                + " join pg_namespace n on n.oid = t.typnamespace where n.nspname " + user(own, "n.nspname")
                + " group by n.nspname, t.typname");
        return new SchemaState(out);
    }

    private static String user(String own, String column) {
        return String.format(USER, own, column);
    }

    private static void query(Connection c, Map<String, String> out, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2));
            }
        }
    }

    /** What a rollback left different from {@code before}: missing, changed, extra objects. */
    public List<String> diff(SchemaState before) {
        return diff(before, "missing ", "extra ");
    }

    /** What a statement changed since {@code before}: dropped, changed, added objects. */
    public List<String> changes(SchemaState before) {
        return diff(before, "dropped ", "added ");
    }

    private List<String> diff(SchemaState before, String gone, String added) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : before.objects.entrySet()) {
            String now = objects.get(e.getKey());
            if (now == null) {
                out.add(gone + e.getKey() + " (" + e.getValue() + ")");
            } else if (!now.equals(e.getValue())) {
                out.add("changed " + e.getKey() + ": was " + e.getValue() + ", now " + now);
            }
        }
        for (Map.Entry<String, String> e : objects.entrySet()) {
            if (!before.objects.containsKey(e.getKey())) {
                out.add(added + e.getKey() + " (" + e.getValue() + ")");
            }
        }
        return out;
    }
}
