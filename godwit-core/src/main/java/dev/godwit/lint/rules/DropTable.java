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
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;

/** DROP TABLE loses every row, and locks the tables its foreign keys reference while it goes. */
public final class DropTable implements Rule {

    @Override
    public String id() {
        return "drop-table";
    }

    @Override
    public Risk risk() {
        return Risk.CRITICAL;
    }

    @Override
    public String title() {
        return "Table dropped with its data";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.DropTable dt : statement.of(Action.DropTable.class)) {
            for (Relation r : dt.tables()) {
                // absent: DROP TABLE IF EXISTS does nothing; undone: the down script drops what its up script made
                if (context.isNew(r) || context.absent(r) || context.undoes().table(r)) {
                    continue;
                }
                out.add(this, "drops " + r.display() + " and every row in it; " + DataRules.snapshot("it")
                        + "; while it goes, each table its foreign keys reference is locked ACCESS EXCLUSIVE too (their"
                        + " foreign-key triggers are removed), and queries of the running application that use "
                        + r.display() + " fail" + downScript(context) + (dt.cascade() ? ""
                                : "; without CASCADE PostgreSQL refuses it while a view or another table's foreign"
                                        + " key depends on it"),
                        new TableLock(r, LockMode.ACCESS_EXCLUSIVE), Work.CATALOG, safer(r));
            }
        }
    }

    static String downScript(LintContext context) {
        return context.undoes().down() ? "; this is a down script, and its up script did not create it: the"
                + " rollback destroys data the migration did not bring" : "";
    }

    private static String safer(Relation r) {
        String t = table(r);
        String parked = ident(r.name() + "_to_drop");
        return "-- 1. deploy code that no longer uses " + t + "\n"
                + "-- 2. park it in its own release: whatever still uses it fails loudly, and renaming back restores it"
                + " whole\n"
                + "ALTER TABLE " + t + " RENAME TO " + parked + ";\n"
                + "-- 3. keep a copy: Godwit snapshots every row before the drop ([safety] snapshot = \"always\" above"
                + " snapshot_row_limit), or: pg_dump --format=custom --table=" + DataRules.dumpTable(r) + "\n"
                + "-- 4. weeks later, in a later migration:\n"
                + "DROP TABLE " + r.schema().map(s -> ident(s) + ".").orElse("") + parked + ";";
    }
}
