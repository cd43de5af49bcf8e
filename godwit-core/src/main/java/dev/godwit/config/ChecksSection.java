package dev.godwit.config;

import dev.godwit.base.Suggestions;

import dev.godwit.config.Expectation;
import dev.godwit.config.ColumnRef;
import dev.godwit.config.CheckSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code [checks]}: the data-integrity checks. {@code invariant} is an array of tables
 * ({@code [[checks.invariant]]}); {@code relations} and {@code natural_keys} are tables of strings.
 */
record ChecksSection(Boolean enabled, Integer moneyScale, Integer largeTableRows, String largeTableMethod,
        Boolean auditAfterMigrate, List<String> disable, List<String> nonnegative, Map<String, String> relations,
        Map<String, String> naturalKeys, List<Invariant> invariant, List<String> relaxed) implements Section {

    /** One {@code [[checks.invariant]]}. */
    record Invariant(String name, String sql, String expect) {}

    @Override
    public void check(Where where) throws ConfigException {
        if (moneyScale != null && (moneyScale < 0 || moneyScale > 1000)) {
            throw new ConfigException(where.key("money_scale") + " must be a numeric scale from 0 to 1000, not "
                    + moneyScale);
        }
        if (largeTableRows != null && largeTableRows < 0) {
            throw new ConfigException(where.key("large_table_rows") + " must be 0 or more, not " + largeTableRows);
        }
        if (largeTableMethod != null && CheckSettings.LargeTables.parse(largeTableMethod).isEmpty()) {
            throw new ConfigException(where.key("large_table_method") + " must be \"exact\", \"counters\" or"
                    + " \"skip\", not \"" + largeTableMethod + "\"");
        }
        if (disable != null) {
            for (String id : disable) {
                if (!CheckSettings.CHECK_IDS.contains(id)) {
                    throw new ConfigException(where.key("disable") + ": unknown check '" + id + "';"
                            + Suggestions.didYouMean(id, CheckSettings.CHECK_IDS) + " the checks are: "
                            + String.join(", ", CheckSettings.CHECK_IDS));
                }
            }
        }
        checkColumns(where);
        checkInvariants(where);
    }

    private void checkColumns(Where where) throws ConfigException {
        for (String c : nonnegative == null ? List.<String>of() : nonnegative) {
            column(where.key("nonnegative"), c);
        }
        if (relations != null) {
            for (Map.Entry<String, String> e : relations.entrySet()) {
                column(where.key("relations") + " key", e.getKey());
                column(where.key("relations." + e.getKey()), e.getValue());
            }
        }
        if (naturalKeys != null) {
            for (Map.Entry<String, String> e : naturalKeys.entrySet()) {
                if (ColumnRef.columns(e.getValue()).isEmpty()) {
                    throw new ConfigException(where.key("natural_keys." + e.getKey()) + " must list the key's columns,"
                            + " such as \"account_id, reference\", not \"" + e.getValue() + "\"");
                }
            }
        }
    }

    private static void column(String what, String text) throws ConfigException {
        if (ColumnRef.parse(text).isEmpty()) {
            throw new ConfigException(what + " must name a column as table.column (or schema.table.column), not \""
                    + text + "\"");
        }
    }

    private void checkInvariants(Where where) throws ConfigException {
        if (invariant == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int n = 0; n < invariant.size(); n++) {
            Invariant i = invariant.get(n);
            String at = "[[" + where.path() + ".invariant]] number " + (n + 1) + " in " + where.file();
            if (i.name() == null || i.name().isBlank()) {
                throw new ConfigException(at + " needs a name");
            }
            if (!names.add(i.name())) {
                throw new ConfigException(at + ": the name '" + i.name() + "' is used twice");
            }
            if (i.sql() == null || i.sql().isBlank()) {
                throw new ConfigException(at + " ('" + i.name() + "') needs sql, the query to check");
            }
            if (i.expect() == null || Expectation.parse(i.expect()).isEmpty()) {
                throw new ConfigException(at + " ('" + i.name() + "') needs expect = one of " + Expectation.WORDS
                        + (i.expect() == null ? "" : ", not \"" + i.expect() + "\""));
            }
        }
    }
}
