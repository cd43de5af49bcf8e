package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action.AddConstraint;
import dev.godwit.sql.analysis.ConstraintDef;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;

/**
 * ADD CONSTRAINT … EXCLUDE builds its index under ACCESS EXCLUSIVE, and PostgreSQL has no concurrent form:
 * an exclusion constraint cannot be attached to an index built beforehand.
 */
public final class ExcludeConstraint implements Rule {

    @Override
    public String id() {
        return "exclude-constraint";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "Exclusion constraint added to an existing table";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (AddConstraint k : statement.of(AddConstraint.class)) {
            if (k.constraint().kind() != ConstraintDef.Kind.EXCLUDE || context.isNew(k.table())) {
                continue;
            }
            String t = k.table().display();
            out.add(this, "EXCLUDE builds its index on " + t + ", checking each row against the others, while holding"
                    + " ACCESS EXCLUSIVE: no read or write of " + t + " meanwhile, and PostgreSQL has no concurrent way"
                    + " to add an exclusion constraint", new TableLock(k.table(), LockMode.ACCESS_EXCLUSIVE), Work.SCAN,
                    "-- no online form exists. Make it short and sure:\n"
                            + "-- 1. before the window, find the rows that would violate it (a self-join on the"
                            + " excluded columns), and fix them\n"
                            + "-- 2. in a quiet window, in a migration of its own, with Godwit's short lock_timeout:\n"
                            + "ALTER TABLE " + t + " ADD " + k.constraint().written() + ";\n"
                            + "-- or enforce it for new rows first with a trigger, and add the constraint in the"
                            + " window");
        }
    }
}
