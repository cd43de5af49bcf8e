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
import java.util.Locale;
import java.util.Optional;

/**
 * {@code timestamp without time zone} stores a wall-clock reading without its offset: the instant it means
 * depends on who wrote it, and local times around DST changes are ambiguous.
 */
public final class PreferTimestamptz implements Rule {

    @Override
    public String id() {
        return "prefer-timestamptz";
    }

    @Override
    public Risk risk() {
        return Risk.MEDIUM;
    }

    @Override
    public String title() {
        return "timestamp without time zone instead of timestamptz";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Typed t : DataRules.typed(statement, true)) {
            if (!t.type().base().equals("timestamp")) {
                continue;
            }
            String written = t.type().written();
            out.add(this, t.where() + " is " + written + (written.toLowerCase(Locale.ROOT).contains("without") ? ""
                    : " (without time zone)") + ": it stores a wall-clock"
                    + " reading with no offset, so the instant it means depends on the TimeZone of the session that"
                    + " wrote it; comparing it with now() or a timestamptz converts it with the reader's TimeZone, and"
                    + " around DST changes one local time is two instants (cut-offs, value dates and statement periods"
                    + " shift by an hour)", Optional.empty(), Work.CATALOG, safer(t, context));
        }
    }

    private static String safer(Typed t, LintContext context) {
        String type = "timestamptz" + precision(t) + (t.type().array() ? "[]" : "");
        if (t.source() == Source.DOMAIN) {
            return "CREATE DOMAIN " + table(t.table()) + " AS " + type + ";";
        }
        String convert = "ALTER TABLE " + table(t.table()) + " ALTER COLUMN " + ident(t.column()) + " TYPE " + type
                + ";";
        if (t.source() == Source.ALTER_TYPE) {
            return (context.pgVersion() >= 12
                    ? "-- from timestamp, with the session in UTC, PostgreSQL 12+ converts without a rewrite (right"
                            + " only if the stored values are UTC)\nSET LOCAL TimeZone = 'UTC';\n" : "")
                    + convert;
        }
        return ident(t.column()) + " " + type + "\n"
                + "-- an existing timestamp column: with the session in UTC, PostgreSQL 12+ converts it without a"
                + " rewrite (right only if the stored values are UTC)\n"
                + "-- SET LOCAL TimeZone = 'UTC'; " + convert;
    }

    /** {@code timestamp(3)} keeps its fractional-second precision. */
    private static String precision(Typed t) {
        return t.type().modifiers().isEmpty() ? "" : "(" + t.type().modifiers().get(0) + ")";
    }
}
