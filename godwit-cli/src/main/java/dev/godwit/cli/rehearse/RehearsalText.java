package dev.godwit.cli.rehearse;

import dev.godwit.cli.Output;
import dev.godwit.rehearse.Disagreement;
import dev.godwit.rehearse.LoadStats;
import dev.godwit.rehearse.MigrationTrace;
import dev.godwit.rehearse.ObservedLock;
import dev.godwit.rehearse.RehearsalResult;
import dev.godwit.rehearse.RollbackCheck;
import dev.godwit.rehearse.StatementTrace;
import dev.godwit.sql.analysis.TableLock;
import java.util.List;

/** {@code godwit rehearse} in words, statement by statement, then the rollback test and the verdict. */
public final class RehearsalText {

    private RehearsalText() {}

    public static void print(Output o, RehearsalResult r) {
        if (!r.problems().isEmpty()) {
            o.line(o.red("The rehearsal did not start") + ": migrate would refuse these migrations:");
            r.problems().forEach(p -> o.line("  " + p));
            return;
        }
        o.line(o.bold("Rehearsal") + " on " + r.server() + ", from "
                + ("target".equals(r.from()) ? "the target's schema" : "scratch (the applied migrations)"));
        r.notes().forEach(n -> o.line("  note: " + n));
        if (r.migrations().isEmpty()) {
            o.line("Nothing pending: nothing to rehearse.");
        }
        for (MigrationTrace m : r.migrations()) {
            migration(o, m);
        }
        o.line("");
        rollback(o, r.rollback());
        o.line("");
        verdict(o, r);
    }

    private static void migration(Output o, MigrationTrace m) {
        o.line("");
        o.line(o.bold(m.script()) + " (" + (m.transactional() ? "one transaction" : "statement by statement") + ", "
                + (m.endMs() - m.startMs()) + " ms)");
        int n = 1;
        for (StatementTrace s : m.statements()) {
            o.line(String.format("  %2d  %s  %d ms", n++, s.summary(), s.durationMs()));
            if (!s.observed()) {
                o.line("        locks: not seen (outside a transaction, it finished between two looks at pg_locks)");
            } else if (!s.taken().isEmpty()) {
                o.line("        locks: " + String.join(", ", strongest(s.taken())) + (m.transactional()
                        ? " (held until COMMIT)" : ""));
            }
            if (!s.rewrites().isEmpty()) {
                o.line("        " + o.yellow("rewrites") + ": " + String.join(", ", s.rewrites()));
            }
            s.catalogChanges().stream().limit(8).forEach(c -> o.line("        catalog: " + c));
            if (s.catalogChanges().size() > 8) {
                o.line("        catalog: … and " + (s.catalogChanges().size() - 8) + " more (--json lists them all)");
            }
            if (s.disagreements().isEmpty()) {
                if (!s.predicted().isEmpty()) {
                    o.line("        linter: " + (s.observed() ? "agrees (" : "predicts (not compared: ") + String.join(", ",
                            s.predicted().stream().map(TableLock::describe).toList()) + ")");
                }
            } else {
                for (Disagreement d : s.disagreements()) {
                    o.line("        " + (d.missedBlock() ? o.red("linter missed") : o.yellow("linter differs")) + ": "
                            + d.describe());
                }
            }
            s.load().filter(l -> l.operations() > 0).ifPresent(l -> o.line("        load: " + load(l)));
            s.error().ifPresent(e -> o.line("        " + o.red("FAILED") + " at " + s.location() + ": " + e));
        }
        m.projections().forEach(p -> o.line("  in production: " + p));
    }

    /** The strongest mode per relation (JSON lists every mode). */
    private static List<String> strongest(List<ObservedLock> taken) {
        java.util.Map<String, ObservedLock> best = new java.util.LinkedHashMap<>();
        for (ObservedLock l : taken) {
            best.merge(l.relation() + "/" + l.kind(), l, (a, b) -> a.mode().compareTo(b.mode()) >= 0 ? a : b);
        }
        return best.values().stream().map(ObservedLock::describe).toList();
    }

    static String load(LoadStats l) {
        return l.operations() + " operations, p50 " + l.p50Ms() + " ms, p99 " + l.p99Ms() + " ms, max " + l.maxMs()
                + " ms, " + l.errors() + " errors, " + l.blockedMs() + " ms blocked";
    }

    private static void rollback(Output o, RollbackCheck r) {
        String word = switch (r.status()) {
            case PASSED -> o.green("passed");
            case FAILED -> o.red("FAILED");
            case SKIPPED -> o.yellow("skipped");
        };
        o.line(o.bold("Rollback test") + ": " + word + " — " + r.detail());
        r.differences().forEach(d -> o.line("  " + d));
    }

    private static void verdict(Output o, RehearsalResult r) {
        if (r.passed()) {
            o.line(o.green("Rehearsal passed") + (r.rollback().status() == RollbackCheck.Status.SKIPPED
                    ? " (the rollback was not tested: see above)" : "") + ".");
            return;
        }
        List<String> why = new java.util.ArrayList<>();
        if (r.statementFailed()) {
            why.add("a statement failed");
        }
        if (r.missedBlockingLock()) {
            why.add("PostgreSQL took a blocking lock the linter did not predict");
        }
        if (r.rollback().doesNotRestore()) {
            why.add("the rollback does not restore the schema");
        }
        if (r.reapplyFailed()) {
            why.add("the migrations failed when applied again after the rollback");
        }
        o.line(o.red("Rehearsal failed") + ": " + String.join("; ", why) + ".");
    }
}
