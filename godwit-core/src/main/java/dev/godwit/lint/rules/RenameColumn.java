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

/**
 * RENAME COLUMN is a catalog change, but the application that is running while the migration runs still
 * says the old name: every query naming it fails until the new code is out.
 */
public final class RenameColumn implements Rule {

    @Override
    public String id() {
        return "rename-column";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "Column renamed while running code still uses the old name";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.RenameColumn rc : statement.of(Action.RenameColumn.class)) {
            if (rc.from() == null || rc.to() == null || context.isNew(rc.table())
                    || DataRules.addedEarlierInFile(context, rc.table(), rc.from())) {
                continue;
            }
            String t = rc.table().display();
            out.add(this, "renaming " + t + "." + rc.from() + " to " + rc.to() + " breaks every query of the running"
                    + " application that names " + rc.from() + " (ERROR: column \"" + rc.from() + "\" does not exist)"
                    + " until the new code is deployed; views, indexes and foreign keys follow the rename, but"
                    + " function bodies, triggers' dynamic SQL and ORM column caches do not",
                    new TableLock(rc.table(), LockMode.ACCESS_EXCLUSIVE), Work.CATALOG, expandContract(rc, context));
        }
    }

    private static String expandContract(Action.RenameColumn rc, LintContext context) {
        String t = table(rc.table());
        String from = ident(rc.from());
        String to = ident(rc.to());
        String type = context.columnType(rc.table(), rc.from()).map(x -> x.written()).orElse("<type of " + from + ">");
        String fn = ident(rc.table().name() + "_" + rc.to() + "_sync");
        return "-- release 1: add the new column and keep both in step while old and new code run\n"
                + "ALTER TABLE " + t + " ADD COLUMN " + to + " " + type + ";\n"
                + "CREATE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN\n"
                + "  IF TG_OP = 'INSERT' THEN\n"
                + "    NEW." + to + " := COALESCE(NEW." + to + ", NEW." + from + ");\n"
                + "    NEW." + from + " := COALESCE(NEW." + from + ", NEW." + to + ");\n"
                + "  ELSIF NEW." + from + " IS DISTINCT FROM OLD." + from + " THEN\n"
                + "    NEW." + to + " := NEW." + from + ";\n"
                + "  ELSIF NEW." + to + " IS DISTINCT FROM OLD." + to + " THEN\n"
                + "    NEW." + from + " := NEW." + to + ";\n"
                + "  END IF;\n"
                + "  RETURN NEW;\n"
                + "END $$;\n"
                + "CREATE TRIGGER " + fn + " BEFORE INSERT OR UPDATE ON " + t + "\n"
                + "  FOR EACH ROW EXECUTE FUNCTION " + fn + "();\n"
                + "-- backfill in batches, in a later migration file of its own (docs/backfills.md)\n"
                + "-- godwit:batch size=10000 pause=50ms\n"
                + "UPDATE " + t + " SET " + to + " = " + from + " WHERE " + to + " IS DISTINCT FROM " + from + ";\n"
                + "-- release 2: the application reads and writes " + to + " only\n"
                + "-- release 3: DROP TRIGGER " + fn + " ON " + t + "; DROP FUNCTION " + fn + "();"
                + " ALTER TABLE " + t + " DROP COLUMN " + from + ";";
    }
}
