package dev.godwit.notify;

import dev.godwit.config.NotifySpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a webhook is told about a run. {@link #json()} is the body: a Slack-compatible {@code text} line first, then
 * each fact as its own field for tools that read them. The database is named without its password.
 */
public record Notice(NotifySpec.Event event, String runId, String command, String database, String environment,
                     String versionBefore, String versionAfter, Long durationMs, String outcome, String ticket,
                     String approver, String report, String failure) {

    public String text() {
        String what = switch (event) {
            case START -> "started";
            case SUCCESS -> "succeeded";
            case FAILURE -> "FAILED";
            case REFUSAL -> "was refused";
        };
        StringBuilder t = new StringBuilder("godwit " + command + " " + what + " on " + database);
        if (environment != null) {
            t.append(" (").append(environment).append(')');
        }
        t.append(": version ").append(versionBefore == null ? "none" : versionBefore);
        if (versionAfter != null) {
            t.append(" → ").append(versionAfter);
        }
        if (durationMs != null) {
            t.append(", in ").append(String.format(java.util.Locale.ROOT, "%.1f s", durationMs / 1000.0));
        }
        if (ticket != null) {
            t.append("; ticket ").append(ticket);
        }
        if (approver != null) {
            t.append(", approved by ").append(approver);
        }
        if (failure != null) {
            t.append("\n").append(failure);
        }
        if (report != null) {
            t.append("\nreport: ").append(report);
        }
        return t.toString();
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", text());
        m.put("event", event.word());
        m.put("runId", runId);
        m.put("command", command);
        m.put("database", database);
        m.put("environment", environment);
        m.put("versionBefore", versionBefore);
        m.put("versionAfter", versionAfter);
        m.put("durationMs", durationMs);
        m.put("outcome", outcome);
        m.put("ticket", ticket);
        m.put("approver", approver);
        m.put("report", report);
        m.put("failure", failure);
        return m;
    }
}
