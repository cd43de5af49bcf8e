package dev.godwit.lint.rules;

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
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * CREATE TRIGGER (SHARE ROW EXCLUSIVE), DROP TRIGGER (ACCESS EXCLUSIVE) and ENABLE / DISABLE TRIGGER (SHARE ROW
 * EXCLUSIVE) on an existing table: catalog changes, but under locks that stop writes (or everything) until the
 * transaction commits, on tables that are often the busiest. DISABLE TRIGGER ALL has a rule of its own.
 */
public final class TriggerChange implements Rule {

    @Override
    public String id() {
        return "trigger-change";
    }

    @Override
    public Risk risk() {
        return Risk.LOW;
    }

    @Override
    public String title() {
        return "Trigger created, dropped, enabled or disabled on an existing table";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.OtherAlterTable o : statement.of(Action.OtherAlterTable.class)) {
            if (o.what().indexOf('T') < 0 && o.what().indexOf('t') < 0) {
                continue; // no TRIGGER in it: most sub-commands, skipped without copying the text
            }
            String what = o.what().toUpperCase(Locale.ROOT);
            boolean trigger = what.equals("CREATE TRIGGER") || what.equals("DROP TRIGGER")
                    || (what.startsWith("ENABLE") || what.startsWith("DISABLE")) && what.contains("TRIGGER")
                    && !DisableTriggerAll.disablesAll(what);
            if (!trigger || context.isNew(o.table())) {
                continue;
            }
            String t = o.table().display();
            out.add(this, statement.kind() + " on " + t + " takes " + o.lock().sqlName() + " on " + t + ": it blocks "
                    + o.lock().blocks() + " until " + (context.inTransaction() ? "the transaction commits"
                    : "the statement ends") + "; it waits for every open transaction that wrote to " + t
                    + " first, and new ones queue behind it",
                    new TableLock(o.table(), o.lock()), Work.CATALOG,
                    "-- no lighter lock exists for this: keep it in a short migration, with nothing slow after it in\n"
                            + "-- the same transaction (Godwit's lock_timeout bounds the wait)\n"
                            + statement.statement().text() + ";");
        }
    }
}
