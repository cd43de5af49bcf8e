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

/** DROP COLUMN loses every value of the column, and breaks running code that still names it. */
public final class DropColumn implements Rule {

    @Override
    public String id() {
        return "drop-column";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "Column dropped with its data";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.DropColumn dc : statement.of(Action.DropColumn.class)) {
            // a column the catalog says is not there (DROP COLUMN IF EXISTS of one long gone) loses nothing
            if (dc.column() == null || context.isNew(dc.table()) || context.absent(dc.table(), dc.column())
                    || context.undoes().column(dc.table(), dc.column())
                    || DataRules.addedEarlierInFile(context, dc.table(), dc.column())) {
                continue;
            }
            String t = dc.table().display();
            out.add(this, "drops " + t + "." + DataRules.withType(context, dc.table(), dc.column())
                    + " and every value in it; " + DataRules.snapshot("it") + "; indexes and constraints that include "
                    + dc.column() + ", multi-column ones too, go with it, and queries of the running application"
                    + " that name " + dc.column() + " fail until the new code is deployed" + DropTable.downScript(context),
                    new TableLock(dc.table(), LockMode.ACCESS_EXCLUSIVE), Work.CATALOG, safer(dc, context));
        }
    }

    private static String safer(Action.DropColumn dc, LintContext context) {
        String t = table(dc.table());
        String c = ident(dc.column());
        String key = DataRules.keyColumn(context, dc.table());
        String parked = ident(dc.column() + "_to_drop");
        return "-- 1. deploy code that no longer reads or writes " + c + " (ORMs that cache columns: ignore it first)\n"
                + "-- 2. keep the values: Godwit snapshots them before the drop ([safety] snapshot = \"always\" above"
                + " snapshot_row_limit), or keep a copy yourself:\n"
                + "CREATE TABLE " + ident(dc.table().name() + "_" + dc.column() + "_dropped") + " AS SELECT " + key
                + ", " + c + " FROM " + t + ";\n"
                + "-- 3. optionally park it in its own release: whatever still uses it fails, and renaming back"
                + " restores it whole\n"
                + "ALTER TABLE " + t + " RENAME COLUMN " + c + " TO " + parked + ";\n"
                + "-- 4. in a later release:\n"
                + "ALTER TABLE " + t + " DROP COLUMN " + parked + ";";
    }
}
