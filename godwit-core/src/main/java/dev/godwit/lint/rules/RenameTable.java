package dev.godwit.lint.rules;

import static dev.godwit.lint.rules.DataRules.ident;
import static dev.godwit.lint.rules.DataRules.table;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.TokenCursor;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.List;

/**
 * RENAME TO (of a table, view, materialized view or sequence) and SET SCHEMA change the name the running
 * application uses; its queries fail until the new code is deployed. Renaming an index breaks no query.
 */
public final class RenameTable implements Rule {

    @Override
    public String id() {
        return "rename-table";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "Table renamed while running code still uses the old name";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        if (!statement.has(Action.RenameTable.class) && !statement.has(Action.OtherAlterTable.class)) {
            return; // most statements: upper-casing all their words to find out costs more than the rest
        }
        String kind = kind(statement.statement().words());
        if (kind.equals("index")) {
            return; // no query names an index
        }
        for (Action a : statement.actions()) {
            if (a instanceof Action.RenameTable rt && rt.to() != null && !context.isNew(rt.table())
                    && !viewKeepsOldName(context, rt.table())) {
                String old = rt.table().display();
                out.add(this, "renaming " + kind + " " + old + " to " + rt.to() + " breaks every query of the running"
                        + " application that names " + old + " (ERROR: relation \"" + rt.table().name()
                        + "\" does not exist) until the new code is deployed" + (kind.equals("sequence")
                                ? ", nextval('" + rt.table().name() + "') calls of ORMs that fetch ids themselves"
                                        + " included; column defaults follow the rename (they hold the sequence's oid)"
                                : ""),
                        new TableLock(rt.table(), LockMode.ACCESS_EXCLUSIVE), Work.CATALOG, safer(kind, rt));
            } else if (a instanceof Action.OtherAlterTable o && o.what().equals("SET SCHEMA")
                    && !context.isNew(o.table()) && !viewKeepsOldName(context, o.table())) {
                out.add(this, "moving " + o.table().display() + " to schema " + newSchema(statement) + " breaks every"
                        + " query of the running application that finds it through search_path or its old schema",
                        new TableLock(o.table(), LockMode.ACCESS_EXCLUSIVE), Work.CATALOG,
                        "-- move it and leave a view under the old name, in the same migration (one transaction):\n"
                                + statement.statement().text() + ";\n"
                                + "CREATE VIEW " + table(o.table()) + " AS SELECT * FROM " + ident(newSchema(statement))
                                + "." + ident(o.table().name()) + ";\n"
                                + "-- a later release, once nothing uses the old name: DROP VIEW " + table(o.table())
                                + ";");
            }
        }
    }

    private static String safer(String kind, Action.RenameTable rt) {
        Relation renamed = new Relation(rt.table().schema(), rt.to());
        if (kind.equals("sequence")) {
            return "-- keep the old name until no code calls nextval('" + rt.table().name() + "'): deploy code that"
                    + " uses " + rt.to() + " first, or let the column default (nextval by oid) hand out ids\n"
                    + "-- in a later release:\n"
                    + "ALTER SEQUENCE " + table(rt.table()) + " RENAME TO " + ident(rt.to()) + ";";
        }
        String view = kind.equals("table")
                ? "-- a simple view is updatable: old code keeps reading and writing through it\n" : "";
        return "-- rename and leave a view under the old name, in the same migration (one transaction):\n"
                + "ALTER " + kind.toUpperCase(java.util.Locale.ROOT) + " " + table(rt.table()) + " RENAME TO "
                + ident(rt.to()) + ";\n" + view
                + "CREATE VIEW " + table(rt.table()) + " AS SELECT * FROM " + table(renamed) + ";\n"
                + "-- a later release, once nothing uses the old name:\n"
                + "DROP VIEW " + table(rt.table()) + ";";
    }

    /**
     * True when a later statement of the same transaction creates a view under the old name: the running code
     * never sees the name missing (the safe alternative itself).
     */
    private static boolean viewKeepsOldName(LintContext context, Relation old) {
        if (!context.inTransaction()) {
            return false; // in autocommit, queries between the rename and the view fail
        }
        for (StatementAnalysis later : context.laterInFile()) {
            if (later.has(Action.TransactionControl.class)) {
                return false; // the transaction ends before any view
            }
            TokenCursor c = new TokenCursor(later.statement());
            c.accept("CREATE");
            c.accept("OR", "REPLACE");
            if (c.accept("VIEW") || c.accept("MATERIALIZED", "VIEW")) {
                String name = c.qualifiedName();
                if (name != null && Relation.parse(name).sameAs(old)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code table}, {@code view}, {@code materialized view}, {@code sequence} or {@code index}, from the words. */
    private static String kind(List<String> words) {
        if (words.size() < 2) {
            return "table";
        }
        return switch (words.get(1)) {
            case "INDEX" -> "index";
            case "VIEW" -> "view";
            case "MATERIALIZED" -> "materialized view";
            case "SEQUENCE" -> "sequence";
            default -> "table";
        };
    }

    /** The schema after SET SCHEMA. */
    private static String newSchema(StatementAnalysis statement) {
        TokenCursor c = new TokenCursor(statement.statement());
        while (c.skipToTopLevel(false, "SET")) {
            if (c.accept("SET", "SCHEMA") && c.isName()) {
                return c.simpleName();
            }
            c.moveOn();
        }
        return "?";
    }
}
