package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.ConstraintDef;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.List;

/**
 * SET NOT NULL (or PostgreSQL 18's ADD CONSTRAINT … NOT NULL col) reads the whole table under ACCESS
 * EXCLUSIVE — unless, since PostgreSQL 12, a validated {@code CHECK (col IS NOT NULL)} already proves it, or
 * the column is NOT NULL already. Both are known from earlier statements and files, and then nothing is said.
 */
public final class SetNotNullScan implements Rule {

    @Override
    public String id() {
        return "set-not-null";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "SET NOT NULL scans the table under ACCESS EXCLUSIVE";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action a : statement.actions()) {
            if (a instanceof Action.SetNotNull sn) {
                check(sn.table(), sn.column(), "ALTER COLUMN " + sn.column() + " SET NOT NULL", context, out);
            } else if (a instanceof Action.AddConstraint k && k.constraint().kind() == ConstraintDef.Kind.NOT_NULL
                    && !k.constraint().notValid()) {
                for (String column : k.constraint().columns()) {
                    check(k.table(), column, "ADD CONSTRAINT … NOT NULL " + column, context, out);
                }
            } else if (a instanceof Action.AddConstraint k && k.constraint().kind() == ConstraintDef.Kind.PRIMARY_KEY
                    && k.constraint().usingIndex().isPresent()) {
                String index = k.constraint().usingIndex().get();
                for (String column : indexColumns(k.table(), index, context)) {
                    check(k.table(), column, "ADD PRIMARY KEY USING INDEX " + index + " sets " + column
                            + " NOT NULL, which", context, out);
                }
            }
        }
    }

    /**
     * The columns of the index a PRIMARY KEY USING INDEX adopts, when an earlier statement of the file built it;
     * empty when unknown (the index then comes from an earlier file or the database: not said, see the docs).
     */
    private static List<String> indexColumns(Relation table, String index,
            LintContext context) {
        List<StatementAnalysis> earlier = context.earlierInFile();
        for (int i = earlier.size() - 1; i >= 0; i--) {
            for (Action.CreateIndex ix : earlier.get(i).of(Action.CreateIndex.class)) {
                if (ix.table().sameAs(table) && ix.name().filter(index::equals).isPresent() && !ix.partial()) {
                    return ix.columns();
                }
            }
        }
        return List.of();
    }

    private void check(Relation table, String column, String what, LintContext context, Findings out) {
        if (context.isNew(table) || context.notNullProven(table, column)) {
            return;
        }
        String t = table.display();
        String why = context.pgVersion() < 12
                ? "; before PostgreSQL 12 it always scans, even with a validated CHECK (" + column + " IS NOT NULL)"
                : "; no earlier statement validated a CHECK (" + column + " IS NOT NULL)"
                        + (context.pgVersion() >= 18 ? " or a NOT NULL … NOT VALID constraint" : "")
                        + " that would let it skip the scan";
        out.add(this, what + " reads every row of " + t + " to look for NULLs while holding ACCESS EXCLUSIVE: every"
                + " read and write of " + t + " waits for the whole scan" + why,
                new TableLock(table, LockMode.ACCESS_EXCLUSIVE), Work.SCAN, safer(t, column, context.pgVersion()));
    }

    static String safer(String table, String column, int pgVersion) {
        String name = Relation.parse(table).name() + "_" + column + "_not_null";
        String validate = "-- migration 2: VALIDATE scans under SHARE UPDATE EXCLUSIVE: reads and writes go on\n"
                + "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name + ";";
        if (pgVersion >= 18) {
            return "-- migration 1: catalog only (ACCESS EXCLUSIVE for milliseconds); new rows are checked at once\n"
                    + "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " NOT NULL " + column + " NOT VALID;\n"
                    + validate + "\n-- the column is then NOT NULL, with no scan under ACCESS EXCLUSIVE";
        }
        String check = "-- migration 1: catalog only (ACCESS EXCLUSIVE for milliseconds); new rows are checked at"
                + " once\nALTER TABLE " + table + " ADD CONSTRAINT " + name + " CHECK (" + column
                + " IS NOT NULL) NOT VALID;\n"
                + validate + "\n";
        if (pgVersion < 12) {
            return check + "-- before PostgreSQL 12 SET NOT NULL scans even then: keep the validated CHECK, which\n"
                    + "-- guarantees the same, and run SET NOT NULL (catalog only) once on PostgreSQL 12+";
        }
        return check + "-- migration 3: SET NOT NULL finds the validated CHECK and skips the scan (PostgreSQL 12+)\n"
                + "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL;\n"
                + "ALTER TABLE " + table + " DROP CONSTRAINT " + name + ";";
    }
}
