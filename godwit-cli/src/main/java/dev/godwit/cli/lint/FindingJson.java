package dev.godwit.cli.lint;

import dev.godwit.lint.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A finding as a JSON object: the fields the docs promise ({@code rule, risk, file, line, column, message, lock}). */
public final class FindingJson {

    private FindingJson() {}

    public static List<Map<String, Object>> of(List<Finding> findings) {
        return findings.stream().map(FindingJson::of).toList();
    }

    public static Map<String, Object> of(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.rule());
        m.put("risk", f.risk().word());
        m.put("file", f.file());
        m.put("line", f.line());
        m.put("column", f.column());
        m.put("statement", f.statement());
        m.put("message", f.message());
        m.put("lock", f.lock().map(l -> l.mode().sqlName()).orElse(null));
        m.put("table", f.lock().map(l -> l.relation().display()).orElse(null));
        m.put("blocks", f.lock().map(l -> l.mode().blocks()).orElse(null));
        m.put("work", f.work().word());
        m.put("safe_alternative", f.safeAlternative());
        m.put("allowed", f.allowed());
        m.put("allowed_because", f.allowedBecause().orElse(null));
        return m;
    }
}
