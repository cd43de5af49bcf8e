package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action.CreateIndex;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;

/** CREATE INDEX without CONCURRENTLY holds SHARE on the table while it reads every row: no writes meanwhile. */
public final class CreateIndexNotConcurrently implements Rule {

    @Override
    public String id() {
        return "create-index-not-concurrently";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "Index built without CONCURRENTLY";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (CreateIndex ix : statement.of(CreateIndex.class)) {
            if (ix.concurrently() || context.isNew(ix.table())) {
                continue;
            }
            String table = ix.table().display();
            out.add(this, "CREATE " + (ix.unique() ? "UNIQUE " : "") + "INDEX on " + table
                    + " without CONCURRENTLY blocks every INSERT, UPDATE and DELETE on " + table
                    + " until the whole index is built", new TableLock(ix.table(), LockMode.SHARE), Work.SCAN,
                    "-- in a file of its own: Godwit runs CONCURRENTLY statements outside a transaction\n"
                            + statement.statement().text().replaceFirst("(?i)\\b(INDEX)\\b", "$1 CONCURRENTLY")
                            + ";");
        }
    }
}
