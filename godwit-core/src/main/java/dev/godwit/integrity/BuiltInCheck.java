package dev.godwit.integrity;

import dev.godwit.config.ChangeRange;

import dev.godwit.config.CheckSettings;

import dev.godwit.config.CheckSettings.LargeTables;
import dev.godwit.integrity.InvariantResult.Status;
import dev.godwit.integrity.TableTotals.MoneyColumn;
import dev.godwit.integrity.TableTotals.Table;
import dev.godwit.integrity.TableTotals.Totals;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in invariants of one existing table a migration touches: no rows lost, and the sum of each money
 * column unchanged (unless the table was empty before), each unless the migration declares the change.
 */
final class BuiltInCheck {

    private final Table table;
    private final LargeTables method;
    private final String how;
    private Totals before;
    private long countersBefore;

    private BuiltInCheck(Table table, LargeTables method, String how) {
        this.table = table;
        this.method = method;
        this.how = how;
    }

    /** Measures the table now, the way its size and {@code [checks]} call for. */
    static BuiltInCheck before(Connection c, Table t, CheckSettings s, boolean transactional) throws SQLException {
        BuiltInCheck check = choose(t, s, transactional);
        try {
            if (check.method == LargeTables.EXACT) {
                check.before = TableTotals.exact(c, t);
            } else if (check.method == LargeTables.COUNTERS) {
                check.countersBefore = TableTotals.counters(c, t);
            }
        } catch (SQLException e) {
            throw check.named(e, "before");
        }
        return check;
    }

    /** The same error, saying it was this check (a statement_timeout, a lock_timeout...); its SQLSTATE kept. */
    private SQLException named(SQLException e, String when) {
        return new SQLException("the integrity check of " + table.name() + " " + when + " the migration ("
                + how + ") failed: " + e.getMessage(), e.getSQLState(), e);
    }

    private static BuiltInCheck choose(Table t, CheckSettings s, boolean transactional) {
        if (s.relaxes(t.name())) {
            return new BuiltInCheck(t, LargeTables.SKIP, "skipped: " + t.name() + " is in [checks] relaxed");
        }
        if (t.where().isPresent()) {
            return new BuiltInCheck(t, LargeTables.EXACT, "exact, over the batch's key range");
        }
        if (t.estimatedRows() <= s.largeTableRows() || s.largeTableMethod() == LargeTables.EXACT) {
            return new BuiltInCheck(t, LargeTables.EXACT, "exact");
        }
        String size = "≈" + grouped(t.estimatedRows()) + " rows > large_table_rows " + grouped(s.largeTableRows());
        if (s.largeTableMethod() == LargeTables.SKIP) {
            return new BuiltInCheck(t, LargeTables.SKIP, "skipped: " + size + " (large_table_method = \"skip\")");
        }
        if (!transactional) {
            return new BuiltInCheck(t, LargeTables.SKIP, "skipped: " + size + "; the transaction's row counters"
                    + " need a transaction, and this migration runs outside one");
        }
        return new BuiltInCheck(t, LargeTables.COUNTERS, "counters: " + size + "; rows only, money sums not checked");
    }

    List<InvariantResult> after(Connection c, Declarations declared) throws SQLException {
        try {
            return switch (method) {
                case EXACT -> exactAfter(c, declared);
                case COUNTERS -> List.of(countersAfter(c, declared));
                case SKIP -> List.of(new InvariantResult(table.name() + ".rows", "≈" + grouped(table.estimatedRows()),
                        "", "no rows lost", Status.SKIPPED, how, List.of()));
            };
        } catch (SQLException e) {
            throw named(e, "after");
        }
    }

    private List<InvariantResult> exactAfter(Connection c, Declarations declared) throws SQLException {
        Optional<Totals> now = TableTotals.exactNow(c, table);
        List<InvariantResult> out = new ArrayList<>();
        long rowsAfter = now.map(Totals::rows).orElse(0L);
        String shownAfter = now.isPresent() ? String.valueOf(rowsAfter) : "0 (table dropped)";
        out.add(rows(String.valueOf(before.rows()), shownAfter, BigDecimal.valueOf(before.rows()),
                BigDecimal.valueOf(rowsAfter - before.rows()), declared));
        for (MoneyColumn m : table.money()) {
            BigDecimal b = before.sums().get(m.attnum());
            Optional<BigDecimal> a = now.flatMap(t -> Optional.ofNullable(t.sums().get(m.attnum())));
            out.add(sum(m, b, a, now.isPresent(), declared));
        }
        return out;
    }

    private InvariantResult countersAfter(Connection c, Declarations declared) throws SQLException {
        boolean dropped = TableTotals.currentName(c, table.oid()).isEmpty();
        String estimate = "≈" + grouped(table.estimatedRows());
        if (dropped || table.truncated()) {
            // The counters see neither: every row is gone (then maybe some inserted again, which counts for nothing here).
            BigDecimal change = BigDecimal.valueOf(-table.estimatedRows());
            return rows(estimate, dropped ? "0 (table dropped)" : "all rows gone (TRUNCATE)",
                    BigDecimal.valueOf(table.estimatedRows()), change, declared);
        }
        long change = TableTotals.counters(c, table) - countersBefore;
        return rows(estimate, "change " + signed(BigDecimal.valueOf(change)), BigDecimal.valueOf(table.estimatedRows()),
                BigDecimal.valueOf(change), declared);
    }

    private InvariantResult rows(String shownBefore, String shownAfter, BigDecimal before, BigDecimal change,
                                 Declarations declared) {
        Optional<ChangeRange> range = declared.forTable(table.name(), "rows");
        Status status = range.map(r -> judged(r, before, change))
                .orElse(change.signum() >= 0 ? Status.HOLDS : Status.VIOLATED);
        return new InvariantResult(table.name() + ".rows", shownBefore, shownAfter,
                range.map(r -> "change " + r).orElse("no rows lost"), status, how, List.of());
    }

    /** @param after empty when the column (or the table, {@code tableExists} false) no longer exists */
    private InvariantResult sum(MoneyColumn m, BigDecimal before, Optional<BigDecimal> after, boolean tableExists,
                                Declarations declared) {
        String check = table.name() + ".sum(" + m.name() + ")";
        Optional<ChangeRange> range = declared.forTable(table.name(), m.name());
        boolean wasEmpty = this.before.rows() == 0;
        BigDecimal change = after.orElse(BigDecimal.ZERO).subtract(before);
        String shownAfter = after.map(BigDecimal::toPlainString)
                .orElse(tableExists ? "(column dropped)" : "(table dropped)");
        Status status;
        String expected;
        if (range.isPresent()) {
            status = judged(range.get(), before, change);
            expected = "change " + range.get();
        } else if (wasEmpty) {
            status = Status.HOLDS;
            expected = "any (the table was empty)";
        } else {
            status = after.isPresent() && change.signum() == 0 ? Status.HOLDS : Status.VIOLATED;
            expected = "unchanged";
        }
        return new InvariantResult(check, before.toPlainString(), shownAfter, expected, status, how, List.of());
    }

    private static Status judged(ChangeRange r, BigDecimal before, BigDecimal change) {
        if (!r.contains(change, before)) {
            return Status.VIOLATED;
        }
        return change.signum() == 0 ? Status.HOLDS : Status.CHANGED_AS_DECLARED;
    }

    static String signed(BigDecimal v) {
        return (v.signum() >= 0 ? "+" : "") + v.toPlainString();
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
