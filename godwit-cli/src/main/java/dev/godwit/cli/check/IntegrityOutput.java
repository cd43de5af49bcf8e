package dev.godwit.cli.check;

import dev.godwit.cli.Output;
import dev.godwit.cli.Tables;
import dev.godwit.integrity.AuditResult;
import dev.godwit.integrity.GuardResult;
import dev.godwit.integrity.InvariantResult;
import dev.godwit.integrity.InvariantResult.Status;
import dev.godwit.migration.MigrationScript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a run shows its integrity checks: the invariants around each migration, the schema audit after the run. */
public final class IntegrityOutput {

    /** Schema findings shown after a run; {@code godwit check schema} lists them all. */
    private static final int SHOWN_FINDINGS = 10;

    private IntegrityOutput() {}

    /** A line when every invariant held; the whole table, and what it means, when one did not. */
    public static void invariants(Output o, MigrationScript m, GuardResult r) {
        String took = r.added().toMillis() + " ms";
        if (!r.violated()) {
            o.line("  checked " + r.checked() + " invariant(s) of " + m.label() + ": " + o.green("all hold") + " ("
                    + took + " added to the migration and to any lock it held)");
            for (InvariantResult x : r.results()) {
                if (x.status() != Status.HOLDS || x.how().startsWith("counters") || x.how().startsWith("skipped")) {
                    o.line("    " + x.check() + ": " + x.status().words() + "; " + x.how());
                }
            }
            return;
        }
        o.line("  " + o.red("integrity check failed") + " in " + m.label() + ": " + r.violations().size() + " of "
                + r.checked() + " check(s) violated");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("check", "before", "after", "expected", "result", "how"));
        for (InvariantResult x : r.results()) {
            rows.add(List.of(x.check(), x.before(), x.after(), x.expected(),
                    x.violated() ? o.red(x.status().words()) : x.status().words(), x.how()));
        }
        Tables.print(o, rows);
        for (InvariantResult x : r.violations()) {
            if (!x.evidence().isEmpty()) {
                o.line("  rows " + x.check() + " found:");
                x.evidence().forEach(e -> o.line("    " + e));
            }
        }
        o.line("  the checks added " + took + " to the migration (and to any lock it held)");
        o.line(r.transactional() ? "  " + o.yellow("refused to COMMIT") + ": the migration was rolled back, nothing"
                + " of it was applied"
                : "  " + o.yellow("it ran outside a transaction") + ", so Godwit cannot roll it back: its changes stay"
                + " applied");
    }

    /** What the run introduced that the schema audit finds wrong; it only reports (the run has committed). */
    public static void schemaAudit(Output o, AuditResult r) {
        if (r.error().isPresent()) {
            o.line("  " + o.yellow("schema audit skipped") + ": " + r.error().get());
            return;
        }
        if (r.findings().isEmpty()) {
            o.line("  schema audit: nothing wrong in what this run introduced");
            return;
        }
        o.line("  " + o.yellow("schema audit") + ": this run introduced " + r.findings().size() + " problem(s)"
                + " (`godwit check schema` lists every one in the database):");
        r.findings().stream().limit(SHOWN_FINDINGS).forEach(f -> o.line("    " + f.check() + ": " + f.describe()));
        if (r.findings().size() > SHOWN_FINDINGS) {
            o.line("    … and " + (r.findings().size() - SHOWN_FINDINGS) + " more");
        }
    }

    /** The violations in a run's JSON result. */
    public static List<Map<String, Object>> json(List<InvariantResult> results) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (InvariantResult x : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", x.check());
            m.put("before", x.before());
            m.put("after", x.after());
            m.put("expected", x.expected());
            m.put("result", x.status().words());
            m.put("how", x.how());
            m.put("evidence", x.evidence());
            out.add(m);
        }
        return out;
    }
}
