package dev.godwit.lint.rules;

import static dev.godwit.lint.rules.DataRules.ident;
import static dev.godwit.lint.rules.DataRules.table;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import dev.godwit.sql.analysis.TypeName;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ALTER COLUMN … TYPE that gives a money column fewer decimals than it had rounds every stored amount, silently.
 * The old type must be known ({@code context.columnType}): without it nothing is reported.
 */
public final class MoneyScaleLowered implements Rule {

    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");

    /** A money column's type change that lowers its scale: {@code oldScale} empty for numeric without a scale. */
    record Lowering(TypeName old, Optional<Integer> oldScale, int newScale) {}

    @Override
    public String id() {
        return "money-scale-lowered";
    }

    @Override
    public Risk risk() {
        return Risk.CRITICAL;
    }

    @Override
    public String title() {
        return "Money column's scale lowered: every amount is rounded";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.AlterColumnType at : statement.of(Action.AlterColumnType.class)) {
            lowering(at, context).ifPresent(l -> report(at, l, out));
        }
    }

    private void report(Action.AlterColumnType at, Lowering l, Findings out) {
        String col = at.table().display() + "." + at.column();
        String from = l.oldScale().map(s -> "from " + s + " decimals (" + l.old().written() + ")")
                .orElse("from any number of decimals (" + l.old().written() + " has no scale)");
        out.add(this, "TYPE " + at.type().written() + " lowers the scale of " + col + " " + from + " to "
                + l.newScale() + ": every amount with more decimals is rounded half away from zero, silently, in every"
                + " row (" + example(l.newScale()) + "), while the rewrite holds ACCESS EXCLUSIVE on "
                + at.table().display(), new TableLock(at.table(), LockMode.ACCESS_EXCLUSIVE), Work.REWRITE,
                safer(at, l));
    }

    /**
     * The scale lowering {@code at} makes to a money column of an existing table, when the old type is known to
     * be numeric, the new type is numeric with a scale or an integer, and any USING is the column itself.
     */
    static Optional<Lowering> lowering(Action.AlterColumnType at, LintContext context) {
        if (!context.money().matches(at.column()) || context.isNew(at.table()) || !plainUsing(at)) {
            return Optional.empty();
        }
        Optional<TypeName> old = context.columnType(at.table(), at.column());
        Optional<Integer> newScale = INTEGERS.contains(at.type().base()) && !at.type().array() ? Optional.of(0)
                : at.type().is("numeric") ? at.type().scale() : Optional.empty();
        if (old.isEmpty() || !old.get().is("numeric") || newScale.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> oldScale = old.get().scale();
        if (oldScale.isPresent() && oldScale.get() <= newScale.get()) {
            return Optional.empty();
        }
        return Optional.of(new Lowering(old.get(), oldScale, newScale.get()));
    }

    /** No USING, or a USING that is the column (cast or not): anything else may scale the amounts on purpose. */
    private static boolean plainUsing(Action.AlterColumnType at) {
        if (at.using().isEmpty()) {
            return true;
        }
        String u = at.using().get().replaceAll("\\s+", "");
        String c = Pattern.quote(at.column());
        return u.matches("(?i)\\(?(\"" + c + "\"|" + c + ")\\)?(::.*)?");
    }

    /** {@code 10.005 becomes 10.01}, {@code 10.5 becomes 11}: what rounding to {@code scale} does. */
    static String example(int scale) {
        if (scale == 0) {
            return "10.50 becomes 11";
        }
        String zeros = "0".repeat(scale - 1);
        return "10." + zeros + "05 becomes 10." + zeros + "1";
    }

    private static String safer(Action.AlterColumnType at, Lowering l) {
        String t = table(at.table());
        String c = ident(at.column());
        String name = ident(at.table().name() + "_" + at.column() + "_scale");
        return "-- count the amounts that would change:\n"
                + "SELECT count(*) FROM " + t + " WHERE " + c + " <> round(" + c + ", " + l.newScale() + ");\n"
                + "-- keep the column's scale; to stop new amounts having more decimals, a CHECK (NOT VALID: no scan"
                + " now, VALIDATE later under SHARE UPDATE EXCLUSIVE):\n"
                + "ALTER TABLE " + t + " ADD CONSTRAINT " + name + " CHECK (" + c + " = round(" + c + ", "
                + l.newScale() + ")) NOT VALID;\n"
                + "-- if amounts really must be rounded, do it as a reviewed, recorded data change (UPDATE … SET " + c
                + " = round(" + c + ", " + l.newScale() + ") in batches, snapshotted), not as a side effect of a"
                + " type change";
    }
}
