package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.ColumnDef;
import dev.godwit.sql.analysis.ConstraintDef;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.List;

/**
 * ADD CONSTRAINT … UNIQUE / PRIMARY KEY without USING INDEX (or a UNIQUE / PRIMARY KEY column added to an
 * existing table) builds the index while holding ACCESS EXCLUSIVE: no read or write until it is built.
 */
public final class UniqueWithoutIndex implements Rule {

    @Override
    public String id() {
        return "unique-without-index";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "UNIQUE or PRIMARY KEY constraint that builds its index under ACCESS EXCLUSIVE";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action a : statement.actions()) {
            if (a instanceof Action.AddConstraint k && keyed(k.constraint()) && k.constraint().usingIndex().isEmpty()
                    && !context.isNew(k.table())) {
                ConstraintDef c = k.constraint();
                report(k.table(), c.kind() == ConstraintDef.Kind.PRIMARY_KEY, c.columns(), c.name().orElse(null),
                        c.kindWords() + " (" + String.join(", ", c.columns()) + ")", out);
            } else if (a instanceof Action.AddColumn ac && (ac.column().unique() || ac.column().primaryKey())
                    && !context.isNew(ac.table())) {
                ColumnDef c = ac.column();
                report(ac.table(), c.primaryKey(), List.of(c.name()), null,
                        "ADD COLUMN " + c.name() + " " + (c.primaryKey() ? "PRIMARY KEY" : "UNIQUE"), out);
            }
        }
    }

    private static boolean keyed(ConstraintDef c) {
        return c.kind() == ConstraintDef.Kind.UNIQUE || c.kind() == ConstraintDef.Kind.PRIMARY_KEY;
    }

    private void report(Relation table, boolean primaryKey, List<String> columns, String name, String what,
            Findings out) {
        String t = table.display();
        out.add(this, what + " builds a unique index on " + t + " while holding ACCESS EXCLUSIVE: no read or write"
                + " of " + t + " until every row has been read and sorted",
                new TableLock(table, LockMode.ACCESS_EXCLUSIVE), Work.SCAN, safer(table, primaryKey, columns, name));
    }

    private static String safer(Relation table, boolean primaryKey, List<String> columns, String name) {
        String t = table.display();
        String cols = String.join(", ", columns);
        String index = table.name() + (primaryKey ? "_pkey" : "_" + String.join("_", columns) + "_key");
        String constraint = name == null ? index : name;
        return "-- file 1, alone (CONCURRENTLY runs outside a transaction): writes go on while it builds\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY " + index + " ON " + t + " (" + cols + ");\n"
                + (primaryKey ? "-- make " + cols + " NOT NULL first (set-not-null pattern): otherwise the next"
                        + " statement runs SET NOT NULL, a full scan under ACCESS EXCLUSIVE\n" : "")
                + "-- file 2: catalog only; the index becomes the constraint's (and takes its name)\n"
                + "ALTER TABLE " + t + " ADD CONSTRAINT " + constraint + (primaryKey ? " PRIMARY KEY" : " UNIQUE")
                + " USING INDEX " + index + ";";
    }
}
