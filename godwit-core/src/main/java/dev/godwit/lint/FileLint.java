package dev.godwit.lint;

import dev.godwit.config.LintSettings;
import dev.godwit.config.MoneyNames;
import dev.godwit.config.Risk;

import java.util.List;
import java.util.Optional;

/** The findings of one file, in statement order. */
public record FileLint(String file, List<Finding> findings) {

    public FileLint {
        findings = List.copyOf(findings);
    }

    /** The highest risk not allowed in the file, if any finding is not allowed. */
    public Optional<Risk> risk() {
        return findings.stream().filter(f -> !f.allowed()).map(Finding::risk).max(Risk::compareTo);
    }

    public List<Finding> blocking(Risk maxRisk) {
        return findings.stream().filter(f -> f.blocks(maxRisk)).toList();
    }
}
