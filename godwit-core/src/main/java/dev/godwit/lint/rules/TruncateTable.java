package dev.godwit.lint.rules;

import static dev.godwit.lint.rules.DataRules.table;

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
 * TRUNCATE empties a table at once: no ON DELETE triggers (audit trails miss it), not MVCC-safe, CASCADE empties
 * the referencing tables too, RESTART IDENTITY hands ids out again.
 */
public final class TruncateTable implements Rule {

    @Override
    public String id() {
        return "truncate-table";
    }

    @Override
    public Risk risk() {
        return Risk.CRITICAL;
    }

    @Override
    public String title() {
        return "Table emptied with TRUNCATE";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        List<Action.Truncate> truncates = statement.of(Action.Truncate.class);
        if (truncates.isEmpty()) {
            return;
        }
        List<String> words = statement.statement().words();
        boolean restart = words.contains("RESTART") && words.contains("IDENTITY");
        for (Action.Truncate tr : truncates) {
            for (Relation r : tr.tables()) {
                if (context.isNew(r) || context.undoes().table(r)) {
                    continue;
                }
                String t = r.display();
                out.add(this, "TRUNCATE removes every row of " + t + "; " + DataRules.snapshot("it")
                        + "; row-level ON DELETE triggers, audit trails among them, do not fire, and it is not"
                        + " MVCC-safe: transactions that started before it see " + t + " empty"
                        + (tr.cascade() ? "; CASCADE also empties every table whose foreign keys reference " + t
                                + ", transitively, with ACCESS EXCLUSIVE on each" : "")
                        + (restart ? "; RESTART IDENTITY resets its sequences, so ids are handed out again that"
                                + " may still be referenced outside the database" : ""),
                        new TableLock(r, LockMode.ACCESS_EXCLUSIVE), Work.CATALOG, safer(r, context));
            }
        }
    }

    private static String safer(Relation r, LintContext context) {
        String t = table(r);
        String key = DataRules.keyColumn(context, r);
        return "-- while the application still uses " + t + ": delete in batches, each its own transaction (row locks"
                + " only, triggers fire, other transactions see consistent data)\n"
                + "DELETE FROM " + t + " WHERE " + key + " IN (SELECT " + key + " FROM " + t + " ORDER BY " + key
                + " LIMIT 10000);\n"
                + "-- once nothing uses it: keep a copy first (Godwit snapshots every row; [safety] snapshot ="
                + " \"always\" above snapshot_row_limit), then TRUNCATE " + t + ";";
    }
}
