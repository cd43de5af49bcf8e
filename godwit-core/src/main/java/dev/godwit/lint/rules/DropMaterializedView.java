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
 * DROP MATERIALIZED VIEW of an existing view: ACCESS EXCLUSIVE on it, so it waits for every reader and every
 * reader queues behind it, and the code that reads it fails from the commit on. Its rows are derived and can
 * be rebuilt from the query, so it is no data loss.
 */
public final class DropMaterializedView implements Rule {

    @Override
    public String id() {
        return "drop-materialized-view";
    }

    @Override
    public Risk risk() {
        return Risk.MEDIUM;
    }

    @Override
    public String title() {
        return "Materialized view dropped while code may still read it";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.DropOther d : statement.of(Action.DropOther.class)) {
            if (!d.what().equals("MATERIALIZED VIEW")) {
                continue;
            }
            for (String name : d.names()) {
                Relation v = Relation.parse(name);
                if (context.isNew(v) || createdEarlierInFile(v, context)) {
                    continue;
                }
                out.add(this, "DROP MATERIALIZED VIEW " + name + " takes ACCESS EXCLUSIVE on " + name + ": it waits"
                        + " for every query reading it, they queue behind it, and from the commit on every query of"
                        + " the running application that reads " + name + " fails (its rows can be rebuilt from the"
                        + " query; no source data is lost)",
                        new TableLock(v, LockMode.ACCESS_EXCLUSIVE), Work.CATALOG,
                        "-- deploy code that no longer reads " + name + " first; then, in a short migration:\n"
                                + statement.statement().text() + ";");
            }
        }
    }

    /** {@code CREATE MATERIALIZED VIEW name} earlier in this file: dropping it again harms nobody. */
    private static boolean createdEarlierInFile(Relation v, LintContext context) {
        for (StatementAnalysis s : context.earlierInFile()) {
            List<String> w = s.statement().words(8);
            if (w.size() > 3 && w.get(0).equals("CREATE") && w.contains("MATERIALIZED")) {
                int at = w.indexOf("VIEW") + 1;
                if (at > 0 && at < w.size() && w.get(at).equals("IF")) {
                    at += 3;
                }
                if (at > 0 && at < w.size() && w.get(at).equalsIgnoreCase(v.name())) {
                    return true;
                }
            }
        }
        return false;
    }
}
