package dev.godwit.rehearse;

import dev.godwit.sql.analysis.LockMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rehearsal as one self-contained HTML page (inline CSS and SVG, nothing fetched): the verdict, a lock
 * timeline (statements along time, each table's lock mode as a coloured band, the load clients' latency
 * underneath), every statement's trace, and the rollback test.
 */
public final class HtmlReport {

    private static final int WIDTH = 960;
    private static final int LABEL = 180;
    private static final int ROW = 22;

    private HtmlReport() {}

    public static String render(RehearsalResult r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Godwit rehearsal</title>\n")
                .append("<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
                        + "text-align:left;vertical-align:top}th{background:#f3f3f3}.bad{color:#b00020;font-weight:bold}"
                        + ".ok{color:#1b7f2a;font-weight:bold}code{font-size:13px}.legend span{display:inline-block;"
                        + "padding:2px 6px;margin-right:4px;color:#fff;border-radius:3px}</style></head><body>\n");
        h.append("<h1>Godwit rehearsal</h1>\n<p id=\"verdict\" class=\"").append(r.passed() ? "ok" : "bad").append("\">")
                .append(r.passed() ? "Passed" : "Did not pass").append("</p>\n<p>On ").append(esc(r.server()))
                .append(", from ").append(esc(r.from())).append(", PostgreSQL ").append(r.pgMajor())
                .append(" locks.</p>\n");
        list(h, r.notes());
        list(h, r.problems());
        h.append("<h2>Lock timeline</h2>\n").append(legend()).append(timeline(r));
        for (MigrationTrace m : r.migrations()) {
            migration(h, m);
        }
        h.append("<h2>Rollback test</h2>\n<p class=\"")
                .append(r.rollback().status() == RollbackCheck.Status.FAILED ? "bad" : "ok").append("\">")
                .append(esc(r.rollback().status().name().toLowerCase(Locale.ROOT))).append(": ")
                .append(esc(r.rollback().detail())).append("</p>\n");
        list(h, r.rollback().differences());
        return h.append("</body></html>\n").toString();
    }

    private static void migration(StringBuilder h, MigrationTrace m) {
        h.append("<h2>").append(esc(m.script())).append("</h2>\n<p>")
                .append(m.transactional() ? "one transaction" : "statement by statement, outside a transaction")
                .append(", ").append(m.endMs() - m.startMs()).append(" ms").append("</p>\n");
        m.failure().ifPresent(f -> h.append("<p class=\"bad\">Failed: ").append(esc(f)).append("</p>\n"));
        list(h, m.projections());
        h.append("<table><tr><th>statement</th><th>ms</th><th>locks taken</th><th>rewrites</th><th>catalog</th>"
                + "<th>linter</th><th>load</th></tr>\n");
        for (StatementTrace s : m.statements()) {
            h.append("<tr><td><code>").append(esc(s.summary())).append("</code><br><small>").append(esc(s.location()))
                    .append("</small></td><td>").append(s.durationMs()).append("</td><td>")
                    .append(esc(String.join(", ", s.taken().stream().map(ObservedLock::describe).toList())))
                    .append("</td><td>").append(esc(String.join(", ", s.rewrites()))).append("</td><td>")
                    .append(esc(String.join("; ", s.catalogChanges()))).append("</td><td")
                    .append(s.disagreements().isEmpty() ? ">agrees" : " class=\"bad\">" + esc(String.join("; ",
                            s.disagreements().stream().map(Disagreement::describe).toList())))
                    .append(s.error().map(e -> "<br><span class=\"bad\">" + esc(e) + "</span>").orElse(""))
                    .append("</td><td>").append(s.load().map(HtmlReport::load).orElse("")).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String load(LoadStats l) {
        return l.operations() + " ops, p50 " + l.p50Ms() + " ms, p99 " + l.p99Ms() + " ms, max " + l.maxMs() + " ms, "
                + l.errors() + " errors, blocked " + l.blockedMs() + " ms";
    }

    private static String timeline(RehearsalResult r) {
        if (r.migrations().isEmpty()) {
            return "<p>Nothing was traced.</p>\n";
        }
        long end = Math.max(1, r.migrations().get(r.migrations().size() - 1).endMs());
        List<StatementTrace> statements = new ArrayList<>();
        Map<String, List<LockHold>> bands = new LinkedHashMap<>();
        for (MigrationTrace m : r.migrations()) {
            statements.addAll(m.statements());
            for (LockHold lh : m.holds()) {
                bands.computeIfAbsent(lh.relation() + ("table".equals(lh.kind()) ? "" : " (" + lh.kind() + ")"),
                        k -> new ArrayList<>()).add(lh);
            }
        }
        List<LoadPoint> points = r.load();
        int rows = 1 + bands.size() + (points.isEmpty() ? 0 : 3);
        int height = rows * ROW + 30;
        StringBuilder s = new StringBuilder("<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height).append("\" role=\"img\">\n");
        double scale = (WIDTH - LABEL - 10) / (double) end;
        text(s, 4, 15, "statements");
        for (StatementTrace st : statements) {
            double x = LABEL + st.startMs() * scale;
            double w = Math.max(1.5, st.durationMs() * scale);
            s.append("<rect x=\"").append(f(x)).append("\" y=\"4\" width=\"").append(f(w)).append("\" height=\"")
                    .append(ROW - 8).append("\" fill=\"").append(st.error().isPresent() ? "#b00020" : "#555")
                    .append("\"><title>").append(esc(st.summary() + " — " + st.durationMs() + " ms")).append("</title></rect>\n");
        }
        int y = ROW;
        for (Map.Entry<String, List<LockHold>> e : bands.entrySet()) {
            text(s, 4, y + 15, e.getKey());
            int top = y + 3;
            e.getValue().stream().sorted((a, b) -> a.mode().compareTo(b.mode())).forEach(lh -> s.append("<rect x=\"")
                    .append(f(LABEL + lh.fromMs() * scale)).append("\" y=\"").append(top).append("\" width=\"")
                    .append(f(Math.max(1.5, lh.heldMs() * scale))).append("\" height=\"").append(ROW - 6)
                    .append("\" fill=\"").append(colour(lh.mode())).append("\"><title>")
                    .append(esc(lh.mode().sqlName() + " on " + lh.relation() + ", " + lh.heldMs() + " ms"))
                    .append("</title></rect>\n"));
            y += ROW;
        }
        if (!points.isEmpty()) {
            latency(s, points, y, scale);
            y += 3 * ROW;
        }
        s.append("<line x1=\"").append(LABEL).append("\" y1=\"").append(y + 4).append("\" x2=\"").append(WIDTH - 10)
                .append("\" y2=\"").append(y + 4).append("\" stroke=\"#999\"/>\n");
        text(s, LABEL, y + 20, "0 ms");
        text(s, WIDTH - 90, y + 20, end + " ms");
        return s.append("</svg>\n").toString();
    }

    private static void latency(StringBuilder s, List<LoadPoint> points, int y, double scale) {
        long max = Math.max(1, points.stream().mapToLong(LoadPoint::latencyMs).max().orElse(1));
        text(s, 4, y + 15, "client latency (max " + max + " ms)");
        text(s, 4, y + 30, "reads blue, writes orange");
        int h = 3 * ROW - 6;
        for (LoadPoint p : points) {
            // a line from the operation's start to its end, at the height of its latency: blocking shows as long lines
            double x = LABEL + p.startMs() * scale;
            double x2 = LABEL + (p.startMs() + p.latencyMs()) * scale;
            double py = y + 3 + h - (p.latencyMs() / (double) max) * h;
            String colour = p.error() ? "#b00020" : p.write() ? "#d9822b" : "#2b6cb0";
            s.append("<line x1=\"").append(f(x)).append("\" y1=\"").append(f(py)).append("\" x2=\"").append(f(x2))
                    .append("\" y2=\"").append(f(py)).append("\" stroke=\"").append(colour).append("\"/>")
                    .append("<circle cx=\"").append(f(x2)).append("\" cy=\"").append(f(py)).append("\" r=\"1.5\" fill=\"")
                    .append(colour).append("\"/>\n");
        }
    }

    private static String legend() {
        StringBuilder s = new StringBuilder("<p class=\"legend\">");
        for (LockMode m : LockMode.values()) {
            s.append("<span style=\"background:").append(colour(m)).append("\">").append(m.sqlName()).append("</span>");
        }
        return s.append("</p>\n").toString();
    }

    /** Weak locks cool, locks that block writes warm, ACCESS EXCLUSIVE red. */
    static String colour(LockMode m) {
        String[] c = {"#7fb3d5", "#5dade2", "#48c9b0", "#58d68d", "#f5b041", "#eb984e", "#dc7633", "#c0392b"};
        return c[m.ordinal()];
    }

    private static void text(StringBuilder s, double x, double y, String t) {
        s.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" font-size=\"12\">")
                .append(esc(t)).append("</text>\n");
    }

    private static void list(StringBuilder h, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        h.append("<ul>");
        items.forEach(i -> h.append("<li>").append(esc(i)).append("</li>"));
        h.append("</ul>\n");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
