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
import java.util.Optional;

/** {@code json} keeps the text as written and parses it on every access; {@code jsonb} is what queries want. */
public final class PreferJsonb implements Rule {

    @Override
    public String id() {
        return "prefer-jsonb";
    }

    @Override
    public Risk risk() {
        return Risk.LOW;
    }

    @Override
    public String title() {
        return "json instead of jsonb";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Typed t : DataRules.typed(statement, true)) {
            if (!t.type().base().equals("json")) {
                continue;
            }
            out.add(this, t.where() + " is " + t.type().written() + ": PostgreSQL stores json as text and parses it"
                    + " again on every access, it has no equality operator (no DISTINCT, GROUP BY, UNION, unique or"
                    + " GIN index on it), and it keeps whitespace, key order and duplicate keys",
                    Optional.empty(), Work.CATALOG, safer(t));
        }
    }

    private static String safer(Typed t) {
        String type = t.type().array() ? "jsonb[]" : "jsonb";
        String keep = "\n-- keep json only when the exact text matters (a signed webhook body): store it as text, and"
                + " a jsonb copy for queries";
        if (t.source() == Source.DOMAIN) {
            return "CREATE DOMAIN " + table(t.table()) + " AS " + type + ";" + keep;
        }
        if (t.source() == Source.ALTER_TYPE) {
            return "ALTER TABLE " + table(t.table()) + " ALTER COLUMN " + ident(t.column()) + " TYPE " + type
                    + " USING " + ident(t.column()) + "::" + type + ";" + keep;
        }
        return ident(t.column()) + " " + type + keep;
    }
}
