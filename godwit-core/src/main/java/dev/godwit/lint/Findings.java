package dev.godwit.lint;

import dev.godwit.config.LintSettings;
import dev.godwit.config.MoneyNames;
import dev.godwit.config.Risk;

import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects the findings of the rules for one statement; fills in where, and the configured risk. */
public final class Findings {

    private final String file;
    private final StatementAnalysis statement;
    private final Map<String, Risk> riskOverrides;
    private final List<Finding> found = new ArrayList<>();

    Findings(String file, StatementAnalysis statement, Map<String, Risk> riskOverrides) {
        this.file = file;
        this.statement = statement;
        this.riskOverrides = riskOverrides;
    }

    /** Reports a finding of {@code rule} at the statement's own position. */
    public void add(Rule rule, String message, Optional<TableLock> lock, Work work, String safeAlternative) {
        Risk risk = riskOverrides.getOrDefault(rule.id(), rule.risk());
        found.add(new Finding(rule.id(), risk, file, statement.statement().line(), statement.statement().column(),
                statement.statement().summary(), message, lock, work, safeAlternative, Optional.empty()));
    }

    /** As {@link #add}, with the lock given as a table lock. */
    public void add(Rule rule, String message, TableLock lock, Work work, String safeAlternative) {
        add(rule, message, Optional.of(lock), work, safeAlternative);
    }

    List<Finding> all() {
        return List.copyOf(found);
    }
}
