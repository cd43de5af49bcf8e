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
 * VALIDATE CONSTRAINT sharing an ALTER TABLE with a sub-command that needs ACCESS EXCLUSIVE: PostgreSQL takes
 * the strongest lock of all sub-commands before any runs, so the validating scan, which alone lets reads and
 * writes go on, then blocks them all for its whole length.
 */
public final class ValidationUnderExclusiveLock implements Rule {

    @Override
    public String id() {
        return "validation-under-exclusive-lock";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "VALIDATE CONSTRAINT in an ALTER TABLE that holds ACCESS EXCLUSIVE";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.ValidateConstraint v : statement.of(Action.ValidateConstraint.class)) {
            if (context.isNew(v.table())) {
                continue;
            }
            Optional<Action> exclusive = statement.actions().stream().filter(a -> a != v && a.locks(context.pgVersion())
                    .stream().anyMatch(l -> l.relation().sameAs(v.table()) && l.mode() == LockMode.ACCESS_EXCLUSIVE))
                    .findFirst();
            if (exclusive.isEmpty()) {
                continue;
            }
            String t = v.table().display();
            String other = Subcommands.words(exclusive.get());
            out.add(this, "VALIDATE CONSTRAINT " + v.name() + " reads every row of " + t + " while " + other
                    + " in the same statement holds ACCESS EXCLUSIVE on " + t + ": every read and write of " + t
                    + " waits for the whole scan. Alone, VALIDATE takes SHARE UPDATE EXCLUSIVE and they go on",
                    new TableLock(v.table(), LockMode.ACCESS_EXCLUSIVE), Work.SCAN,
                    "-- migration 1: the change that needs ACCESS EXCLUSIVE, alone (milliseconds once granted)\n"
                            + "ALTER TABLE " + t + " " + other + ";\n"
                            + "-- migration 2, a later file: SHARE UPDATE EXCLUSIVE only, reads and writes go on\n"
                            + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + v.name() + ";");
        }
    }
}
