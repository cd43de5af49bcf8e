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

    /** The same change in key-range batches, each committed on its own so that its row locks are short. */
    private static String batched(StatementAnalysis statement, Relation table, boolean delete, LintContext context) {
        String key = DataRules.keyColumn(context, table);
        String t = DataRules.table(table);
        String one = simple(statement) ? statement.statement().text().strip()
                : delete ? "DELETE FROM " + t : "UPDATE " + t + " SET <as in this statement>";
        if (context.pgVersion() < 11) {
            return "-- in batches on key ranges, each its own transaction (e.g. a -- godwit:no-transaction file)\n"
                    + one + " WHERE " + key + " >= :from AND " + key + " < :from + " + BATCH + ";";
        }
        return "-- in a file of its own with -- godwit:no-transaction, so that each batch commits and its row locks"
                + " are short\n"
                + "DO $$\n"
                + "DECLARE lo bigint; hi bigint;\n"
                + "BEGIN\n"
                + "  SELECT min(" + key + "), max(" + key + ") INTO lo, hi FROM " + t + ";\n"
                + "  WHILE lo <= hi LOOP\n"
                + "    " + one + " WHERE " + key + " >= lo AND " + key + " < lo + " + BATCH + ";\n"
                + "    COMMIT;\n"
                + "    lo := lo + " + BATCH + ";\n"
                + "  END LOOP;\n"
                + "END $$;";
    }

    /** A lone UPDATE / DELETE that a WHERE can simply be appended to (no WITH, FROM, USING or RETURNING). */
    private static boolean simple(StatementAnalysis statement) {
        List<String> w = statement.statement().words();
        if (statement.actions().size() != 1 || w.isEmpty() || w.contains("RETURNING") || w.contains("USING")) {
            return false;
        }
        return w.get(0).equals("DELETE") || w.get(0).equals("UPDATE") && !w.contains("FROM");
    }
}
