package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action.DetachPartition;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;

/**
 * DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the partitioned table — every partition's
 * readers and writers queue behind it. PostgreSQL 14 added DETACH … CONCURRENTLY.
 */
public final class DetachPartitionNotConcurrently implements Rule {

    @Override
    public String id() {
        return "detach-partition-not-concurrently";
    }

    @Override
    public Risk risk() {
        return Risk.MEDIUM;
    }

    @Override
    public String title() {
        return "Partition detached without CONCURRENTLY";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (DetachPartition d : statement.of(DetachPartition.class)) {
            if (d.concurrently() || d.finalizing() || context.isNew(d.table())) {
                continue;
            }
            String parent = d.table().display();
            String part = d.partition().display();
            String before = context.pgVersion() < 14 ? "; PostgreSQL before 14 has no DETACH … CONCURRENTLY" : "";
            out.add(this, "DETACH PARTITION " + part + " takes ACCESS EXCLUSIVE on " + parent + " and " + part
                    + ": it waits for every running query on any partition of " + parent + ", and every read and write"
                    + " of " + parent + " queues behind it" + before,
                    new TableLock(d.table(), LockMode.ACCESS_EXCLUSIVE), Work.CATALOG, safer(parent, part,
                            context.pgVersion()));
        }
    }

    private static String safer(String parent, String part, int pgVersion) {
        if (pgVersion < 14) {
            return "-- before PostgreSQL 14 there is no concurrent detach: run it in a migration of its own at a quiet"
                    + " time;\n-- Godwit's short lock_timeout and retries bound the wait\n"
                    + "ALTER TABLE " + parent + " DETACH PARTITION " + part + ";";
        }
        return "-- in a file of its own (it runs outside a transaction, as two transactions); SHARE UPDATE EXCLUSIVE:\n"
                + "-- reads and writes go on. Not possible while " + parent + " has a default partition.\n"
                + "ALTER TABLE " + parent + " DETACH PARTITION " + part + " CONCURRENTLY;\n"
                + "-- if it is interrupted, finish it with:\n"
                + "-- ALTER TABLE " + parent + " DETACH PARTITION " + part + " FINALIZE;";
    }
}
