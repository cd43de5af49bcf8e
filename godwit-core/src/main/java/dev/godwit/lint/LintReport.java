package dev.godwit.lint;

import dev.godwit.config.LintSettings;
import dev.godwit.config.MoneyNames;
import dev.godwit.config.Risk;

import java.util.List;

/**
 * The findings of a lint, per file, and the problems that make it unusable (an allow naming no rule).
 *
 * @param maxRisk  the first risk that blocks
 * @param problems {@code file:line: message} for each directive Godwit could not accept
 */
public record LintReport(List<FileLint> files, Risk maxRisk, List<String> problems) {

    public LintReport {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    public List<Finding> findings() {
        return files.stream().flatMap(f -> f.findings().stream()).toList();
    }

    public List<Finding> blocking() {
        return findings().stream().filter(f -> f.blocks(maxRisk)).toList();
    }

    public boolean blocks() {
        // Asked of reports of 75,000 findings: the first blocking one answers, no list is made.
        return files.stream().anyMatch(f -> f.findings().stream().anyMatch(x -> x.blocks(maxRisk)));
    }
}
