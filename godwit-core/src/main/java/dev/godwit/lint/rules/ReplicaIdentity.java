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
 * ALTER TABLE … REPLICA IDENTITY: a catalog change under ACCESS EXCLUSIVE (seen on PostgreSQL 15), and with FULL
 * every later UPDATE and DELETE writes the whole old row to the WAL.
 */
public final class ReplicaIdentity implements Rule {

    @Override
    public String id() {
        return "replica-identity";
    }

    @Override
    public Risk risk() {
        return Risk.LOW;
    }

    @Override
    public String title() {
        return "REPLICA IDENTITY takes ACCESS EXCLUSIVE (and FULL grows the WAL)";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.OtherAlterTable o : statement.of(Action.OtherAlterTable.class)) {
            if (!o.what().regionMatches(true, 0, "REPLICA", 0, 7) || context.isNew(o.table())) {
                continue;
            }
            String what = o.what().toUpperCase(Locale.ROOT);
            String t = o.table().display();
            out.add(this, "REPLICA IDENTITY on " + t + " takes ACCESS EXCLUSIVE on " + t + " (a catalog change: it"
                    + " waits for every open transaction on " + t + ", and every query queues behind it)"
                    + (what.contains("FULL") ? "; FULL makes every UPDATE and DELETE of " + t + " write the whole old"
                    + " row to the WAL, for good" : ""),
                    new TableLock(o.table(), LockMode.ACCESS_EXCLUSIVE), Work.CATALOG,
                    "-- prefer a unique index on NOT NULL columns over FULL (built CONCURRENTLY first):\n"
                            + "ALTER TABLE " + t + " REPLICA IDENTITY USING INDEX <unique index>;");
        }
    }
}
