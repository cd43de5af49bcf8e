package dev.godwit.integrity;

import dev.godwit.config.CheckSettings;
import dev.godwit.config.ColumnRef;

import dev.godwit.integrity.SchemaColumns.Column;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * id-without-foreign-key and foreign-key-type-mismatch: columns that refer to other tables' keys, declared
 * or not. A {@code user_id} column refers "obviously" to table {@code user}, {@code users} (or {@code -es},
 * {@code -ies}) in the same schema (else the only such table anywhere) when that table has a one-column
 * primary key. Columns named in {@code [checks.relations]} are undeclared on purpose and not reported.
 */
final class References {

    private References() {}

    static List<Finding> find(UserCatalog cat, List<Column> columns, List<CheckSettings.Relation> configured)
            throws SQLException {
        Set<String> inForeignKey = new HashSet<>(cat.query("select k.conrelid || ':' || u.attnum from pg_constraint k"
                + " cross join unnest(k.conkey) u(attnum) join pg_class c on c.oid = k.conrelid"
                + " join pg_namespace n on n.oid = c.relnamespace where k.contype = 'f' and" + UserCatalog.USER_SCHEMAS,
                rs -> rs.getString(1)));
        Map<Long, Integer> singlePk = new HashMap<>();
        cat.query("select k.conrelid::bigint, k.conkey[1] from pg_constraint k join pg_class c on c.oid = k.conrelid"
                + " join pg_namespace n on n.oid = c.relnamespace where k.contype = 'p' and cardinality(k.conkey) = 1"
                + " and" + UserCatalog.USER_SCHEMAS, rs -> singlePk.put(rs.getLong(1), rs.getInt(2)));
        Map<Long, Map<Integer, Column>> byTable = new HashMap<>();
        for (Column c : columns) {
            byTable.computeIfAbsent(c.tableOid(), k -> new HashMap<>()).put(c.attnum(), c);
        }
        List<Finding> out = new ArrayList<>(declaredMismatches(cat));
        Set<String> configuredColumns = new HashSet<>();
        configured.forEach(r -> configuredColumns.add(r.child().column()));
        for (Column c : columns) {
            if (!c.name().endsWith("_id") || c.name().length() <= 3
                    || inForeignKey.contains(c.tableOid() + ":" + c.attnum())
                    || Integer.valueOf(c.attnum()).equals(singlePk.get(c.tableOid()))
                    || configuredColumns.contains(c.name())) {
                continue;
            }
            Optional<Column> key = obviousKey(c, columns, singlePk, byTable);
            key.ifPresent(k -> out.addAll(undeclared(c, k)));
        }
        out.addAll(configuredMismatches(columns, configured));
        return out;
    }

    private static List<Finding> undeclared(Column c, Column key) {
        List<Finding> out = new ArrayList<>();
        boolean sameType = c.typeOid() == key.typeOid();
        out.add(new Finding("id-without-foreign-key", c.qualified(), "has no foreign key, though it looks like a"
                + " reference to " + key.qualified() + (sameType ? "; add one (NOT VALID, then VALIDATE, to keep"
                + " the locks short), or name it in [checks.relations] to have `godwit check data` find orphans"
                : "; its type differs, so convert it first (see foreign-key-type-mismatch)")));
        if (!sameType) {
            out.add(new Finding("foreign-key-type-mismatch", c.qualified(), "is " + c.type() + " but refers to "
                    + key.qualified() + ", which is " + key.type() + ": values cannot be compared without a cast, and"
                    + " no foreign key can be declared until the types agree"));
        }
        return out;
    }

    /** The one-column primary key of the table {@code c}'s name points at, if exactly one table fits. */
    private static Optional<Column> obviousKey(Column c, List<Column> columns, Map<Long, Integer> singlePk,
                                               Map<Long, Map<Integer, Column>> byTable) {
        String prefix = c.name().substring(0, c.name().length() - 3).toLowerCase(Locale.ROOT);
        Set<String> names = new HashSet<>(List.of(prefix, prefix + "s", prefix + "es"));
        if (prefix.endsWith("y")) {
            names.add(prefix.substring(0, prefix.length() - 1) + "ies");
        }
        List<Column> sameSchema = new ArrayList<>();
        List<Column> anywhere = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Column t : columns) {
            if (t.tableOid() == c.tableOid() || !names.contains(t.relname()) || !seen.add(t.tableOid())
                    || !singlePk.containsKey(t.tableOid())) {
                continue;
            }
            Column key = byTable.get(t.tableOid()).get(singlePk.get(t.tableOid()));
            anywhere.add(key);
            if (t.schema().equals(c.schema())) {
                sameSchema.add(key);
            }
        }
        if (sameSchema.size() == 1) {
            return Optional.of(sameSchema.get(0));
        }
        return sameSchema.isEmpty() && anywhere.size() == 1 ? Optional.of(anywhere.get(0)) : Optional.empty();
    }

    /** [checks.relations] whose two columns have different types. */
    private static List<Finding> configuredMismatches(List<Column> columns, List<CheckSettings.Relation> configured) {
        List<Finding> out = new ArrayList<>();
        for (CheckSettings.Relation r : configured) {
            Optional<Column> child = named(columns, r.child());
            Optional<Column> parent = named(columns, r.parent());
            if (child.isPresent() && parent.isPresent() && child.get().typeOid() != parent.get().typeOid()) {
                out.add(new Finding("foreign-key-type-mismatch", child.get().qualified(), "is " + child.get().type()
                        + " but refers to " + parent.get().qualified() + " ([checks.relations]), which is "
                        + parent.get().type() + ": values cannot be compared without a cast"));
            }
        }
        return out;
    }

    /** The column a configured name means: its table written as PostgreSQL prints it, or schema.table. */
    static Optional<Column> named(List<Column> columns, ColumnRef ref) {
        String table = ref.table().replace("\"", "");
        for (Column c : columns) {
            if (c.name().equals(ref.column()) && (c.table().replace("\"", "").equalsIgnoreCase(table)
                    || (c.schema() + "." + c.relname()).equalsIgnoreCase(table))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Declared foreign keys whose column types differ from the referenced key's (int referencing bigint...). */
    private static List<Finding> declaredMismatches(UserCatalog cat) throws SQLException {
        return cat.query("select k.conname, c.oid::regclass::text, a.attname, format_type(a.atttypid, a.atttypmod),"
                + " k.confrelid::regclass::text, f.attname, format_type(f.atttypid, f.atttypmod)"
                + " from pg_constraint k cross join unnest(k.conkey, k.confkey) u(c, f)"
                + " join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.c"
                + " join pg_attribute f on f.attrelid = k.confrelid and f.attnum = u.f"
                + " join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace"
                + " where k.contype = 'f' and k.conparentid = 0 and a.atttypid <> f.atttypid and"
                + UserCatalog.USER_SCHEMAS + " order by 2, 3",
                rs -> new Finding("foreign-key-type-mismatch", rs.getString(2) + "." + rs.getString(3), "is "
                        + rs.getString(4) + " but its foreign key " + rs.getString(1) + " references "
                        + rs.getString(5) + "." + rs.getString(6) + ", which is " + rs.getString(7)
                        + ": joins need a cast, and values that fit one type may not fit the other"));
    }
}
