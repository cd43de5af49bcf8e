package dev.godwit.integrity;

import dev.godwit.config.ChangeRange;

import dev.godwit.config.Expectation;

import dev.godwit.config.InvariantSpec;

import dev.godwit.config.CheckSettings;

import dev.godwit.config.MoneyNames;
import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.MigrationScript;
import dev.godwit.sql.ExpectChange;
import dev.godwit.sql.FileDirectives;
import dev.godwit.sql.InvariantDirective;
import dev.godwit.sql.Placeholders;
import dev.godwit.sql.SqlScript;
import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.SqlSyntaxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a migration's data invariants: {@link #before} at the start of its transaction, {@link Watch#after}
 * just before its COMMIT. The invariants are the built-in ones (for every existing table the migration
 * touches: no rows lost, money sums unchanged), those of {@code [[checks.invariant]]}, and the file's own
 * {@code -- godwit:invariant} lines; {@code -- godwit:expect-change} lines excuse declared changes.
 *
 * <p>Down scripts get no built-in invariants (undoing a change is what they are for) but keep the others.
 */
public final class InvariantGuard {

    private final CheckSettings settings;
    private final MoneyNames money;
    private final Map<String, String> placeholders;

    public InvariantGuard(CheckSettings settings, MoneyNames money, Map<String, String> placeholders) {
        this.settings = settings;
        this.money = money;
        this.placeholders = Map.copyOf(placeholders);
    }

    /**
     * Measures everything the migration's invariants need from before it; call it on the migration's
     * connection, inside its transaction when it has one, before its first statement.
     *
     * @param statements the SQL the migration will run, placeholders replaced
     */
    public Watch before(Connection c, MigrationScript script, List<String> statements) throws SQLException {
        return before(c, script, statements, Optional.empty());
    }

    /**
     * A batch of a backfill: the built-in checks of its table count and sum only the rows of {@code condition} (the
     * batch's key range, written against the table's own columns), before and after the batch.
     */
    public record Scope(long tableOid, String condition) {}

    /** {@link #before(Connection, MigrationScript, List)}, with the built-in checks of one table kept to a scope. */
    public Watch before(Connection c, MigrationScript script, List<String> statements, Optional<Scope> scope)
            throws SQLException {
        long started = System.nanoTime();
        boolean transactional = !c.getAutoCommit();
        FileDirectives directives = directives(script);
        List<BuiltInCheck> tables = new ArrayList<>();
        if (settings.enabled() && script.kind() != MigrationKind.UNDO) {
            Set<Long> seen = new HashSet<>();
            for (TouchedTables.Touch t : TouchedTables.of(parse(statements))) {
                Optional<TableTotals.Table> table = TableTotals.resolve(c, t.table(), t.truncated(), money)
                        .map(x -> scope.filter(sc -> sc.tableOid() == x.oid()).map(sc -> x.within(sc.condition()))
                                .orElse(x));
                if (table.isPresent() && seen.add(table.get().oid())) {
                    tables.add(BuiltInCheck.before(c, table.get(), settings, transactional));
                }
            }
        }
        List<UserCheck> users = new ArrayList<>();
        for (InvariantSpec spec : specs(script, directives)) {
            users.add(UserCheck.before(c, spec));
        }
        return new Watch(tables, users, declarations(script, directives), transactional, System.nanoTime() - started);
    }

    /** What was measured before; {@link #after} compares. */
    public static final class Watch {
        private final List<BuiltInCheck> tables;
        private final List<UserCheck> users;
        private final Declarations declared;
        private final boolean transactional;
        private final long beforeNanos;

        private Watch(List<BuiltInCheck> tables, List<UserCheck> users, Declarations declared,
                      boolean transactional, long beforeNanos) {
            this.tables = tables;
            this.users = users;
            this.declared = declared;
            this.transactional = transactional;
            this.beforeNanos = beforeNanos;
        }

        /** Measures again, after the migration's last statement and before its COMMIT, and judges. */
        public GuardResult after(Connection c) throws SQLException {
            long started = System.nanoTime();
            List<InvariantResult> results = new ArrayList<>();
            for (BuiltInCheck t : tables) {
                results.addAll(t.after(c, declared));
            }
            for (UserCheck u : users) {
                results.add(u.after(c, declared));
            }
            results.addAll(declared.unused());
            return new GuardResult(results, Duration.ofNanos(beforeNanos + System.nanoTime() - started), transactional);
        }
    }

    /** The configured invariants, then the file's own, their SQL with placeholders replaced. */
    private List<InvariantSpec> specs(MigrationScript script, FileDirectives d) throws SQLException {
        List<InvariantSpec> out = new ArrayList<>();
        if (settings.runs("invariant")) {
            out.addAll(settings.invariants());
        }
        for (InvariantDirective i : d.invariants()) {
            String origin = script.script() + ":" + i.line();
            Expectation e = Expectation.parse(i.expectation()).orElseThrow(() -> new IllegalStateException(
                    origin + ": the directive's expectation was not checked when the file was read"));
            out.add(new InvariantSpec(i.name(), replaced(i.sql(), origin), e, origin));
        }
        return out;
    }

    private Declarations declarations(MigrationScript script, FileDirectives d) {
        List<Declarations.Declared> out = new ArrayList<>();
        for (ExpectChange x : d.expectChanges()) {
            String origin = script.script() + ":" + x.line();
            ChangeRange r = ChangeRange.parse(x.range()).orElseThrow(() -> new IllegalStateException(
                    origin + ": the directive's range was not checked when the file was read"));
            out.add(new Declarations.Declared(x.target(), r, origin));
        }
        return new Declarations(out);
    }

    private String replaced(String sql, String origin) throws SQLException {
        try {
            return Placeholders.replace(sql, placeholders);
        } catch (SqlSyntaxException e) {
            throw new SQLException("invariant at " + origin + ": " + e.problem());
        }
    }

    /** The file was read when the run was planned; its directives cannot fail to read now. */
    private static FileDirectives directives(MigrationScript script) {
        try {
            return SqlScript.parse(script.text()).directives();
        } catch (SqlSyntaxException e) {
            return FileDirectives.none();
        }
    }

    private static List<SqlStatement> parse(List<String> statements) {
        List<SqlStatement> out = new ArrayList<>();
        for (String sql : statements) {
            try {
                out.addAll(SqlScript.parse(sql).statements());
            } catch (SqlSyntaxException e) {
                // it ran (or will run) as PostgreSQL reads it; a statement we cannot read names no table here
            }
        }
        return out;
    }
}
