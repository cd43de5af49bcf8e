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
 * ALTER TABLE … DISABLE TRIGGER ALL also disables the internal triggers that enforce foreign keys: rows written
 * meanwhile are not checked against the tables they reference, and ON DELETE CASCADE / SET NULL stop. In a
 * money system that is how a ledger gets entries for accounts that do not exist. (DISABLE TRIGGER USER leaves
 * the foreign keys on.)
 */
public final class DisableTriggerAll implements Rule {

    @Override
    public String id() {
        return "disable-trigger-all";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "DISABLE TRIGGER ALL turns off foreign-key enforcement";
    }

    /** {@code DISABLE TRIGGER ALL}, however it is spaced or cased; checked for every ALTER TABLE sub-command. */
    static boolean disablesAll(String what) {
        return what.regionMatches(true, 0, "DISABLE", 0, 7) && ALL.matcher(what).lookingAt();
    }

    private static final java.util.regex.Pattern ALL = java.util.regex.Pattern.compile("(?i)DISABLE\\s+TRIGGER\\s+ALL\\b");

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.OtherAlterTable o : statement.of(Action.OtherAlterTable.class)) {
            if (!disablesAll(o.what()) || context.isNew(o.table())) {
                continue;
            }
            String t = o.table().display();
            out.add(this, "DISABLE TRIGGER ALL on " + t + " turns off its foreign keys as well as its own triggers:"
                    + " until ENABLE TRIGGER ALL, rows written to " + t + " (by this migration or the application)"
                    + " are not checked against the tables they reference, cascades do not run, and the keys are"
                    + " not re-checked when the triggers come back — data that breaks them stays",
                    new TableLock(o.table(), o.lock()), Work.CATALOG,
                    "-- disable only the application's triggers; foreign keys stay enforced\n"
                            + "ALTER TABLE " + t + " DISABLE TRIGGER USER;\n"
                            + "-- … the work …\n"
                            + "ALTER TABLE " + t + " ENABLE TRIGGER USER;");
        }
    }
}
