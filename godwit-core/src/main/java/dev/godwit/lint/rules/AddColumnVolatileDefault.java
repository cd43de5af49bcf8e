package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action.AddColumn;
import dev.godwit.sql.analysis.ColumnDef;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.StatementAnalysis;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.godwit.sql.analysis.TableLock;
import dev.godwit.sql.analysis.Volatility;

/**
 * ADD COLUMN whose existing rows each need their own value — a volatile default ({@code gen_random_uuid()},
 * {@code clock_timestamp()}), a serial, an identity or a stored generated column, or any non-null default
 * before PostgreSQL 11 — rewrites the table under ACCESS EXCLUSIVE.
 */
public final class AddColumnVolatileDefault implements Rule {

    @Override
    public String id() {
        return "add-column-volatile-default";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "Column added with a default that rewrites the table";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (AddColumn add : statement.of(AddColumn.class)) {
            ColumnDef c = add.column();
            if (context.isNew(add.table()) || !rewrites(c, context)) {
                continue;
            }
            String table = add.table().display();
            out.add(this, "ADD COLUMN " + c.name() + " " + why(c, context) + ", so PostgreSQL rewrites "
                    + table + " to store a value in every existing row",
                    new TableLock(add.table(), LockMode.ACCESS_EXCLUSIVE), Work.REWRITE, safer(table, c));
        }
    }

    static boolean rewrites(ColumnDef c, LintContext context) {
        if (c.generated() || c.type().isSerial()) {
            return true;
        }
        if (context.pgVersion() < 11) {
            return c.defaultExpr().isPresent() && !c.defaultExpr().get().trim().equalsIgnoreCase("null");
        }
        if (c.defaultVolatility() == Volatility.UNKNOWN) {
            return declared(c.defaultExpr().orElse(""), context).rewrites();
        }
        return c.defaultVolatility().rewrites();
    }

    private static final Pattern CALL = Pattern.compile("([A-Za-z_][\\w$]*)\"?\\s*\\(");

    /**
     * The volatility of a default that calls functions Godwit does not know by itself: as the catalog or an
     * earlier CREATE FUNCTION declares them (PostgreSQL decides from the declaration too); unknown if one is not
     * declared anywhere.
     */
    private static Volatility declared(String expr, LintContext context) {
        Volatility worst = Volatility.CONSTANT;
        Matcher m = CALL.matcher(expr);
        while (m.find()) {
            Volatility v = Volatility.ofFunction(m.group(1));
            if (v == Volatility.UNKNOWN) {
                v = context.schema().functionVolatility(m.group(1)).orElse(Volatility.UNKNOWN);
            }
            worst = v.compareTo(worst) > 0 ? v : worst;
        }
        return worst;
    }

    private static String why(ColumnDef c, LintContext context) {
        int pgVersion = context.pgVersion();
        if (c.type().isSerial()) {
            return "is a " + c.type().base() + " (a nextval() default, evaluated per row)";
        }
        if (c.generated()) {
            return "is generated (identity or stored expression), computed for every row";
        }
        if (pgVersion < 11) {
            return "has a default, and before PostgreSQL 11 every default is written into each row";
        }
        String expr = c.defaultExpr().orElse("");
        return c.defaultVolatility() == Volatility.UNKNOWN && declared(expr, context) == Volatility.UNKNOWN
                ? "has the default " + expr + ", which calls a function Godwit cannot tell is not volatile"
                : "has the volatile default " + expr + ", evaluated per row";
    }

    private static String safer(String table, ColumnDef c) {
        String type = c.type().isSerial() ? c.type().base().replace("serial", "int").replace("bigint", "bigint")
                : c.type().written();
        String expr = c.defaultExpr().orElse("<value>");
        return "-- 1. add the column without the default (a catalog change)\n"
                + "ALTER TABLE " + table + " ADD COLUMN " + c.name() + " " + type + ";\n"
                + "-- 2. new rows get the default from now on\n"
                + "ALTER TABLE " + table + " ALTER COLUMN " + c.name() + " SET DEFAULT " + expr + ";\n"
                + "-- 3. backfill existing rows in batches, in a later migration file of its own (docs/backfills.md)\n"
                + "-- godwit:batch size=10000 pause=50ms\n"
                + "UPDATE " + table + " SET " + c.name() + " = " + expr + " WHERE " + c.name() + " IS NULL;";
    }
}
