package dev.godwit.cli.lint;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.godwit.lint.Finding;
import java.util.List;

/**
 * A finding as a JSON object: the fields the docs promise ({@code rule, risk, file, line, column, message, lock}).
 * A record rather than a map: Jackson writes its fields with names prepared once, which counts in a report of
 * tens of thousands of findings.
 */
@JsonPropertyOrder({"rule", "risk", "file", "line", "column", "statement", "message", "lock", "table", "blocks",
        "work", "safe_alternative", "allowed", "allowed_because"})
public record FindingJson(String rule, String risk, String file, int line, int column, String statement,
        String message, String lock, String table, String blocks, String work,
        @JsonProperty("safe_alternative") String safeAlternative, boolean allowed,
        @JsonProperty("allowed_because") String allowedBecause) {

    public static List<FindingJson> of(List<Finding> findings) {
        return findings.stream().map(FindingJson::of).toList();
    }

    public static FindingJson of(Finding f) {
        return new FindingJson(f.rule(), f.risk().word(), f.file(), f.line(), f.column(), f.statement(), f.message(),
                f.lock().map(l -> l.mode().sqlName()).orElse(null), f.lock().map(l -> l.relation().display()).orElse(null),
                f.lock().map(l -> l.mode().blocks()).orElse(null), f.work().word(), f.safeAlternative(), f.allowed(),
                f.allowedBecause().orElse(null));
    }
}
