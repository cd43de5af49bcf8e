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
 * DROP CONSTRAINT of a foreign key: PostgreSQL removes the key's triggers from the referenced table, so it takes
 * ACCESS EXCLUSIVE there as well — on a table the statement does not name, often the busiest one (accounts).
 * The referenced table is known from an ADD of the same name in the statement, an earlier statement of the
 * file, or (in {@code godwit rehearse}) the catalog.
 */
public final class DropForeignKey implements Rule {

    @Override
    public String id() {
        return "drop-foreign-key";
    }

    @Override
    public Risk risk() {
        return Risk.LOW;
    }

    @Override
    public String title() {
        return "Dropping a foreign key locks the referenced table ACCESS EXCLUSIVE too";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.DropConstraint d : statement.of(Action.DropConstraint.class)) {
            Optional<Relation> ref = d.references().or(() -> definedEarlier(d, context));
            if (ref.isEmpty() || context.isNew(ref.get()) || ref.get().sameAs(d.table())) {
                continue;
            }
            String r = ref.get().display();
            out.add(this, "DROP CONSTRAINT " + d.name() + " removes a foreign key of " + d.table().display()
                    + " to " + r + ": PostgreSQL takes ACCESS EXCLUSIVE on " + r + " as well, until "
                    + (context.inTransaction() ? "the transaction commits" : "the statement ends") + ": it waits for"
                    + " every open transaction on " + r + ", and every read and write of " + r + " queues behind it",
                    new TableLock(ref.get(), LockMode.ACCESS_EXCLUSIVE), Work.CATALOG,
                    "-- no lighter lock exists for this: keep it in a short migration of its own, with nothing after\n"
                            + "-- it in the transaction (Godwit's lock_timeout bounds the wait on " + r + ")\n"
                            + statement.statement().text() + ";");
        }
    }

    /** The table an earlier statement of the file made this key reference, when one did. */
    private static Optional<Relation> definedEarlier(Action.DropConstraint d, LintContext context) {
        List<StatementAnalysis> earlier = context.earlierInFile();
        for (int i = earlier.size() - 1; i >= 0; i--) {
            for (Action a : earlier.get(i).actions()) {
                if (a instanceof Action.AddConstraint k && k.table().sameAs(d.table())
                        && k.constraint().name().filter(d.name()::equals).isPresent()
                        && k.constraint().references().isPresent()) {
                    return Optional.of(k.constraint().references().get().table());
                }
                if (a instanceof Action.CreateTable ct && ct.table().sameAs(d.table())) {
                    for (var k : ct.constraints()) {
                        if (k.name().filter(d.name()::equals).isPresent() && k.references().isPresent()) {
                            return Optional.of(k.references().get().table());
                        }
                    }
                    for (var c : ct.columns()) {
                        if (c.references().isPresent() && d.name().equals(ct.table().name() + "_" + c.name() + "_fkey")) {
                            return Optional.of(c.references().get().table());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }
}
