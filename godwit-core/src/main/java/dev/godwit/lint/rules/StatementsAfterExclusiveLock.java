package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.LintContext.HeldLock;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.List;
import java.util.Optional;

/**
 * A statement that runs while an earlier statement of the same transaction holds ACCESS EXCLUSIVE on an
 * existing table: that table stays blocked until COMMIT, for as long as this statement takes. Writing rows
 * (a backfill) is high; reading or rewriting a whole table, or an unknown statement, medium; waiting for a
 * lock on another table, low. Quick catalog changes are not reported.
 */
public final class StatementsAfterExclusiveLock implements Rule {

    @Override
    public String id() {
        return "statements-after-exclusive-lock";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "Statement run while an earlier statement's ACCESS EXCLUSIVE lock is held";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        if (!context.inTransaction() || bookkeeping(statement)) {
            return;
        }
        List<TableLock> own = statement.locks(context.pgVersion());
        List<HeldLock> extended = context.accessExclusiveHeld().stream()
                .filter(h -> own.stream().noneMatch(l -> l.mode() == LockMode.ACCESS_EXCLUSIVE
                        && l.relation().sameAs(h.lock().relation())))
                .toList();
        if (extended.isEmpty()) {
            return;
        }
        Optional<Work> work = Effects.of(statement, context);
        List<String> waits = own.stream().map(TableLock::relation)
                .filter(r -> !context.isNew(r) && !context.absent(r) && extended.stream().noneMatch(h -> h.lock().relation().sameAs(r)))
                .map(Relation::display).distinct().toList();
        Risk risk;
        String doing;
        if (work.isEmpty()) {
            risk = Risk.MEDIUM;
            doing = "runs for a time Godwit cannot tell";
        } else if (work.get() == Work.ROWS) {
            risk = Risk.HIGH;
            doing = "writes rows";
        } else if (Effects.heavy(work.get())) {
            risk = Risk.MEDIUM;
            doing = work.get() == Work.REWRITE ? "rewrites a whole table" : "reads a whole table";
        } else if (!waits.isEmpty()) {
            risk = Risk.LOW;
            doing = "waits for its own lock on " + String.join(", ", waits);
        } else {
            return; // a quick catalog change on tables already held: it adds milliseconds
        }
        out.add(Graded.at(this, risk), statement.kind() + " " + doing + " while " + held(extended)
                + ", kept until COMMIT: every read and write of " + tables(extended) + " waits all that time",
                extended.get(0).lock(), work.orElse(Work.SCAN),
                "-- let the statement that takes ACCESS EXCLUSIVE commit first: move this one to a later migration\n"
                        + "-- (an UPDATE/DELETE of many rows: -- godwit:batch size=10000 pause=50ms on top of its file runs it in\n"
                        + "-- batches, each in its own transaction; docs/backfills.md)\n"
                        + statement.statement().text() + ";");
    }

    private static boolean bookkeeping(StatementAnalysis s) {
        return s.actions().stream().allMatch(a -> a instanceof Action.TransactionControl
                || a instanceof Action.SetSetting || a instanceof Action.Harmless);
    }

    private static String held(List<HeldLock> held) {
        List<String> each = held.stream().map(h -> "ACCESS EXCLUSIVE on " + h.lock().relation().display()
                + " (taken at line " + h.by().statement().line() + " by " + h.by().statement().summary() + ")")
                .toList();
        return String.join(" and ", each) + (held.size() == 1 ? " is held" : " are held");
    }

    private static String tables(List<HeldLock> held) {
        return String.join(", ", held.stream().map(h -> h.lock().relation().display()).toList());
    }
}
