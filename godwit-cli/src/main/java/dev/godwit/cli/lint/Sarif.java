package dev.godwit.cli.lint;

import dev.godwit.config.Risk;
import dev.godwit.lint.Finding;
import dev.godwit.lint.LintReport;
import dev.godwit.lint.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0, the format GitHub code scanning and other tools read: one run, Godwit as the tool with its rule
 * catalogue, one result per finding; allowed findings carry an in-source suppression with the reason.
 */
public final class Sarif {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String DOCS = "https://github.com/godwit-dev/godwit/blob/main/docs/rules/";

    private Sarif() {}

    public static Map<String, Object> of(LintReport report, List<Rule> catalogue, String version) {
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "godwit");
        driver.put("version", version);
        driver.put("informationUri", "https://github.com/godwit-dev/godwit");
        driver.put("rules", catalogue.stream().map(Sarif::rule).toList());
        List<Map<String, Object>> results = new ArrayList<>();
        for (Finding f : report.findings()) {
            results.add(result(f, catalogue));
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("$schema", SCHEMA);
        doc.put("version", "2.1.0");
        doc.put("runs", List.of(run));
        return doc;
    }

    private static Map<String, Object> rule(Rule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", r.id());
        m.put("shortDescription", Map.of("text", r.title()));
        m.put("helpUri", DOCS + r.id() + ".md");
        m.put("defaultConfiguration", Map.of("level", level(r.risk())));
        m.put("properties", Map.of("risk", r.risk().word()));
        return m;
    }

    private static Map<String, Object> result(Finding f, List<Rule> catalogue) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleId", f.rule());
        int index = catalogue.stream().map(Rule::id).toList().indexOf(f.rule());
        if (index >= 0) {
            m.put("ruleIndex", index);
        }
        m.put("level", level(f.risk()));
        m.put("message", Map.of("text", f.message() + " Lock: " + f.lockInWords() + "."));
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("startLine", f.line());
        region.put("startColumn", f.column());
        m.put("locations", List.of(Map.of("physicalLocation", Map.of(
                "artifactLocation", Map.of("uri", f.file().replace('\\', '/')), "region", region))));
        m.put("properties", Map.of("risk", f.risk().word(), "safeAlternative", f.safeAlternative()));
        f.allowedBecause().ifPresent(reason -> m.put("suppressions",
                List.of(Map.of("kind", "inSource", "justification", reason))));
        return m;
    }

    /** critical and high are errors, medium a warning, low a note. */
    static String level(Risk r) {
        return switch (r) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
        };
    }
}
