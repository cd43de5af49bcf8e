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
 * REFRESH MATERIALIZED VIEW without CONCURRENTLY runs the view's query and writes the result into new files
 * under ACCESS EXCLUSIVE: nobody can read the view until it is done (seen on PostgreSQL 15: a new
 * relfilenode). CONCURRENTLY takes EXCLUSIVE, which lets reads go on, and is not reported.
 */
public final class RefreshMaterializedView implements Rule {

    @Override
    public String id() {
        return "refresh-materialized-view";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every read of the view";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.OtherAlterTable o : statement.of(Action.OtherAlterTable.class)) {
            if (!o.what().equals("REFRESH MATERIALIZED VIEW") || o.lock() != LockMode.ACCESS_EXCLUSIVE
                    || context.isNew(o.table())) {
                continue;
            }
            String v = o.table().display();
            out.add(this, "REFRESH MATERIALIZED VIEW " + v + " runs the view's whole query and rewrites " + v
                    + " under ACCESS EXCLUSIVE: every read of " + v + " waits until the query and the rewrite end",
                    new TableLock(o.table(), LockMode.ACCESS_EXCLUSIVE), Work.REWRITE,
                    "-- once, in a file of its own (CONCURRENTLY runs outside a transaction):\n"
                            + "CREATE UNIQUE INDEX CONCURRENTLY " + o.table().name() + "_key ON " + v + " (<key columns>);\n"
                            + "-- then: EXCLUSIVE lock, reads of " + v + " go on while it refreshes\n"
                            + "REFRESH MATERIALIZED VIEW CONCURRENTLY " + v + ";");
        }
    }
}
