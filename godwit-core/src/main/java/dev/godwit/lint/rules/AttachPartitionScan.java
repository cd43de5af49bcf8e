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
 * ATTACH PARTITION of an existing table: PostgreSQL scans the new partition under ACCESS EXCLUSIVE to prove that
 * every row fits the partition bound, unless a validated CHECK constraint on it already implies the bound (and
 * the parent's DEFAULT partition, if any, is scanned too). The parent takes SHARE UPDATE EXCLUSIVE from 12 on.
 */
public final class AttachPartitionScan implements Rule {

    @Override
    public String id() {
        return "attach-partition-scan";
    }

    @Override
    public Risk risk() {
        return Risk.MEDIUM;
    }

    @Override
    public String title() {
        return "ATTACH PARTITION scans the partition under ACCESS EXCLUSIVE";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.AttachPartition a : statement.of(Action.AttachPartition.class)) {
            if (context.isNew(a.partition()) || checkedEarlier(a.partition(), context)) {
                continue;
            }
            String p = a.partition().display();
            String parent = a.table().display();
            String onParent = context.pgVersion() >= 12 ? "SHARE UPDATE EXCLUSIVE on " + parent + " (reads and writes"
                    + " of it go on)" : "ACCESS EXCLUSIVE on " + parent + " as well (before PostgreSQL 12)";
            out.add(Graded.at(this, context.pgVersion() >= 12 ? Risk.MEDIUM : Risk.HIGH),
                    "ATTACH PARTITION " + p + " reads every row of " + p + " to check the partition bound while"
                    + " holding ACCESS EXCLUSIVE on it, and " + onParent + "; if " + parent + " has a DEFAULT"
                    + " partition, that one is scanned under ACCESS EXCLUSIVE too. No validated CHECK constraint on "
                    + p + " that implies the bound was added earlier in this file",
                    new TableLock(a.partition(), LockMode.ACCESS_EXCLUSIVE), Work.SCAN,
                    "-- migration 1: a CHECK that matches the bound, catalog only\n"
                            + "ALTER TABLE " + p + " ADD CONSTRAINT " + a.partition().name()
                            + "_bound CHECK (<key> >= <from> AND <key> < <to>) NOT VALID;\n"
                            + "-- migration 2: scans under SHARE UPDATE EXCLUSIVE, reads and writes go on\n"
                            + "ALTER TABLE " + p + " VALIDATE CONSTRAINT " + a.partition().name() + "_bound;\n"
                            + "-- migration 3: the attach finds the CHECK and skips the scan\n"
                            + statement.statement().text() + ";\n"
                            + "ALTER TABLE " + p + " DROP CONSTRAINT " + a.partition().name() + "_bound;");
        }
    }

    /** A CHECK added to the partition (validated, or validated later) earlier in the file: the recipe was followed. */
    private static boolean checkedEarlier(Relation partition, LintContext context) {
        for (StatementAnalysis s : context.earlierInFile()) {
            for (Action a : s.actions()) {
                if (a instanceof Action.AddConstraint k && k.table().sameAs(partition)
                        && k.constraint().kind() == dev.godwit.sql.analysis.ConstraintDef.Kind.CHECK) {
                    return true;
                }
            }
        }
        return false;
    }
}
