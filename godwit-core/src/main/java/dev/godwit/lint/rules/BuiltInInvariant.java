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
import java.util.ArrayList;
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
        // One finding per action, naming every check it trips: an INSERT into a table with six money columns is one
        // thing to declare, not six findings (a third of lint's findings on a large corpus were such repeats).
        for (Action a : statement.actions()) {
            if (a instanceof Action.Delete d && existing(d.table(), context)) {
                String t = d.table().name();
                List<String> money = undeclared(context, d.table(), moneyColumns(d.table(), context));
                boolean rows = !declared(context, d.table(), "rows");
                if (!rows && money.isEmpty()) {
                    continue;
                }
                String why = "DELETE removes rows from " + d.table().display() + ": "
                        + (rows ? "the built-in check " + t + ".rows (no rows lost) fails when it deletes one" : "")
                        + (rows && !money.isEmpty() ? ", and " : "")
                        + (money.isEmpty() ? "" : "it changes the " + sums(t, money) + ", which the built-in check"
                        + " keeps unchanged");
                List<String> lines = new ArrayList<>();
                if (rows) {
                    lines.add(line(t, "rows", "..0"));
                }
                money.forEach(c -> lines.add(line(t, c, "any")));
                report(out, why, lines);
            } else if (a instanceof Action.Update u && existing(u.table(), context)) {
                // Only the columns it sets: looking at every column of the table for each UPDATE cost more.
                Optional<TableModel> table = context.schema().table(u.table());
                if (table.isEmpty()) {
                    continue;
                }
                List<String> set = u.columns().stream().filter(c -> table.get().columns().containsKey(c)
                        && money(c, table.get().columns().get(c), context)).toList();
                List<String> money = undeclared(context, u.table(), set);
                if (!money.isEmpty()) {
                    report(out, "UPDATE sets " + columns(u.table().name(), money) + ": the built-in check keeps "
                            + (money.size() == 1 ? "its sum" : "their sums") + " unchanged",
                            money.stream().map(c -> line(u.table().name(), c, "any")).toList());
                }
            } else if (a instanceof Action.Insert i && existing(i.table(), context)) {
                List<String> money = undeclared(context, i.table(), moneyColumns(i.table(), context));
                if (!money.isEmpty()) {
                    report(out, "INSERT adds to the " + sums(i.table().name(), money) + ", which the built-in check"
                            + " keeps unchanged on a table that had rows",
                            money.stream().map(c -> line(i.table().name(), c, "any")).toList());
                }
            }
        }
    }

    /** An existing table whose built-in checks run ({@code [checks] relaxed} skips them). */
    private static boolean existing(Relation t, LintContext context) {
        return !context.isNew(t) && !context.absent(t) && !context.relaxed(t);
    }

    private static List<String> undeclared(LintContext context, Relation table, List<String> columns) {
        if (columns.isEmpty()) {
            return columns;
        }
        return columns.stream().filter(c -> !declared(context, table, c)).toList();
    }

    /** "sum of the money column t.a", "sums of the money columns t.a, t.b". */
    private static String sums(String table, List<String> columns) {
        return (columns.size() == 1 ? "sum of the " : "sums of the ") + columns(table, columns);
    }

    private static String columns(String table, List<String> columns) {
        return (columns.size() == 1 ? "money column " : "money columns ")
                + String.join(", ", columns.stream().map(c -> table + "." + c).toList());
    }

    private static String line(String table, String what, String range) {
        return "-- godwit:expect-change " + table + "." + what + " " + range;
    }

    private void report(Findings out, String why, List<String> lines) {
        out.add(this, why + ", so `migrate` stops with exit 6 after the migration ran and reverts it, unless the"
                + " file declares the change: " + String.join("; ", lines), Optional.empty(), Work.ROWS,
                "-- declare the change at the top of the file (a narrower range than `any` catches more mistakes):\n"
                        + String.join("\n", lines));
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
