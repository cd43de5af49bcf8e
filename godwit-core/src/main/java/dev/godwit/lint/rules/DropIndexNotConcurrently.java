package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action.DropIndex;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.Optional;

/** DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table: quick, but it queues everything. */
public final class DropIndexNotConcurrently implements Rule {

    @Override
    public String id() {
        return "drop-index-not-concurrently";
    }

    @Override
    public Risk risk() {
        return Risk.MEDIUM;
    }

    @Override
    public String title() {
        return "Index dropped without CONCURRENTLY";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (DropIndex drop : statement.of(DropIndex.class)) {
            if (drop.concurrently()) {
                continue;
            }
            for (Relation index : drop.indexes()) {
                Optional<Relation> table = context.tableOfIndex(index);
                if (table.isPresent() && context.isNew(table.get())) {
                    continue;
                }
                String on = table.map(Relation::display).orElse("the table of " + index.display());
                out.add(this, "DROP INDEX " + index.display() + " without CONCURRENTLY takes ACCESS EXCLUSIVE on " + on
                        + ": it waits for every running query on it, and every read and write queued behind it"
                        + " waits too",
                        new TableLock(table.orElse(index), LockMode.ACCESS_EXCLUSIVE), Work.CATALOG,
                        "-- in a file of its own (CONCURRENTLY runs outside a transaction), one index per statement;\n"
                                + "-- it waits for running queries instead of blocking new ones (no CASCADE with it)\n"
                                + "DROP INDEX CONCURRENTLY IF EXISTS " + index.display() + ";");
            }
        }
    }
}
