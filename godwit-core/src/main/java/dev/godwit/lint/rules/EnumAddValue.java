package dev.godwit.lint.rules;

import static dev.godwit.lint.rules.DataRules.table;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.Token;
import dev.godwit.sql.TokenType;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.StatementAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ALTER TYPE … ADD VALUE: before PostgreSQL 12 refused in a transaction block; since 12 the value cannot be
 * used until the transaction commits; without BEFORE / AFTER it sorts after every existing value.
 */
public final class EnumAddValue implements Rule {

    @Override
    public String id() {
        return "enum-add-value";
    }

    @Override
    public Risk risk() {
        return Risk.MEDIUM;
    }

    @Override
    public String title() {
        return "Enum value added: transaction limits and sort order";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.AddEnumValue add : statement.of(Action.AddEnumValue.class)) {
            List<String> problems = new ArrayList<>();
            boolean createdInTransaction = created(context.earlierInTransaction(), add);
            if (context.pgVersion() < 12 && context.inTransaction() && !createdInTransaction) {
                problems.add("PostgreSQL " + context.pgVersion() + " refuses it inside a transaction block (ERROR:"
                        + " ALTER TYPE ... ADD cannot run inside a transaction block), and this statement runs in one");
            }
            if (context.pgVersion() >= 12 && context.inTransaction()) {
                usedLaterInTransaction(context, add.value()).ifPresent(line -> problems.add("line " + line + " of the"
                        + " same transaction has " + add.value() + ", and where that is a " + add.type().display()
                        + " value PostgreSQL refuses it (ERROR: unsafe use of new value) until this transaction"
                        + " commits"));
            }
            if (add.placement().isEmpty() && !created(context.earlierInFile(), add)) {
                problems.add("without BEFORE or AFTER, " + add.value() + " sorts after every existing value of "
                        + add.type().display() + ": ORDER BY, comparisons (< >), min()/max() and range partitions"
                        + " on the type put it last");
            }
            if (!problems.isEmpty()) {
                out.add(this, "ALTER TYPE " + add.type().display() + " ADD VALUE " + add.value() + ": "
                        + String.join("; ", problems), Optional.empty(), Work.CATALOG, safer(add, context));
            }
        }
    }

    private static String safer(Action.AddEnumValue add, LintContext context) {
        String placement = add.placement().orElse("AFTER '<the value it follows>'");
        return (context.pgVersion() < 12
                ? "-- in a file of its own, with -- godwit:no-transaction (PostgreSQL 11 and older refuse it in one)\n"
                : "-- in its own migration, before the ones that use the value\n")
                + "ALTER TYPE " + table(add.type()) + " ADD VALUE IF NOT EXISTS " + add.value() + " " + placement
                + ";\n"
                + "-- use " + add.value() + " (defaults, UPDATEs, CHECKs) only in a later migration, after this one"
                + " has committed; deploy code that can read it before any code writes it";
    }

    /** True when one of {@code statements} created the enum type: it holds no data and no code orders by it. */
    private static boolean created(List<StatementAnalysis> statements, Action.AddEnumValue add) {
        return statements.stream().flatMap(s -> s.of(Action.CreateEnum.class).stream())
                .anyMatch(e -> e.type().sameAs(add.type()));
    }

    /** The line of the first later statement of this transaction that has the new value as a string literal. */
    private static Optional<Integer> usedLaterInTransaction(LintContext context, String value) {
        for (StatementAnalysis s : context.laterInFile()) {
            if (s.of(Action.TransactionControl.class).stream().anyMatch(Action.TransactionControl::ends)) {
                return Optional.empty(); // the transaction ends (an explicit COMMIT); later uses are safe
            }
            for (Token t : s.statement().tokens()) {
                if (t.type() == TokenType.STRING && t.text().equals(value)) {
                    return Optional.of(t.line());
                }
            }
        }
        return Optional.empty();
    }
}
