package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.ColumnDef;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TypeName;
import java.util.Optional;

/**
 * Money in binary floating point ({@code real}, {@code double precision}, {@code float}) cannot hold 0.10
 * exactly and drifts in sums; PostgreSQL's {@code money} type depends on the server's locale (lc_monetary).
 */
public final class MoneyAsFloat implements Rule {

    @Override
    public String id() {
        return "money-as-float";
    }

    @Override
    public Risk risk() {
        return Risk.CRITICAL;
    }

    @Override
    public String title() {
        return "Money stored as float, real, double precision or money";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action a : statement.actions()) {
            if (a instanceof Action.CreateTable ct) {
                ct.columns().forEach(c -> check(ct.table(), c.name(), c.type(), context, out));
            } else if (a instanceof Action.AddColumn ac) {
                ColumnDef c = ac.column();
                check(ac.table(), c.name(), c.type(), context, out);
            } else if (a instanceof Action.AlterColumnType at) {
                check(at.table(), at.column(), at.type(), context, out);
            }
        }
    }

    private void check(Relation table, String column, TypeName type, LintContext context, Findings out) {
        boolean moneyType = type.is("money");
        if (!moneyType && !(type.isFloat() && context.money().matches(column))) {
            return;
        }
        String why = moneyType
                ? "the money type formats and parses by the server's lc_monetary, so a dump restored elsewhere can"
                        + " change amounts"
                : type.written() + " is binary floating point: 0.10 has no exact value and sums drift";
        out.add(this, table.display() + "." + column + " holds money as " + type.written() + "; " + why,
                Optional.empty(), Work.CATALOG,
                "-- exact decimal with the currency's scale (or bigint minor units, e.g. cents)\n"
                        + column + " numeric(19, 4) -- or: " + column + "_minor bigint");
    }
}
