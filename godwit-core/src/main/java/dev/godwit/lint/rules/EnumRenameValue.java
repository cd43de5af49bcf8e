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
 * ALTER TYPE … RENAME VALUE: a catalog change, but like a column rename it breaks the running code that still
 * writes or compares the old label (ERROR: invalid input value for enum) until the new code is deployed.
 */
public final class EnumRenameValue implements Rule {

    @Override
    public String id() {
        return "enum-rename-value";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "Enum value renamed while running code still uses the old label";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.RenameEnumValue r : statement.of(Action.RenameEnumValue.class)) {
            if (createdEarlierInFile(r.type(), context)) {
                continue;
            }
            String type = r.type().display();
            out.add(this, "renaming " + r.from() + " of " + type + " to " + r.to() + " breaks every query of the running"
                    + " application that writes or compares " + r.from() + " (ERROR: invalid input value for enum "
                    + type + ") until the new code is deployed; stored rows change label at once",
                    Optional.empty(), Work.CATALOG,
                    "-- expand: the new label next to the old one (its own migration: ADD VALUE cannot be used in the\n"
                            + "-- transaction that adds it)\n"
                            + "ALTER TYPE " + type + " ADD VALUE IF NOT EXISTS " + r.to() + ";\n"
                            + "-- deploy code that accepts both, move rows in batches (UPDATE … SET col = " + r.to()
                            + " WHERE col = " + r.from() + "),\n"
                            + "-- and stop writing " + r.from() + "; the old label can stay (enum values cannot be"
                            + " dropped)");
        }
    }

    private static boolean createdEarlierInFile(Relation type, LintContext context) {
        return context.earlierInFile().stream().flatMap(s -> s.of(Action.CreateEnum.class).stream())
                .anyMatch(e -> e.type().sameAs(type));
    }
}
