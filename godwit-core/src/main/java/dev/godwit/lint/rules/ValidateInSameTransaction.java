package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.Action.AddConstraint;
import dev.godwit.sql.analysis.Action.ValidateConstraint;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VALIDATE CONSTRAINT in the transaction that added the constraint NOT VALID: the ADD's lock (ACCESS
 * EXCLUSIVE for a CHECK, SHARE ROW EXCLUSIVE on both tables for a foreign key) is still held, so the
 * validating scan blocks what NOT VALID was written to let through.
 */
public final class ValidateInSameTransaction implements Rule {

    @Override
    public String id() {
        return "validate-in-same-transaction";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "VALIDATE CONSTRAINT in the transaction that added it NOT VALID";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (ValidateConstraint v : statement.of(ValidateConstraint.class)) {
            if (context.isNew(v.table())) {
                continue;
            }
            added(v, statement, context).ifPresent(by -> report(v, by, context, out));
        }
    }

    /** The statement of this transaction (or this one, before the VALIDATE) that added the constraint NOT VALID. */
    private static Optional<StatementAnalysis> added(ValidateConstraint v, StatementAnalysis statement,
            LintContext context) {
        List<StatementAnalysis> candidates = new ArrayList<>(context.inTransaction() ? context.earlierInTransaction()
                : List.of());
        List<Action> before = statement.actions().subList(0, statement.actions().indexOf(v));
        if (before.stream().anyMatch(a -> adds(a, v))) {
            return Optional.of(statement);
        }
        for (int i = candidates.size() - 1; i >= 0; i--) {
            if (candidates.get(i).actions().stream().anyMatch(a -> adds(a, v))) {
                return Optional.of(candidates.get(i));
            }
        }
        return Optional.empty();
    }

    private static boolean adds(Action a, ValidateConstraint v) {
        return a instanceof AddConstraint k && k.table().sameAs(v.table()) && k.constraint().notValid()
                && k.constraint().name().filter(v.name()::equals).isPresent();
    }

    private void report(ValidateConstraint v, StatementAnalysis by, LintContext context, Findings out) {
        AddConstraint add = by.of(AddConstraint.class).stream().filter(a -> adds(a, v)).findFirst().orElseThrow();
        List<TableLock> locks = add.locks(context.pgVersion());
        TableLock held = locks.get(0);
        String on = String.join(" and ", locks.stream().map(l -> l.relation().display()).toList());
        String t = v.table().display();
        out.add(this, "VALIDATE CONSTRAINT " + v.name() + " runs in the same transaction as the ADD CONSTRAINT … NOT"
                + " VALID at line " + by.statement().line() + ", whose " + held.mode().sqlName() + " on " + on
                + " is still held during the validating scan. It blocks " + held.mode().blocks()
                + " — as if NOT VALID had not been written",
                held, Work.SCAN,
                "-- migration 1 (commits at once)\n"
                        + "ALTER TABLE " + add.table().display() + " ADD " + add.constraint().written() + ";\n"
                        + "-- migration 2, a later file: SHARE UPDATE EXCLUSIVE only\n"
                        + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + v.name() + ";");
    }
}
