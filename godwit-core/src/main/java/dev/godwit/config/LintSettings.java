package dev.godwit.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The resolved {@code [lint]} settings.
 *
 * @param disabled      rule ids that never report
 * @param riskOverrides a rule's risk, changed from its default
 * @param money         which column names hold money
 * @param maxRisk       the first risk that stops {@code migrate} and makes {@code lint} exit 5
 * @param pgVersion     the PostgreSQL major the migrations will run on, when known without a server
 * @param gate          {@code migrate} refuses findings at or above maxRisk; when false it only reports them
 *                      (for adopting Godwit on a project whose history would not pass)
 * @param gradeBySize   with a database, a scan or rewrite of a small table is graded by its size (low, medium)
 * @param relaxed       {@code [checks] relaxed}: tables whose built-in checks are skipped, so no finding predicts them
 */
public record LintSettings(Set<String> disabled, Map<String, Risk> riskOverrides, MoneyNames money, Risk maxRisk,
        Optional<Integer> pgVersion, boolean gate, boolean gradeBySize, List<String> relaxed) {

    public static final int DEFAULT_PG_VERSION = 15;

    public LintSettings {
        disabled = Set.copyOf(disabled);
        riskOverrides = Map.copyOf(riskOverrides);
        Objects.requireNonNull(money, "money");
        Objects.requireNonNull(maxRisk, "maxRisk");
        Objects.requireNonNull(pgVersion, "pgVersion");
        relaxed = List.copyOf(relaxed);
    }

    public static LintSettings defaults() {
        return new LintSettings(Set.of(), Map.of(), MoneyNames.defaults(), Risk.HIGH, Optional.empty(), true, true,
                List.of());
    }

    /** The same settings with the gate on or off. */
    public LintSettings withGate(boolean on) {
        return new LintSettings(disabled, riskOverrides, money, maxRisk, pgVersion, on, gradeBySize, relaxed);
    }

    /** The same settings with another max_risk. */
    public LintSettings withMaxRisk(Risk risk) {
        return new LintSettings(disabled, riskOverrides, money, risk, pgVersion, gate, gradeBySize, relaxed);
    }

    /** The same settings with size grading on or off (off: every table is judged as if large). */
    public LintSettings withGradeBySize(boolean on) {
        return new LintSettings(disabled, riskOverrides, money, maxRisk, pgVersion, gate, on, relaxed);
    }

    /** The same settings with {@code [checks] relaxed}. */
    public LintSettings withRelaxed(List<String> tables) {
        return new LintSettings(disabled, riskOverrides, money, maxRisk, pgVersion, gate, gradeBySize, tables);
    }
}
