package dev.godwit.api;

import dev.godwit.audit.Actor;
import dev.godwit.execute.RunSetup;
import dev.godwit.report.ReportCollector;
import dev.godwit.report.RunReports;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The facts every hook of a run gets in its environment (docs/hooks.md has the full list): who, where, which run,
 * and the path its report will be written to. Never the database password.
 */
final class HookFacts {

    private HookFacts() {}

    static Map<String, String> of(Godwit g, RunSetup setup, ReportCollector collector) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("GODWIT_RUN_ID", setup.runId());
        f.put("GODWIT_ENVIRONMENT", g.config().environment().orElse(""));
        f.put("GODWIT_DATABASE", g.config().connection().display());
        Actor a = setup.actor();
        put(f, "GODWIT_TICKET", a.ticket());
        put(f, "GODWIT_APPROVER", a.approver());
        put(f, "GODWIT_ACTOR", a.osUser());
        f.put("GODWIT_REPORT", RunReports.markdownPath(g.config().reportDir(), collector.startedAt(), setup.runId())
                .toString());
        return f;
    }

    private static void put(Map<String, String> f, String key, String value) {
        if (value != null) {
            f.put(key, value);
        }
    }
}
