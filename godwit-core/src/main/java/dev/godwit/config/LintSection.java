package dev.godwit.config;

import java.util.List;
import java.util.Map;

/**
 * {@code [lint]}: which rules report, how risky each is, what counts as money, and where the gate is.
 * {@code risk} is a table of rule id to risk word ({@code [lint.risk]} or inline).
 */
record LintSection(List<String> disable, Map<String, String> risk, List<String> moneyPatterns, String maxRisk,
        Integer pgVersion, Boolean gate, Boolean gradeBySize) implements Section {

    static final int OLDEST_PG = 10;
    static final int NEWEST_PG = 18;

    @Override
    public void check(Where where) throws ConfigException {
        if (maxRisk != null && Risk.parse(maxRisk).isEmpty()) {
            throw new ConfigException(where.key("max_risk") + " must be " + words() + ", not \"" + maxRisk + "\"");
        }
        if (risk != null) {
            for (Map.Entry<String, String> e : risk.entrySet()) {
                if (Risk.parse(e.getValue()).isEmpty()) {
                    throw new ConfigException(where.key("risk." + e.getKey()) + " must be " + words() + ", not \""
                            + e.getValue() + "\"");
                }
            }
        }
        if (moneyPatterns != null && moneyPatterns.stream().anyMatch(String::isBlank)) {
            throw new ConfigException(where.key("money_patterns") + " must not contain an empty pattern");
        }
        if (pgVersion != null && (pgVersion < OLDEST_PG || pgVersion > NEWEST_PG)) {
            throw new ConfigException(where.key("pg_version") + " must be a PostgreSQL major from " + OLDEST_PG
                    + " to " + NEWEST_PG + ", not " + pgVersion);
        }
    }

    static String words() {
        return "\"low\", \"medium\", \"high\" or \"critical\"";
    }
}
