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
 * ALTER TABLE … SET LOGGED / SET UNLOGGED / SET TABLESPACE / SET ACCESS METHOD and ALTER COLUMN … DROP
 * EXPRESSION write the table (and for the SET forms every index) anew under ACCESS EXCLUSIVE.
 */
public final class AlterTableRewrite implements Rule {

    @Override
    public String id() {
        return "alter-table-rewrite";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "SET LOGGED / UNLOGGED / TABLESPACE / ACCESS METHOD rewrites the table under ACCESS EXCLUSIVE";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.OtherAlterTable o : statement.of(Action.OtherAlterTable.class)) {
            if (!o.rewrites() || !o.what().regionMatches(true, 0, "SET", 0, 3) || context.isNew(o.table())) {
                continue;
            }
            String t = o.table().display();
            String what = o.what().toUpperCase(Locale.ROOT);
            String wal = what.startsWith("SET LOGGED") ? "; the whole table is also written to the WAL (and sent to"
                    + " every replica)" : what.startsWith("SET UNLOGGED") ? "; afterwards the table is emptied by"
                    + " a crash and is not on the replicas" : "";
            out.add(this, "ALTER TABLE " + t + " " + o.what() + " copies " + t + " and rebuilds its indexes under"
                    + " ACCESS EXCLUSIVE: no read or write of " + t + " until the copy ends" + wal,
                    new TableLock(o.table(), LockMode.ACCESS_EXCLUSIVE), Work.REWRITE,
                    what.startsWith("SET TABLESPACE")
                            ? "-- online, outside migrations (ACCESS EXCLUSIVE only for moments):\n"
                                    + "--   pg_repack --table=" + t + " --tablespace=<name> --moveidx"
                            : "-- no online form exists: run it in a maintenance window, or build a new table and\n"
                                    + "-- copy the rows in batches, then swap names in one short migration\n"
                                    + statement.statement().text() + ";");
        }
    }
}
