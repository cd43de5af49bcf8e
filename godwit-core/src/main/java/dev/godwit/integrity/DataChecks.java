package dev.godwit.integrity;

import dev.godwit.config.Expectation;
import dev.godwit.config.InvariantSpec;

import dev.godwit.config.ColumnRef;

import dev.godwit.config.CheckSettings;

import dev.godwit.integrity.CheckResult.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code godwit check data}: orphaned rows of declared foreign keys and of {@code [checks.relations]},
 * duplicates on {@code [checks.natural_keys]}, negative values in {@code [checks] nonnegative} columns, and
 * the {@code [[checks.invariant]]} queries evaluated now. A failing check shows up to 10 offending rows.
 * Each query stands alone, so one that fails (a misspelt table) is one failed check, not the end of all.
 */
public final class DataChecks {

    /** The ids of the data checks. */
    public static final List<String> CHECKS = CheckSettings.DATA_CHECKS;

    private final CheckSettings settings;
    private final List<String> ownSchemas;

    public DataChecks(CheckSettings settings, List<String> ownSchemas) {
        this.settings = settings;
        this.ownSchemas = SchemaAudit.withSnapshots(ownSchemas);
    }

    /** Runs every data check {@code [checks] disable} leaves on; call it in autocommit. */
    public List<CheckResult> run(Connection c) throws SQLException {
        List<CheckResult> out = new ArrayList<>();
        if (settings.runs("orphans")) {
            for (Sql.ForeignKey fk : Sql.declaredForeignKeys(new UserCatalog(c, ownSchemas))) {
                out.add(orphans(c, fk.subject(), fk.child(), fk.childColumns(), fk.parent(), fk.parentColumns()));
            }
            for (CheckSettings.Relation r : settings.relations()) {
                out.add(relation(c, r));
            }
        }
        if (settings.runs("duplicates")) {
            for (CheckSettings.NaturalKey k : settings.naturalKeys()) {
                out.add(duplicates(c, k));
            }
        }
        if (settings.runs("nonnegative")) {
            for (ColumnRef col : settings.nonnegative()) {
                out.add(negatives(c, col));
            }
        }
        if (settings.runs("invariant")) {
            for (InvariantSpec i : settings.invariants()) {
                out.add(invariant(c, i));
            }
        }
        return out;
    }

    private CheckResult relation(Connection c, CheckSettings.Relation r) {
        String subject = r.child() + " -> " + r.parent() + " ([checks.relations])";
        try {
            Optional<String> child = Sql.table(c, r.child().table());
            Optional<String> parent = Sql.table(c, r.parent().table());
            Optional<String> problem = missing(c, child, r.child()).or(() -> missingQuietly(c, parent, r.parent()));
            if (problem.isPresent()) {
                return new CheckResult("orphans", subject, Status.FAILED, problem.get(), List.of());
            }
            return orphans(c, subject, child.get(), List.of(Sql.quote(r.child().column())), parent.get(),
                    List.of(Sql.quote(r.parent().column())));
        } catch (SQLException e) {
            return error("orphans", subject, e);
        }
    }

    /** Rows whose (non-null) reference finds no row in the referenced table. */
    private CheckResult orphans(Connection c, String subject, String child, List<String> childCols, String parent,
                                List<String> parentCols) {
        StringBuilder match = new StringBuilder();
        StringBuilder notNull = new StringBuilder();
        for (int k = 0; k < childCols.size(); k++) {
            match.append(k == 0 ? "" : " and ").append("p.").append(parentCols.get(k)).append(" = c.")
                    .append(childCols.get(k));
            notNull.append(k == 0 ? "" : " and ").append("c.").append(childCols.get(k)).append(" is not null");
        }
        try {
            String shown = shown(c, child, childCols, "c.");
            String sql = "select count(*) over (), " + shown + " from " + child + " c where " + notNull
                    + " and not exists (select 1 from " + parent + " p where " + match + ") limit "
                    + QueryValue.EVIDENCE_ROWS;
            return evidence(c, sql, "orphans", subject, "orphaned row(s)");
        } catch (SQLException e) {
            return error("orphans", subject, e);
        }
    }

    private CheckResult duplicates(Connection c, CheckSettings.NaturalKey k) {
        String subject = k.table() + " (" + String.join(", ", k.columns()) + ")";
        try {
            Optional<String> table = Sql.table(c, k.table());
            if (table.isEmpty()) {
                return new CheckResult("duplicates", subject, Status.FAILED, "no table " + k.table(), List.of());
            }
            List<String> cols = new ArrayList<>();
            for (String col : k.columns()) {
                Optional<String> problem = missing(c, table, new ColumnRef(k.table(), col));
                if (problem.isPresent()) {
                    return new CheckResult("duplicates", subject, Status.FAILED, problem.get(), List.of());
                }
                cols.add(Sql.quote(col));
            }
            String list = String.join(", ", cols);
            String sql = "select count(*) over (), " + list + ", count(*) as rows from " + table.get() + " where "
                    + String.join(" and ", cols.stream().map(x -> x + " is not null").toList()) + " group by " + list
                    + " having count(*) > 1 order by count(*) desc limit " + QueryValue.EVIDENCE_ROWS;
            return evidence(c, sql, "duplicates", subject, "key value(s) held by more than one row");
        } catch (SQLException e) {
            return error("duplicates", subject, e);
        }
    }

    private CheckResult negatives(Connection c, ColumnRef col) {
        String subject = col.toString();
        try {
            Optional<String> table = Sql.table(c, col.table());
            Optional<String> problem = missing(c, table, col);
            if (problem.isPresent()) {
                return new CheckResult("nonnegative", subject, Status.FAILED, problem.get(), List.of());
            }
            String column = Sql.quote(col.column());
            String shown = shown(c, table.get(), List.of(column), "");
            String sql = "select count(*) over (), " + shown + " from " + table.get() + " where " + column + " < 0"
                    + " limit " + QueryValue.EVIDENCE_ROWS;
            return evidence(c, sql, "nonnegative", subject, "negative value(s)");
        } catch (SQLException e) {
            return error("nonnegative", subject, e);
        }
    }

    private CheckResult invariant(Connection c, InvariantSpec i) {
        if (i.expect().comparesWithBefore()) {
            return new CheckResult("invariant", i.name(), Status.SKIPPED, "expect = unchanged compares before and"
                    + " after a migration; godwit migrate checks it", List.of());
        }
        try {
            Optional<QueryValue> v = UserCheck.evaluate(c, i);
            if (v.isEmpty()) {
                return new CheckResult("invariant", i.name(), Status.FAILED, "cannot run: what it reads does not"
                        + " exist", List.of());
            }
            boolean ok = v.get().meets(i.expect());
            String summary = (i.expect().kind() == Expectation.Kind.NO_ROWS ? v.get().rowCount() + " row(s)"
                    : "value " + v.get().display()) + ", expected " + i.expect();
            return new CheckResult("invariant", i.name(), ok ? Status.PASSED : Status.FAILED, summary,
                    ok ? List.of() : v.get().rows());
        } catch (SQLException e) {
            return error("invariant", i.name(), e);
        }
    }

    /** Runs a query whose first column is the total count and whose rows are the evidence. */
    private static CheckResult evidence(Connection c, String sql, String check, String subject, String what)
            throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            long total = 0;
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                total = rs.getLong(1);
                StringBuilder row = new StringBuilder();
                for (int k = 2; k <= columns; k++) {
                    String v = rs.getString(k);
                    row.append(k == 2 ? "" : ", ").append(rs.getMetaData().getColumnLabel(k)).append('=')
                            .append(v == null ? "NULL" : v);
                }
                rows.add(row.toString());
            }
            return total == 0 ? new CheckResult(check, subject, Status.PASSED, "none", List.of())
                    : new CheckResult(check, subject, Status.FAILED, total + " " + what, rows);
        }
    }

    /** The columns that show a row: its primary key, then {@code columns}; {@code prefix} qualifies them. */
    private static String shown(Connection c, String table, List<String> columns, String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String k : Sql.primaryKey(c, table)) {
            out.add(prefix + k);
        }
        for (String col : columns) {
            if (!out.contains(prefix + col)) {
                out.add(prefix + col);
            }
        }
        return String.join(", ", out);
    }

    private static Optional<String> missing(Connection c, Optional<String> table, ColumnRef col) throws SQLException {
        if (table.isEmpty()) {
            return Optional.of("no table " + col.table());
        }
        return Sql.hasColumn(c, table.get(), col.column()) ? Optional.empty()
                : Optional.of("no column " + col.column() + " in " + table.get());
    }

    private static Optional<String> missingQuietly(Connection c, Optional<String> table, ColumnRef col) {
        try {
            return missing(c, table, col);
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static CheckResult error(String check, String subject, SQLException e) {
        return new CheckResult(check, subject, Status.FAILED, "could not run: " + e.getMessage(), List.of());
    }

    /** Catalog look-ups for the data checks. */
    static final class Sql {

        record ForeignKey(String subject, String child, List<String> childColumns, String parent,
                          List<String> parentColumns) {}

        private Sql() {}

        static List<ForeignKey> declaredForeignKeys(UserCatalog cat) throws SQLException {
            return cat.query("select k.conname, k.conrelid::regclass::text, k.confrelid::regclass::text,"
                    + " array(select quote_ident(a.attname) from unnest(k.conkey) with ordinality u(n, i)"
                    + "   join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i),"
                    + " array(select quote_ident(a.attname) from unnest(k.confkey) with ordinality u(n, i)"
                    + "   join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i)"
                    + " from pg_constraint k join pg_class c on c.oid = k.conrelid"
                    + " join pg_namespace n on n.oid = c.relnamespace"
                    + " where k.contype = 'f' and k.conparentid = 0 and" + UserCatalog.USER_SCHEMAS + " order by 2, 1",
                    rs -> {
                        List<String> cc = List.of((String[]) rs.getArray(4).getArray());
                        List<String> pc = List.of((String[]) rs.getArray(5).getArray());
                        return new ForeignKey(rs.getString(2) + "." + String.join(",", cc) + " -> " + rs.getString(3)
                                + "." + String.join(",", pc) + " (" + rs.getString(1) + ")", rs.getString(2), cc,
                                rs.getString(3), pc);
                    });
        }

        /** The table as PostgreSQL prints it (quoted where needed), if it exists. */
        static Optional<String> table(Connection c, String written) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select to_regclass(?)::text")) {
                ps.setString(1, written);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Optional.ofNullable(rs.getString(1));
                }
            }
        }

        static boolean hasColumn(Connection c, String table, String column) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_attribute where attrelid = ?::regclass"
                    + " and attname = ? and attnum > 0 and not attisdropped")) {
                ps.setString(1, table);
                ps.setString(2, column);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }

        static List<String> primaryKey(Connection c, String table) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select quote_ident(a.attname) from pg_index i"
                    + " join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)"
                    + " where i.indrelid = ?::regclass and i.indisprimary"
                    + " order by array_position(i.indkey::int2[], a.attnum)")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return out;
                }
            }
        }

        static String quote(String column) {
            return dev.godwit.db.Identifiers.quote(column);
        }
    }
}
