package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action.Unanalysed;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.Optional;

/** A statement Godwit cannot classify: said out loud rather than passed as safe. */
public final class UnanalysedStatement implements Rule {

    @Override
    public String id() {
        return "unanalysed-statement";
    }

    @Override
    public Risk risk() {
        return Risk.LOW;
    }

    @Override
    public String title() {
        return "Statement Godwit cannot analyse";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Unanalysed u : statement.of(Unanalysed.class)) {
            out.add(this, "Godwit cannot tell what this takes or changes (" + u.why() + "); check its locks by hand,"
                    + " or run `godwit rehearse` to trace them on a throwaway database",
                    u.table().map(t -> new TableLock(t, LockMode.ACCESS_EXCLUSIVE)), Work.CATALOG,
                    "-- no safer form is known: keep such statements in a migration of their own");
        }
    }
}
