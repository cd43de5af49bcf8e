package dev.godwit.cli.ops;

import dev.godwit.cli.Output;
import dev.godwit.preflight.Check;
import dev.godwit.preflight.PreflightReport;
import dev.godwit.preflight.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A preflight report for people (one line per check, offenders under it) and for machines. */
public final class PreflightOutput {

    private PreflightOutput() {}

    /** @param all every check; false: only those that warn or fail (what `migrate` shows) */
    public static void print(Output o, PreflightReport r, boolean all) {
        for (Check c : r.checks()) {
            if (!all && c.status() == Status.PASS) {
                continue;
            }
            o.line("  " + word(o, c.status()) + "  " + pad(c.id()) + c.summary()
                    + (c.threshold().isEmpty() ? "" : "  [" + c.threshold() + "]"));
            c.details().forEach(d -> o.line("        " + pad("") + d));
        }
    }

    public static String word(Output o, Status s) {
        return switch (s) {
            case PASS -> o.green("PASS");
            case WARN -> o.yellow("WARN");
            case FAIL -> o.red("FAIL");
        };
    }

    private static String pad(String id) {
        return String.format("%-20s", id);
    }

    public static Map<String, Object> json(PreflightReport r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", r.status().name());
        doc.put("checks", r.checks().stream().map(PreflightOutput::json).toList());
        return doc;
    }

    static Map<String, Object> json(Check c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("status", c.status().name());
        m.put("summary", c.summary());
        m.put("threshold", c.threshold());
        m.put("details", c.details());
        return m;
    }

    /** What to do about the failed checks, for the error message of a refused migrate. */
    /** The checks about sessions and locks, whose holders `godwit locks` lists. */
    private static final java.util.Set<String> LOCK_CHECKS = java.util.Set.of("table-locks", "long-transactions",
            "idle-in-transaction");

    public static String advice(List<Check> failed) {
        List<Check> writable = failed.stream().filter(c -> c.id().equals("writable")).toList();
        if (!writable.isEmpty()) {
            // Skipping preflight cannot help: the first write would fail. Say why and what to point at instead.
            return "nothing was applied: " + writable.get(0).summary();
        }
        // Only sessions and locks are what `godwit locks` shows; a lagging replica or a full server is not.
        boolean sessions = failed.stream().anyMatch(c -> LOCK_CHECKS.contains(c.id()));
        return "nothing was applied: the database is not ready (" + String.join(", ", failed.stream().map(Check::id)
                .toList()) + ")" + (sessions ? "; `godwit locks` shows who blocks whom" : "") + "; fix the cause,"
                + " raise the threshold in [preflight], or run with --skip-preflight (recorded in the audit log)";
    }
}
