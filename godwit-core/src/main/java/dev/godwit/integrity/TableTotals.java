package dev.godwit.integrity;

import dev.godwit.config.ColumnRef;

import dev.godwit.db.Identifiers;
import dev.godwit.config.MoneyNames;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in invariants' numbers for one table: its rows and the sum of each money column, in one query,
 * exact; or, for a large table, the migration transaction's own count of the rows it inserted and deleted.
 * Tables and columns are followed by OID and column number, so a rename inside the migration is no loss.
 */
final class TableTotals {

    /** Money by type and name: these types hold amounts; {@code money} does whatever its name. */
    private static final List<String> AMOUNT_TYPES = List.of("numeric", "float4", "float8", "money");

    /** @param numeric stored as numeric, so summed without a cast */
    record MoneyColumn(int attnum, String name, boolean numeric) {}

    /**
     * An existing table a migration touches.
     *
     * @param name          as PostgreSQL prints it before the migration ({@code oid::regclass})
     * @param estimatedRows the planner's estimate ({@code reltuples}), 0 when it has none
     */
    record Table(long oid, String name, long estimatedRows, List<MoneyColumn> money, boolean truncated,
                 Optional<String> where) {

        /** The same table, its totals restricted to the rows {@code condition} selects (a backfill batch's key range). */
        Table within(String condition) {
            return new Table(oid, name, estimatedRows, money, truncated, Optional.of(condition));
        }
    }

    /** @param sums by column number; a column that no longer exists has none */
    record Totals(long rows, Map<Integer, BigDecimal> sums) {}

    private TableTotals() {}

    /** The table {@code written} names, if it exists now and holds rows (a table or a partitioned table). */
    static Optional<Table> resolve(Connection c, String written, boolean truncated, MoneyNames names)
            throws SQLException {
        if (ColumnRef.parts(written).size() > 2) {
            return Optional.empty(); // database.schema.table: to_regclass would raise, aborting the transaction
        }
        long oid;
        String name;
        long estimate;
        try (PreparedStatement ps = c.prepareStatement("select c.oid::bigint, c.oid::regclass::text, case"
                + " when c.relkind = 'p' then (select coalesce(sum(greatest(l.reltuples, 0)), 0)"
                + "   from pg_partition_tree(c.oid) t join pg_class l on l.oid = t.relid where t.isleaf)"
                + " else greatest(c.reltuples, 0) end::bigint"
                + " from pg_class c where c.oid = to_regclass(?) and c.relkind in ('r', 'p')")) {
            ps.setString(1, written);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                oid = rs.getLong(1);
                name = rs.getString(2);
                estimate = rs.getLong(3);
            }
        }
        return Optional.of(new Table(oid, name, estimate, moneyColumns(c, oid, names), truncated, Optional.empty()));
    }

    /** Columns holding money: numeric, float or money types (domains over them too) named like money; any money. */
    static List<MoneyColumn> moneyColumns(Connection c, long oid, MoneyNames names) throws SQLException {
        List<MoneyColumn> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select a.attnum, a.attname, b.typname from pg_attribute a"
                + " join pg_type t on t.oid = a.atttypid"
                + " join pg_type b on b.oid = case when t.typtype = 'd' then t.typbasetype else t.oid end"
                + " where a.attrelid = ? and a.attnum > 0 and not a.attisdropped order by a.attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(3);
                    if (AMOUNT_TYPES.contains(type) && (type.equals("money") || names.matches(rs.getString(2)))) {
                        out.add(new MoneyColumn(rs.getInt(1), rs.getString(2), type.equals("numeric")));
                    }
                }
            }
        }
        return out;
    }

    /** count(*) and every money sum of the table as it was when resolved, in one scan. */
    static Totals exact(Connection c, Table t) throws SQLException {
        return measure(c, t.name(), t.money(), t.where());
    }

    /**
     * The same numbers now, for the same table and columns found by OID and number (renamed or retyped ones
     * too); empty when the table no longer exists. A dropped column has no sum.
     */
    static Optional<Totals> exactNow(Connection c, Table t) throws SQLException {
        Optional<String> name = currentName(c, t.oid());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        List<MoneyColumn> now = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select a.attnum, a.attname, b.typname from pg_attribute a"
                + " join pg_type t on t.oid = a.atttypid"
                + " join pg_type b on b.oid = case when t.typtype = 'd' then t.typbasetype else t.oid end"
                + " where a.attrelid = ? and a.attnum = any(?) and not a.attisdropped")) {
            ps.setLong(1, t.oid());
            ps.setArray(2, c.createArrayOf("int4", t.money().stream().map(MoneyColumn::attnum).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    now.add(new MoneyColumn(rs.getInt(1), rs.getString(2), rs.getString(3).equals("numeric")));
                }
            }
        }
        return Optional.of(measure(c, name.get(), now, t.where()));
    }

    /** Rows inserted minus rows deleted by this transaction so far (every partition of a partitioned table). */
    static long counters(Connection c, Table t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(pg_stat_get_xact_tuples_inserted(r)"
                + " - pg_stat_get_xact_tuples_deleted(r)), 0)::bigint from (select ?::oid as r union"
                + " select relid from pg_partition_tree(?::oid::regclass) where isleaf) tree")) {
            ps.setLong(1, t.oid());
            ps.setLong(2, t.oid());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Optional<String> currentName(Connection c, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select oid::regclass::text from pg_class where oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** {@code select count(*), sum(a), sum(b::numeric) from t}: one scan, exact (floats and money as numeric). */
    private static Totals measure(Connection c, String table, List<MoneyColumn> money, Optional<String> where)
            throws SQLException {
        StringBuilder sql = new StringBuilder("select count(*)");
        for (MoneyColumn m : money) {
            String col = Identifiers.quote(m.name());
            sql.append(", sum(").append(col).append(m.numeric() ? "" : "::numeric").append(')');
        }
        sql.append(" from ").append(table);
        where.ifPresent(w -> sql.append(" where ").append(w));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            Map<Integer, BigDecimal> sums = new LinkedHashMap<>();
            for (int k = 0; k < money.size(); k++) {
                BigDecimal v = rs.getBigDecimal(k + 2);
                sums.put(money.get(k).attnum(), v == null ? BigDecimal.ZERO : v);
            }
            return new Totals(rs.getLong(1), sums);
        }
    }
}
