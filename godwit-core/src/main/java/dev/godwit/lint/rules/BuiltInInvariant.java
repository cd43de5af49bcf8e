package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.TableModel;
import dev.godwit.lint.Work;
import dev.godwit.sql.ExpectChange;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TypeName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Predicts the built-in integrity checks {@code migrate} runs around a migration (docs/integrity.md): a DELETE
 * from an existing table fails "no rows lost" ({@code <table>.rows}), an INSERT into or an UPDATE of a money
 * column of an existing table changes its sum ({@code <table>.<column>}). Undeclared, {@code migrate} stops
 * with exit 6 after doing the work and reverts the migration; the finding says so before, with the
 * {@code -- godwit:expect-change} line that declares the change. Down scripts get no built-in checks.
 */
public final class BuiltInInvariant implements Rule {

    @Override
    public String id() {
        return "built-in-invariant";
    }

    @Override
    public Risk risk() {
        return Risk.MEDIUM;
    }

    @Override
    public String title() {
        return "Data change the built-in integrity checks refuse unless declared";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        if (context.undoes().down()) {
            return;
        }
        for (Action a : statement.actions()) {
            if (a instanceof Action.Delete d && existing(d.table(), context)) {
                report(out, context, d.table(), "rows", "DELETE removes rows from " + d.table().display()
                        + ": the built-in check " + d.table().name() + ".rows (no rows lost) fails when it deletes"
                        + " one", "..0");
                moneyColumns(d.table(), context).forEach(c -> report(out, context, d.table(), c, "DELETE changes"
                        + " the sum of the money column " + d.table().name() + "." + c + ", which the built-in check"
                        + " keeps unchanged", "any"));
            } else if (a instanceof Action.Update u && existing(u.table(), context)) {
                // Only the columns it sets: looking at every column of the table for each UPDATE cost more.
                context.schema().table(u.table()).ifPresent(t -> u.columns().stream()
                        .filter(c -> t.columns().containsKey(c) && money(c, t.columns().get(c), context))
                        .forEach(c -> report(out, context, u.table(), c, "UPDATE sets the money column "
                                + u.table().name() + "." + c + ": the built-in check keeps its sum unchanged", "any")));
            } else if (a instanceof Action.Insert i && existing(i.table(), context)) {
                moneyColumns(i.table(), context).forEach(c -> report(out, context, i.table(), c, "INSERT adds"
                        + " to the sum of the money column " + i.table().name() + "." + c + ", which the built-in"
                        + " check keeps unchanged on a table that had rows", "any"));
            }
        }
    }

    private static boolean existing(Relation t, LintContext context) {
        return !context.isNew(t) && !context.absent(t);
    }

    private void report(Findings out, LintContext context, Relation table, String what, String why, String range) {
        if (declared(context, table, what)) {
            return;
        }
        String line = "-- godwit:expect-change " + table.name() + "." + what + " " + range;
        out.add(this, why + ", so `migrate` stops with exit 6 after the migration ran and reverts it, unless the"
                + " file declares the change: " + line, Optional.empty(), Work.ROWS,
                "-- declare the change at the top of the file (a narrower range than `any` catches more mistakes):\n"
                        + line);
    }

    /** True when an expect-change line of the file covers {@code table.what} ({@code .rows}, a column, {@code .*}). */
    private static boolean declared(LintContext context, Relation table, String what) {
        for (ExpectChange x : context.declaredChanges()) {
            String t = x.target().toLowerCase(Locale.ROOT);
            String bare = t.contains(".") && t.indexOf('.') != t.lastIndexOf('.') ? t.substring(t.indexOf('.') + 1) : t;
            String name = table.name().toLowerCase(Locale.ROOT);
            if (bare.equals(name + ".*") || bare.equals(name + "." + what)
                    || bare.equals(name + ".sum(" + what + ")")) {
                return true;
            }
        }
        return false;
    }

    /** The table's columns the integrity checks sum: numeric, float or money types with a money name. */
    private static List<String> moneyColumns(Relation table, LintContext context) {
        return context.schema().table(table).map(t -> t.summedMoneyColumns(context.money())).orElse(List.of());
    }

    private static boolean money(String name, TypeName type, LintContext context) {
        return TableModel.summedMoney(name, type, context.money());
    }
}
