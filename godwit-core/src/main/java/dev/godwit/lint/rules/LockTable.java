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
 * LOCK TABLE in a mode that blocks writes (SHARE or stronger) on an existing table: held until the transaction
 * commits, so everything after it in the migration runs while the table is blocked. The lock counts as any
 * other statement's for {@code statements-after-exclusive-lock}.
 */
public final class LockTable implements Rule {

    @Override
    public String id() {
        return "lock-table";
    }

    @Override
    public Risk risk() {
        return Risk.MEDIUM;
    }

    @Override
    public String title() {
        return "LOCK TABLE that blocks writes until the migration commits";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.LockTable l : statement.of(Action.LockTable.class)) {
            if (!l.mode().conflictsWith(LockMode.ROW_EXCLUSIVE)) {
                continue; // ROW EXCLUSIVE and weaker: writes go on
            }
            for (Relation t : l.tables()) {
                if (context.isNew(t)) {
                    continue;
                }
                String name = t.display();
                out.add(this, "LOCK TABLE " + name + " IN " + l.mode().sqlName() + " MODE blocks " + l.mode().blocks()
                        + " on " + name + " until " + (context.inTransaction() ? "the migration's transaction commits"
                        : "the statement ends (outside a transaction it is released at once)")
                        + ", for as long as the statements after it take" + (l.nowait() ? "" : "; without NOWAIT it"
                        + " first waits in the lock queue, and every query on " + name + " queues behind it"),
                        new TableLock(t, l.mode()), Work.CATALOG,
                        "-- the statements after it take the locks they need themselves; if the lock must be explicit,\n"
                                + "-- keep the migration short and let it fail fast rather than queue:\n"
                                + "LOCK TABLE " + name + " IN " + l.mode().sqlName() + " MODE NOWAIT;");
            }
        }
    }
}
