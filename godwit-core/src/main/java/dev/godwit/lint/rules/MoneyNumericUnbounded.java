package dev.godwit.lint.rules;

import static dev.godwit.lint.rules.DataRules.ident;
import static dev.godwit.lint.rules.DataRules.table;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.lint.rules.DataRules.Source;
import dev.godwit.lint.rules.DataRules.Typed;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TypeName;
import java.util.Optional;

/**
 * A money column as {@code numeric} without precision and scale (any scale at all) or with scale 0 (amounts
 * rounded to whole units on write). Unbounded numeric loses nothing, so it is advice (low); scale 0 rounds every
 * amount on write, so it is high. A type change that lowers a known scale is money-scale-lowered's.
 */
public final class MoneyNumericUnbounded implements Rule {

    @Override
    public String id() {
        return "money-numeric-unbounded";
    }

    @Override
    public Risk risk() {
        return Risk.LOW; // unbounded numeric loses nothing: advice; scale 0 rounds on write: high
    }

    @Override
    public String title() {
        return "Money column as numeric without a scale, or with scale 0";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Typed t : DataRules.typed(statement, false)) {
            TypeName type = t.type();
            if (!type.is("numeric") || !context.money().matches(t.column())
                    || type.scale().isPresent() && type.scale().get() > 0 || scaleLowered(statement, t, context)) {
                continue;
            }
            String why = type.scale().isEmpty()
                    ? "numeric without precision and scale keeps whatever decimals each write brings (10.005 next to"
                            + " 10.01), so sums carry fractions of a cent that no invoice or ledger shows, rounding is"
                            + " left to every application separately, and nothing bounds the magnitude"
                    : "scale 0: every amount is rounded to a whole unit on write, silently (10.50 is stored as 11);"
                            + " right only for minor units (cents) or currencies without decimals, and for those bigint"
                            + " is smaller and faster";
            if (t.source() == Source.ALTER_TYPE && type.scale().isPresent()) {
                why += "; this change also rounds the amounts already stored, if the old type had decimals (Godwit"
                        + " does not know it here)";
            }
            out.add(Graded.at(this, type.scale().isEmpty() ? Risk.LOW : Risk.HIGH), t.where() + " holds money as " + type.written() + ": " + why, Optional.empty(),
                    Work.CATALOG, safer(t, context));
        }
    }

    /** An ALTER … TYPE that money-scale-lowered reports (it says more: it rounds what is stored). */
    private static boolean scaleLowered(StatementAnalysis statement, Typed t, LintContext context) {
        return t.source() == Source.ALTER_TYPE && statement.of(Action.AlterColumnType.class).stream()
                .filter(at -> at.table().sameAs(t.table()) && at.column().equals(t.column()))
                .anyMatch(at -> MoneyScaleLowered.lowering(at, context).isPresent());
    }

    private static String safer(Typed t, LintContext context) {
        String c = ident(t.column());
        String scales = " -- the scale your currencies need: 2 for EUR/USD, 0 for JPY, 3 for BHD/KWD; 4 leaves room"
                + " for rates and prorations";
        if (t.source() != Source.ALTER_TYPE) {
            return c + " numeric(19, 4) NOT NULL" + scales + "\n-- or minor units: " + ident(t.column() + "_minor")
                    + " bigint NOT NULL";
        }
        String tb = table(t.table());
        Optional<TypeName> old = context.columnType(t.table(), t.column());
        if (old.isPresent() && old.get().is("numeric") && old.get().scale().isPresent()) {
            return "-- keep the scale; more room for larger amounts is a wider precision, a catalog change (no"
                    + " rewrite):\nALTER TABLE " + tb + " ALTER COLUMN " + c + " TYPE numeric(19, "
                    + old.get().scale().get() + ");";
        }
        String name = ident(t.table().name() + "_" + t.column() + "_scale");
        return "ALTER TABLE " + tb + " ALTER COLUMN " + c + " TYPE numeric(19, 4);" + scales + "\n"
                + "-- or, on a large table, bound the scale without a rewrite: a CHECK, NOT VALID now, VALIDATE later\n"
                + "ALTER TABLE " + tb + " ADD CONSTRAINT " + name + " CHECK (scale(" + c + ") <= 4) NOT VALID;";
    }
}
