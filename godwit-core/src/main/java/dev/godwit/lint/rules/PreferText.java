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
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TypeName;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code varchar(n)} and {@code char(n)} put a length limit in the type, where changing it can rewrite the
 * table; {@code char(n)} also pads. {@code text} with a CHECK does the same job and changes without a rewrite.
 */
public final class PreferText implements Rule {

    @Override
    public String id() {
        return "prefer-text";
    }

    @Override
    public Risk risk() {
        return Risk.LOW;
    }

    @Override
    public String title() {
        return "char(n) or varchar(n) instead of text with a CHECK";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Typed t : DataRules.typed(statement, true)) {
            TypeName type = t.type();
            boolean varchar = type.base().equals("varchar") && type.length().isPresent();
            boolean bpchar = type.base().equals("char") && !unlimited(type);
            if (!varchar && !bpchar) {
                continue;
            }
            Optional<Integer> n = bpchar && type.length().isEmpty() ? Optional.of(1) : type.length();
            String why = varchar
                    ? "the limit lives in the type: raising it later is a catalog change, but lowering it rewrites the"
                            + " table under ACCESS EXCLUSIVE"
                    : "values are blank-padded to the length" + (type.length().isEmpty() && n.isPresent()
                            ? " (char without a length is char(1))" : "") + ", trailing blanks are ignored by = but"
                            + " not by LIKE, regular expressions or the application, and changing the length later"
                            + " rewrites the table even when it grows";
            String money = t.isColumn() && context.money().matches(t.column())
                    ? "; and if it holds an amount, a string type is wrong altogether: numeric(19, 4)" : "";
            out.add(this, t.where() + " is " + type.written() + ": " + why + "; text with a CHECK on its length costs"
                    + " the same, and the CHECK can be changed without a rewrite" + money,
                    Optional.empty(), Work.CATALOG, safer(t, n));
        }
    }

    /** {@code bpchar} without a length: of any length, so nothing is padded and no length can change. */
    private static boolean unlimited(TypeName type) {
        return type.length().isEmpty() && type.written().trim().toLowerCase(Locale.ROOT).startsWith("bpchar");
    }

    private static String safer(Typed t, Optional<Integer> n) {
        String arr = t.type().array() ? "[]" : "";
        if (t.source() == Source.DOMAIN) {
            return "CREATE DOMAIN " + table(t.table()) + " AS text" + arr
                    + n.map(k -> " CHECK (char_length(VALUE) <= " + k + ")").orElse("") + ";";
        }
        String c = ident(t.column());
        String check = t.type().array() ? "" : n.map(k -> " CHECK (char_length(" + c + ") <= " + k + ")").orElse("");
        if (t.source() == Source.ALTER_TYPE) {
            String name = ident(t.table().name() + "_" + t.column() + "_length");
            return "ALTER TABLE " + table(t.table()) + " ALTER COLUMN " + c + " TYPE text" + arr
                    + "; -- from varchar: a catalog change; from char(n): a rewrite that also drops the padding\n"
                    + (check.isEmpty() ? "" : "ALTER TABLE " + table(t.table()) + " ADD CONSTRAINT " + name + check
                            + " NOT VALID;\n" + "ALTER TABLE " + table(t.table()) + " VALIDATE CONSTRAINT " + name
                            + "; -- scans under SHARE UPDATE EXCLUSIVE: reads and writes go on\n")
                    + "-- a new limit later: add the new CHECK NOT VALID, VALIDATE it, drop the old one";
        }
        return c + " text" + arr + check
                + "\n-- a new limit later: add the new CHECK NOT VALID, VALIDATE it, drop the old one — no rewrite";
    }
}
