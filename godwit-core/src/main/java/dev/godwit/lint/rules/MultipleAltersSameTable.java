package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two ALTER TABLE statements on the same existing table, one right after the other as far as that table is
 * concerned, that could be one: when both scan or rewrite the table, PostgreSQL reads it twice where one ALTER
 * with comma-separated actions reads it once (medium); outside a transaction each also queues again for ACCESS
 * EXCLUSIVE (low). Inside a transaction two quick ALTERs cost nothing more than one, and are not reported.
 */
public final class MultipleAltersSameTable implements Rule {

    /** {@code ALTER TABLE [IF EXISTS] [ONLY] name} and the actions after it. */
    private static final Pattern HEAD = Pattern.compile(
            "(?is)^\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(?:\"[^\"]*\"|[^\\s\"])+\\s+(.*)$");

    @Override
    public String id() {
        return "multiple-alters-same-table";
    }

    @Override
    public Risk risk() {
        return Risk.LOW;
    }

    @Override
    public String title() {
        return "Several ALTER TABLE statements on one table that could be one";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        Optional<Relation> table = combinable(statement, context);
        if (table.isEmpty() || context.isNew(table.get())) {
            return;
        }
        previousAlter(table.get(), context).ifPresent(before -> report(statement, before, table.get(), context, out));
    }

    /** The table, when the statement is an ALTER TABLE whose actions could join another's. */
    private static Optional<Relation> combinable(StatementAnalysis s, LintContext context) {
        if (!s.kind().equals("ALTER TABLE") || s.actions().isEmpty() || s.locks(context.pgVersion()).isEmpty()) {
            return Optional.empty();
        }
        boolean all = s.actions().stream().allMatch(a -> a instanceof Action.AddColumn
                || a instanceof Action.DropColumn || a instanceof Action.AlterColumnType
                || a instanceof Action.SetNotNull || a instanceof Action.DropNotNull || a instanceof Action.SetDefault
                || a instanceof Action.AddConstraint || a instanceof Action.DropConstraint
                || a instanceof Action.OtherAlterTable o
                        && !o.what().toUpperCase(Locale.ROOT).startsWith("SET SCHEMA"));
        return all ? Optional.of(s.locks(context.pgVersion()).get(0).relation()) : Optional.empty();
    }

    /** The closest earlier statement touching the table, when it is a combinable ALTER TABLE of it. */
    private static Optional<StatementAnalysis> previousAlter(Relation table, LintContext context) {
        List<StatementAnalysis> earlier = context.inTransaction() ? context.earlierInTransaction()
                : context.earlierInFile();
        for (int i = earlier.size() - 1; i >= 0; i--) {
            StatementAnalysis s = earlier.get(i);
            if (s.has(Action.TransactionControl.class)) {
                return Optional.empty();
            }
            if (locks(s, table, context.pgVersion())) {
                return combinable(s, context).filter(table::sameAs).map(t -> s);
            }
        }
        return Optional.empty();
    }

    /** Plain loops: this runs for every earlier statement of a file, for every ALTER TABLE in it. */
    private static boolean locks(StatementAnalysis s, Relation table, int pgVersion) {
        List<TableLock> locks = s.locks(pgVersion);
        for (int i = 0; i < locks.size(); i++) {
            if (locks.get(i).relation().sameAs(table)) {
                return true;
            }
        }
        return false;
    }

    private void report(StatementAnalysis now, StatementAnalysis before, Relation table, LintContext context,
            Findings out) {
        boolean twice = passes(before, context) && Effects.of(now, context).map(Effects::heavy).orElse(true);
        if (!twice && context.inTransaction()) {
            return; // the lock is held already and at most one of them reads the table: nothing to gain
        }
        String t = table.display();
        String why = twice
                ? "both read or rewrite all of " + t + ", so PostgreSQL does it twice where one pass would do"
                : "each statement commits on its own and queues again for ACCESS EXCLUSIVE on " + t
                        + " behind running queries";
        out.add(Graded.at(this, twice ? Risk.MEDIUM : Risk.LOW), "ALTER TABLE " + t + " again: the ALTER TABLE " + t
                + " at line " + before.statement().line() + " could take these actions as well, comma-separated;"
                + " " + why, new TableLock(table, LockMode.ACCESS_EXCLUSIVE), twice ? Work.REWRITE : Work.CATALOG,
                "ALTER TABLE " + t + "\n  " + actions(before) + ",\n  " + actions(now) + ";");
    }

    /** An earlier ALTER … TYPE is taken as a pass: the schema already holds its new type, not the old one. */
    private static boolean passes(StatementAnalysis s, LintContext context) {
        return s.has(Action.AlterColumnType.class)
                || Effects.of(s, context).map(Effects::heavy).orElse(true);
    }

    private static String actions(StatementAnalysis s) {
        Matcher m = HEAD.matcher(s.statement().text());
        return m.matches() ? m.group(1).trim() : s.statement().text();
    }
}
