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
import java.util.Optional;

/** VACUUM FULL and CLUSTER copy the whole table under ACCESS EXCLUSIVE: no read or write for the whole copy. */
public final class VacuumFullOrCluster implements Rule {

    @Override
    public String id() {
        return "vacuum-full-or-cluster";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "VACUUM FULL or CLUSTER rewrites the table under ACCESS EXCLUSIVE";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action a : statement.actions()) {
            if (a instanceof Action.Vacuum v && v.full()) {
                report("VACUUM FULL", v.tables(), "every table of the database", context, out);
            } else if (a instanceof Action.Cluster c) {
                report("CLUSTER", c.table().map(List::of).orElse(List.of()),
                        "every table clustered before (CLUSTER without a table)", context, out);
            }
        }
    }

    private void report(String what, List<Relation> tables, String whenNone, LintContext context, Findings out) {
        List<Relation> existing = tables.stream().filter(t -> !context.isNew(t)).toList();
        if (!tables.isEmpty() && existing.isEmpty()) {
            return;
        }
        String which = existing.isEmpty() ? whenNone
                : String.join(", ", existing.stream().map(Relation::display).toList());
        Optional<TableLock> lock = existing.stream().findFirst().map(t -> new TableLock(t, LockMode.ACCESS_EXCLUSIVE));
        String first = existing.isEmpty() ? "<table>" : existing.get(0).display();
        out.add(this, what + " copies " + which + " into new files under ACCESS EXCLUSIVE: no read or write of a"
                + " table until its copy and index rebuilds are done, and each needs the disk space of a second copy",
                lock,
                Work.REWRITE,
                "-- outside migrations, online (ACCESS EXCLUSIVE only for a moment at the start and the end):\n"
                        + "--   pg_repack --table=" + first + (what.equals("CLUSTER") ? " --order-by=<index columns>"
                                : " --no-order") + "   (or the pg_squeeze extension)\n"
                        + "-- or, to make dead rows' space reusable without rewriting (blocks nobody):\n"
                        + "VACUUM (ANALYZE) " + first + ";");
    }
}
