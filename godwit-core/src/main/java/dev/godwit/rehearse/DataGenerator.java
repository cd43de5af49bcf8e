package dev.godwit.rehearse;

import dev.godwit.db.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --rows N}: synthetic rows for every table, generated inside PostgreSQL ({@code generate_series})
 * from the column types: numbers count up (so keys stay unique), text is {@code v1, v2, …} cut to its
 * length, times count back from now, enums cycle through their labels; columns with a default get it, and
 * foreign keys take the parent's rows in turn, parents being filled first. A table whose constraints the
 * generated values break is left as it is and named in the notes.
 */
final class DataGenerator {

    private static final int BATCH = 10_000;

    /** One column, as the generator sees it. */
    private record Column(String name, String type, String typname, char category, boolean notNull,
                          boolean hasDefault) {}

    /** A foreign key of a table, one or more columns. */
    private record Fk(List<String> columns, String parentSchema, String parent, List<String> parentColumns) {}

    private record Table(String schema, String name) {
        String q() {
            return Identifiers.qualified(schema, name);
        }

        String display() {
            return "public".equals(schema) ? name : schema + "." + name;
        }
    }

    private final Connection c;
    private final String godwitSchema;
    private final Rehearsal.Progress progress;

    DataGenerator(Connection c, String godwitSchema, Rehearsal.Progress progress) {
        this.c = c;
        this.godwitSchema = godwitSchema;
        this.progress = progress;
    }

    /** Fills every table with {@code rows} rows; returns what could not be done, one note a table. */
    List<String> fill(long rows) throws SQLException {
        List<Table> tables = parentsFirst();
        List<String> notes = new ArrayList<>();
        long total = rows * tables.size();
        long done = 0;
        for (Table t : tables) {
            try {
                String insert = insert(t);
                if (insert == null) {
                    notes.add("no rows generated for " + t.display() + ": a NOT NULL foreign key's parent is empty");
                } else {
                    for (long from = 1; from <= rows; from += BATCH) {
                        long to = Math.min(rows, from + BATCH - 1);
                        try (PreparedStatement ps = c.prepareStatement(insert)) {
                            ps.setLong(1, from);
                            ps.setLong(2, to);
                            ps.executeUpdate();
                        }
                        progress.rows(done + to, total);
                    }
                }
            } catch (SQLException e) {
                notes.add("no rows generated for " + t.display() + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
            done += rows;
            progress.rows(done, total);
        }
        try (Statement s = c.createStatement()) {
            s.execute("analyze");
        }
        return notes;
    }

    /**
     * {@code --sample N}: up to N rows of every table copied from the target, parents first. Foreign keys
     * and triggers are not fired ({@code session_replication_role = replica}), since a sample of a child
     * rarely finds all its parents in the parents' sample.
     */
    List<String> sample(Connection target, int n) throws SQLException {
        List<String> notes = new ArrayList<>();
        List<Table> tables = parentsFirst();
        try (Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
        } catch (SQLException e) {
            notes.add("foreign keys stay checked while sampling (" + e.getMessage() + "): some rows may be refused");
        }
        long done = 0;
        for (Table t : tables) {
            try {
                RowCopy.copy(target, c, t.schema(), t.name(), n);
            } catch (SQLException e) {
                notes.add("no rows sampled from " + t.display() + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
            done += n;
            progress.rows(done, (long) n * tables.size());
        }
        try (Statement s = c.createStatement()) {
            s.execute("reset session_replication_role");
            s.execute("analyze");
        }
        return notes;
    }

    /** {@code insert into t (…) select … from generate_series(?, ?) g join …}, or null when it cannot be. */
    private String insert(Table t) throws SQLException {
        List<Fk> fks = foreignKeys(t);
        Map<String, String> values = new LinkedHashMap<>();
        StringBuilder joins = new StringBuilder();
        int k = 0;
        for (Fk fk : fks) {
            long parentRows = count(Identifiers.qualified(fk.parentSchema(), fk.parent()));
            boolean self = fk.parentSchema().equals(t.schema()) && fk.parent().equals(t.name());
            if (parentRows == 0 || self) {
                continue; // left to the column's rule below: null when nullable, else the table is skipped
            }
            String alias = "p" + (k++);
            joins.append(" join (select ").append(String.join(", ", fk.parentColumns().stream().map(Identifiers::quote)
                    .toList())).append(", row_number() over () as rn from ")
                    .append(Identifiers.qualified(fk.parentSchema(), fk.parent())).append(") ").append(alias)
                    .append(" on ").append(alias).append(".rn = 1 + (g % ").append(parentRows).append(")");
            for (int i = 0; i < fk.columns().size(); i++) {
                values.put(fk.columns().get(i), alias + "." + Identifiers.quote(fk.parentColumns().get(i)));
            }
        }
        Set<String> fkColumns = new LinkedHashSet<>();
        fks.forEach(f -> fkColumns.addAll(f.columns()));
        for (Column col : columns(t)) {
            if (values.containsKey(col.name())) {
                continue;
            }
            if (fkColumns.contains(col.name())) {
                if (col.notNull()) {
                    return null;
                }
                continue;
            }
            if (col.hasDefault()) {
                continue;
            }
            String v = value(col);
            if (v != null) {
                values.put(col.name(), v);
            }
        }
        if (values.isEmpty()) {
            return "insert into " + t.q() + " select from generate_series(?::bigint, ?::bigint) g";
        }
        return "insert into " + t.q() + " (" + String.join(", ", values.keySet().stream().map(Identifiers::quote)
                .toList()) + ") overriding system value select " + String.join(", ", values.values())
                + " from generate_series(?::bigint, ?::bigint) g" + joins;
    }

    /** A value for row {@code g} of this column's type; null when Godwit has no rule (the column stays null). */
    private static String value(Column c) {
        String cast = "::" + c.type();
        switch (c.typname()) {
            case "int2":
                return "(g % 32000)" + cast;
            case "int4":
            case "int8":
                return "g" + cast;
            case "uuid":
                return "md5(g::text)::uuid";
            case "json":
            case "jsonb":
                return "json_build_object('n', g)" + cast;
            case "bytea":
                return "decode(md5(g::text), 'hex')";
            case "bool":
                return "(g % 2 = 0)";
            case "inet":
            case "cidr":
                return "('10.0.0.0'::inet + g)" + cast;
            default:
                break;
        }
        switch (c.category()) {
            case 'N':
                return "(1 + g % 1000)" + cast;
            case 'S':
                return "('v' || g)" + cast;
            case 'D':
                return "(now() - g * interval '1 minute')" + cast;
            case 'T':
                return "(g * interval '1 second')" + cast;
            case 'E':
                return "(enum_range(null" + cast + "))[1 + (g % cardinality(enum_range(null" + cast + ")))::int]";
            default:
                return c.notNull() ? "null" + cast : null;
        }
    }

    private List<Column> columns(Table t) throws SQLException {
        List<Column> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select a.attname, format_type(a.atttypid, a.atttypmod),"
                + " ty.typname, ty.typcategory, a.attnotnull,"
                + " a.atthasdef or a.attidentity <> '' or a.attgenerated <> ''"
                + " from pg_attribute a join pg_type ty on ty.oid = a.atttypid"
                + " where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum")) {
            ps.setString(1, t.q());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0),
                            rs.getBoolean(5), rs.getBoolean(6)));
                }
            }
        }
        return out;
    }

    private List<Fk> foreignKeys(Table t) throws SQLException {
        List<Fk> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select array(select a.attname from unnest(k.conkey)"
                + " with ordinality u(n, o) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.o),"
                + " pn.nspname, p.relname, array(select a.attname from unnest(k.confkey) with ordinality u(n, o)"
                + " join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.o)"
                + " from pg_constraint k join pg_class p on p.oid = k.confrelid join pg_namespace pn on pn.oid = p.relnamespace"
                + " where k.contype = 'f' and k.conrelid = ?::regclass")) {
            ps.setString(1, t.q());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Fk(List.of((String[]) rs.getArray(1).getArray()), rs.getString(2), rs.getString(3),
                            List.of((String[]) rs.getArray(4).getArray())));
                }
            }
        }
        return out;
    }

    /** The user's tables, each after the tables its foreign keys point to (cycles: in name order). */
    private List<Table> parentsFirst() throws SQLException {
        Map<Table, Set<Table>> parents = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select n.nspname, c.relname,"
                + " pn.nspname, p.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " left join pg_constraint k on k.conrelid = c.oid and k.contype = 'f'"
                + " left join pg_class p on p.oid = k.confrelid left join pg_namespace pn on pn.oid = p.relnamespace"
                + " where c.relkind in ('r', 'p') and not c.relispartition and n.nspname not in ('pg_catalog',"
                + " 'information_schema', 'godwit_snapshots', '" + godwitSchema.replace("'", "''") + "')"
                + " and n.nspname not like 'pg\\_%' order by 1, 2")) {
            while (rs.next()) {
                Set<Table> ps = parents.computeIfAbsent(new Table(rs.getString(1), rs.getString(2)),
                        x -> new LinkedHashSet<>());
                if (rs.getString(3) != null) {
                    ps.add(new Table(rs.getString(3), rs.getString(4)));
                }
            }
        }
        List<Table> order = new ArrayList<>();
        while (order.size() < parents.size()) {
            int before = order.size();
            for (Map.Entry<Table, Set<Table>> e : parents.entrySet()) {
                if (!order.contains(e.getKey()) && e.getValue().stream()
                        .allMatch(p -> p.equals(e.getKey()) || order.contains(p) || !parents.containsKey(p))) {
                    order.add(e.getKey());
                }
            }
            if (order.size() == before) {
                parents.keySet().stream().filter(t -> !order.contains(t)).findFirst().ifPresent(order::add);
            }
        }
        return order;
    }

    private long count(String qualified) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + qualified)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
