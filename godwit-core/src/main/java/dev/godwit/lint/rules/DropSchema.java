package dev.godwit.lint.rules;

import static dev.godwit.lint.rules.DataRules.ident;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.TokenCursor;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import java.util.Optional;

/**
 * DROP SCHEMA … CASCADE drops everything in the schema. Without CASCADE PostgreSQL refuses to drop a schema
 * that holds anything, so nothing can be lost and nothing is reported.
 */
public final class DropSchema implements Rule {

    @Override
    public String id() {
        return "drop-schema";
    }

    @Override
    public Risk risk() {
        return Risk.CRITICAL;
    }

    @Override
    public String title() {
        return "Schema dropped with everything in it";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.DropSchema ds : statement.of(Action.DropSchema.class)) {
            if (!ds.cascade()) {
                continue;
            }
            for (String schema : ds.schemas()) {
                if (createdEarlierInFile(context, schema)) {
                    continue;
                }
                out.add(this, "DROP SCHEMA " + schema + " CASCADE drops every table, view, sequence, function and type"
                        + " in " + schema + " with all their rows, and what depends on them elsewhere (views, foreign"
                        + " keys of other schemas' tables); it takes ACCESS EXCLUSIVE on every table in " + schema
                        + ", and Godwit's snapshots do not cover it", Optional.empty(), Work.CATALOG, safer(schema));
            }
        }
    }

    private static String safer(String schema) {
        String s = ident(schema);
        return "-- 1. take and verify a backup of the schema: pg_dump --format=custom --schema=" + s + "\n"
                + "-- 2. drop its tables by name, each reported and snapshotted on its own; list them with:\n"
                + "SELECT format('DROP TABLE %I.%I;', schemaname, tablename) FROM pg_tables WHERE schemaname = '"
                + schema.replace("'", "''") + "';\n"
                + "-- 3. then the schema, without CASCADE: PostgreSQL refuses while anything is left in it\n"
                + "DROP SCHEMA " + s + ";";
    }

    /** {@code CREATE SCHEMA [IF NOT EXISTS] name} earlier in this file: nothing in it predates this run. */
    private static boolean createdEarlierInFile(LintContext context, String schema) {
        for (StatementAnalysis s : context.earlierInFile()) {
            TokenCursor c = new TokenCursor(s.statement());
            if (c.accept("CREATE", "SCHEMA")) {
                c.accept("IF", "NOT", "EXISTS");
                String name = c.qualifiedName();
                if (name != null && Relation.parse(name).name().equals(schema)) {
                    return true;
                }
            }
        }
        return false;
    }
}
