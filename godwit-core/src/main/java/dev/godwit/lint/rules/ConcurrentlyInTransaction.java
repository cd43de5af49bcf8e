package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.StatementAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A statement PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY, DROP INDEX
 * CONCURRENTLY, REINDEX CONCURRENTLY, DETACH PARTITION CONCURRENTLY, VACUUM, …): inside an explicit BEGIN it
 * fails (high); next to other statements it makes Godwit run the whole file without a transaction, so a
 * failure leaves the file half applied (medium).
 */
public final class ConcurrentlyInTransaction implements Rule {

    @Override
    public String id() {
        return "concurrently-in-transaction";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "CONCURRENTLY inside a transaction block, or sharing a file with other statements";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        Optional<String> refused = statement.whyNotInTransaction();
        if (refused.isEmpty()) {
            return;
        }
        String text = statement.statement().text() + ";";
        if (context.inExplicitTransaction()) {
            out.add(this, refused.get() + ": PostgreSQL refuses it inside the BEGIN at line " + beginLine(context)
                    + ". Godwit runs this file without a transaction of its own (because of this statement), so what"
                    + " ran before the BEGIN stays committed when the block fails", Optional.empty(), Work.CATALOG,
                    "-- no BEGIN / COMMIT around it: in a file of its own\n" + text);
            return;
        }
        if (refusingBefore(context)) {
            return; // said once per file, on its first such statement
        }
        List<Integer> others = otherStatements(context);
        if (!others.isEmpty()) {
            out.add(Graded.at(this, Risk.MEDIUM), "Godwit runs this whole file without a transaction, because "
                    + refused.get() + ": " + (others.size() == 1
                            ? "its other statement (line " + others.get(0) + ") commits on its own"
                            : "its " + others.size() + " other statements (lines " + join(others)
                                    + ") each commit on their own")
                    + ", so a failure leaves the file half applied and a rerun"
                    + " meets what already ran", Optional.empty(),
                    Work.CATALOG, "-- one migration for the other statements (one transaction), then a file with"
                            + " only:\n" + text);
        }
    }

    private static int beginLine(LintContext context) {
        List<StatementAnalysis> before = context.earlierInFile();
        for (int i = before.size() - 1; i >= 0; i--) {
            boolean begins = before.get(i).of(Action.TransactionControl.class).stream()
                    .anyMatch(Action.TransactionControl::begins);
            if (begins) {
                return before.get(i).statement().line();
            }
        }
        return 0;
    }

    private static boolean refusingBefore(LintContext context) {
        return context.earlierInFile().stream()
                .anyMatch(s -> s.whyNotInTransaction().isPresent());
    }

    /**
     * The lines of the file's other statements; settings, transaction control and what a rerun repeats
     * harmlessly (VACUUM, ANALYZE) left out.
     */
    private static List<Integer> otherStatements(LintContext context) {
        List<Integer> lines = new ArrayList<>();
        List<StatementAnalysis> all = new ArrayList<>(context.earlierInFile());
        all.addAll(context.laterInFile());
        for (StatementAnalysis s : all) {
            boolean bookkeeping = s.actions().stream().allMatch(a -> a instanceof Action.SetSetting
                    || a instanceof Action.TransactionControl || a instanceof Action.Vacuum v && !v.full()
                    || a instanceof Action.Harmless h && (h.what().equals("ANALYZE") || h.what().equals("ANALYSE")));
            if (!bookkeeping) {
                lines.add(s.statement().line());
            }
        }
        return lines;
    }

    private static String join(List<Integer> lines) {
        List<String> shown = lines.stream().limit(5).map(String::valueOf).toList();
        return String.join(", ", shown) + (lines.size() > 5 ? ", …" : "");
    }
}
