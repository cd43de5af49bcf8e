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

/**
 * UPDATE or DELETE without WHERE on a table that existed before this run: every row is written and row-locked
 * until the transaction ends.
 */
public final class DmlWithoutWhere implements Rule {

    private static final int BATCH = 10000;

    @Override
    public String id() {
        return "dml-without-where";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "UPDATE or DELETE of every row of an existing table";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        String until = context.inTransaction() ? "until the migration's transaction commits"
                : "until the statement ends";
        for (Action a : statement.actions()) {
            if (a instanceof Action.Update u && !u.hasWhere() && !context.isNew(u.table())) {
                String t = u.table().display();
                out.add(this, "UPDATE " + t + " without WHERE rewrites every row: each stays row-locked " + until
                        + " (concurrent UPDATE, DELETE and SELECT … FOR UPDATE of any row wait), and each leaves a"
                        + " dead version behind, so " + t + " and its indexes grow by up to a full copy until VACUUM; "
                        + DataRules.snapshot("the old values"),
                        new TableLock(u.table(), LockMode.ROW_EXCLUSIVE), Work.ROWS,
                        batched(statement, u.table(), false, context));
            } else if (a instanceof Action.Delete d && !d.hasWhere() && !context.isNew(d.table())) {
                String t = d.table().display();
                out.add(this, "DELETE FROM " + t + " without WHERE deletes every row: each stays row-locked " + until
                        + ", which also blocks inserts into tables whose foreign keys reference " + t + " (their checks"
                        + " lock the referenced row), ON DELETE actions and triggers run once per row, and every row"
                        + " stays on disk as dead until VACUUM; " + DataRules.snapshot("the rows"),
                        new TableLock(d.table(), LockMode.ROW_EXCLUSIVE), Work.ROWS,
                        batched(statement, d.table(), true, context));
            }
        }
    }

    /**
     * The same change as a batched backfill ({@code -- godwit:batch}): Godwit runs it in key-range batches over the
     * table's key, each committed on its own (short row locks), resumable, throttled (docs/backfills.md).
     */
    private static String batched(StatementAnalysis statement, Relation table, boolean delete, LintContext context) {
        String t = DataRules.table(table);
        String one = statement.actions().size() == 1 && !statement.statement().words().contains("RETURNING")
                && !statement.statement().words().get(0).equals("WITH") ? statement.statement().text().strip()
                : delete ? "DELETE FROM " + t : "UPDATE " + t + " SET <as in this statement>";
        return "-- in a file of its own: Godwit runs it in batches over " + t + "'s key, each its own short"
                + " transaction, and resumes where it stopped (docs/backfills.md)\n"
                + "-- godwit:batch size=" + BATCH + " pause=50ms\n"
                + one + ";";
    }
}
