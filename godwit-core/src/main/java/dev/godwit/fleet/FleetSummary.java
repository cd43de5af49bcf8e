package dev.godwit.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A fleet run's outcome, one row per target: the text the CLI prints, the JSON document and the self-contained
 * HTML page (docs/fleet.md "Summary").
 *
 * @param target the version every target was taken to (migrate, rollback), when known
 */
public record FleetSummary(String fleetRunId, String command, Shard shard, Instant startedAt, Instant finishedAt,
                           Optional<String> target, List<TargetResult> results) {

    public FleetSummary {
        results = List.copyOf(results);
    }

    public boolean succeeded() {
        return results.stream().allMatch(r -> r.result().ok() && !r.failed());
    }

    /**
     * 0 when every target succeeded; else the exit code the failed targets share (3 when each was locked, 8 when
     * each was unreachable...), else 1. Targets not started alone (a stop) give 1.
     */
    public int exitCode() {
        if (succeeded()) {
            return 0;
        }
        Set<Integer> codes = new TreeSet<>();
        results.stream().filter(TargetResult::failed).forEach(r -> codes.add(r.exitCode()));
        return codes.size() == 1 ? codes.iterator().next() : 1;
    }

    public Map<TargetResult.Result, Integer> counts() {
        Map<TargetResult.Result, Integer> m = new EnumMap<>(TargetResult.Result.class);
        results.forEach(r -> m.merge(r.result(), 1, Integer::sum));
        return m;
    }

    /** {@code 3 applied, 1 up to date, 1 failed, 2 not started}. */
    public String countsLine() {
        List<String> parts = new ArrayList<>();
        counts().forEach((k, v) -> parts.add(v + " " + k.word()));
        return parts.isEmpty() ? "no target" : String.join(", ", parts);
    }

    public Duration took() {
        return Duration.between(startedAt, finishedAt);
    }

    /** The plain text table: one row per target, then the counts and the exit code. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Fleet ").append(command).append(" ").append(fleetRunId)
                .append(shard.count() > 1 ? " (shard " + shard + ")" : "")
                .append(target.map(v -> ", to version " + v).orElse("")).append('\n');
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Target", "Result", "Before", "After", "Took", "Exit", "Detail"));
        for (TargetResult r : results) {
            rows.add(List.of(r.name(), r.result().word(), r.before().orElse("-"), r.after().orElse("-"),
                    r.result() == TargetResult.Result.NOT_STARTED ? "-" : r.durationMs() + " ms",
                    r.exitCode() < 0 ? "-" : String.valueOf(r.exitCode()), r.message()));
        }
        int[] w = new int[rows.get(0).size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                w[i] = Math.max(w[i], row.get(i).length());
            }
        });
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), w[i] + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append(countsLine()).append(" in ").append(took().toMillis()).append(" ms; exit ").append(exitCode())
                .append('\n');
        return sb.toString();
    }

    /** The JSON document ({@code --json}, and the file beside the HTML page). */
    public Map<String, Object> json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("fleetRunId", fleetRunId);
        doc.put("command", command);
        doc.put("shard", shard.toString());
        doc.put("startedAt", startedAt.toString());
        doc.put("finishedAt", finishedAt.toString());
        doc.put("target", target.orElse(null));
        doc.put("exitCode", exitCode());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts().forEach((k, v) -> counts.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
        doc.put("counts", counts);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TargetResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("tags", r.tags());
            m.put("result", r.result().name().toLowerCase(java.util.Locale.ROOT));
            m.put("before", r.before().orElse(null));
            m.put("after", r.after().orElse(null));
            m.put("durationMs", r.durationMs());
            m.put("exitCode", r.exitCode() < 0 ? null : r.exitCode());
            m.put("runId", r.runId().orElse(null));
            m.put("report", r.report().map(Path::toString).orElse(null));
            m.put("message", r.message());
            rows.add(m);
        }
        doc.put("targets", rows);
        return doc;
    }

    /** One page, no external file: inline style, a link per target to its run report (relative to {@code dir}). */
    public String html(Path dir) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Godwit fleet ")
                .append(esc(command)).append(' ').append(esc(fleetRunId)).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}")
                .append("th{background:#f3f3f3}.applied,.up_to_date,.checked{background:#e8f6e8}")
                .append(".failed{background:#fbe3e3}.not_started{background:#fff4d6}")
                .append("</style></head><body>\n<h1>Fleet ").append(esc(command)).append("</h1>\n<p>Run <code>")
                .append(esc(fleetRunId)).append("</code>").append(shard.count() > 1 ? ", shard " + shard : "")
                .append(target.map(v -> ", to version " + esc(v)).orElse("")).append(", started ")
                .append(esc(startedAt.toString())).append(", took ").append(took().toMillis()).append(" ms: <b>")
                .append(esc(countsLine())).append("</b>, exit ").append(exitCode()).append(".</p>\n<table>\n")
                .append("<tr><th>Target</th><th>Tags</th><th>Result</th><th>Before</th><th>After</th><th>Took</th>")
                .append("<th>Exit</th><th>Report</th><th>Detail</th></tr>\n");
        for (TargetResult r : results) {
            String cls = r.result().name().toLowerCase(java.util.Locale.ROOT);
            sb.append("<tr class=\"").append(r.failed() ? "failed" : cls).append("\"><td>").append(esc(r.name()))
                    .append("</td><td>").append(esc(String.join(", ", r.tags()))).append("</td><td>")
                    .append(esc(r.result().word())).append("</td><td>").append(esc(r.before().orElse("-")))
                    .append("</td><td>").append(esc(r.after().orElse("-"))).append("</td><td>")
                    .append(r.result() == TargetResult.Result.NOT_STARTED ? "-" : r.durationMs() + " ms")
                    .append("</td><td>").append(r.exitCode() < 0 ? "-" : r.exitCode()).append("</td><td>")
                    .append(r.report().map(p -> "<a href=\"" + esc(link(dir, p)) + "\">report</a>").orElse(""))
                    .append("</td><td>").append(esc(r.message())).append("</td></tr>\n");
        }
        return sb.append("</table>\n</body></html>\n").toString();
    }

    private static String link(Path dir, Path report) {
        Path abs = report.toAbsolutePath().normalize();
        try {
            return dir == null ? abs.toUri().toString()
                    : dir.toAbsolutePath().normalize().relativize(abs).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return abs.toUri().toString();
        }
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }
}
