package dev.godwit.integrity;

import dev.godwit.config.Expectation;

import dev.godwit.config.ChangeRange;

import dev.godwit.config.InvariantSpec;

import dev.godwit.integrity.InvariantResult.Status;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One user-defined invariant around one migration. Its query runs before and after; a query whose table or
 * column does not exist (yet, or any more) has no value rather than failing the migration, so an invariant
 * in godwit.toml does not stop the migration that creates its tables.
 */
final class UserCheck {

    /** undefined_table, undefined_column, invalid_schema_name, undefined_function. */
    private static final Set<String> MISSING = Set.of("42P01", "42703", "3F000", "42883");

    private final InvariantSpec spec;
    private final Optional<QueryValue> before;

    private UserCheck(InvariantSpec spec, Optional<QueryValue> before) {
        this.spec = spec;
        this.before = before;
    }

    static UserCheck before(Connection c, InvariantSpec spec) throws SQLException {
        return new UserCheck(spec, evaluate(c, spec));
    }

    /**
     * The query's result now; empty when what it reads does not exist. Inside a transaction the query runs
     * under a savepoint, so that such an error does not abort the migration's transaction.
     *
     * @throws SQLException any other error, its message naming the invariant and where it is defined
     */
    static Optional<QueryValue> evaluate(Connection c, InvariantSpec spec) throws SQLException {
        Savepoint sp = c.getAutoCommit() ? null : c.setSavepoint();
        try {
            QueryValue v = QueryValue.run(c, spec.sql());
            if (sp != null) {
                c.releaseSavepoint(sp);
            }
            return Optional.of(v);
        } catch (SQLException e) {
            if (sp != null) {
                c.rollback(sp);
            }
            if (MISSING.contains(e.getSQLState())) {
                return Optional.empty();
            }
            throw new SQLException("invariant '" + spec.name() + "' (" + spec.origin() + ") could not be evaluated: "
                    + e.getMessage(), e.getSQLState(), e);
        }
    }

    InvariantResult after(Connection c, Declarations declared) throws SQLException {
        Optional<QueryValue> now = evaluate(c, spec);
        Optional<ChangeRange> range = declared.forName(spec.name());
        Expectation e = spec.expect();
        String expected = range.map(r -> "change " + r).orElse(e.toString());
        String shownBefore = before.map(b -> b.display(e)).orElse("(cannot run)");
        if (now.isEmpty()) {
            Status s = before.isPresent() ? Status.VIOLATED : Status.SKIPPED;
            return result(shownBefore, "(cannot run: what it reads does not exist)", expected, s, List.of());
        }
        QueryValue a = now.get();
        if (e.comparesWithBefore() || range.isPresent()) {
            return result(shownBefore, a.display(e), expected, unchanged(a, range), List.of());
        }
        if (a.meets(e)) {
            return result(shownBefore, a.display(e), expected, Status.HOLDS, List.of());
        }
        boolean failedBefore = before.isPresent() && !before.get().meets(e) && before.get().sameAs(a);
        return result(shownBefore, a.display(e), expected, failedBefore ? Status.ALREADY_FAILING : Status.VIOLATED,
                a.rows());
    }

    private Status unchanged(QueryValue a, Optional<ChangeRange> range) {
        if (before.isEmpty()) {
            return Status.HOLDS; // nothing to compare with: what it reads is new
        }
        if (a.sameAs(before.get())) {
            return Status.HOLDS;
        }
        if (range.isEmpty()) {
            return Status.VIOLATED;
        }
        if (range.get().isAny()) {
            return Status.CHANGED_AS_DECLARED;
        }
        Optional<BigDecimal> b = before.get().numberOrZero();
        Optional<BigDecimal> n = a.numberOrZero();
        return b.isPresent() && n.isPresent() && range.get().contains(n.get().subtract(b.get()), b.get())
                ? Status.CHANGED_AS_DECLARED : Status.VIOLATED;
    }

    private InvariantResult result(String b, String a, String expected, Status s, List<String> evidence) {
        return new InvariantResult(spec.name(), b, a, expected, s, spec.origin(), evidence);
    }
}
