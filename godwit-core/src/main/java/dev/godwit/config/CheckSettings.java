package dev.godwit.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The resolved {@code [checks]} settings.
 *
 * @param enabled           the built-in invariants (rows and money sums of every existing table a migration
 *                          touches) are checked in {@code migrate}
 * @param moneyScale        the scale money {@code numeric} columns must have
 * @param largeTableRows    above this many rows (the planner's estimate), {@code largeTableMethod} is used
 * @param largeTableMethod  how the built-in invariants check a large table
 * @param auditAfterMigrate after a {@code migrate} that applied something, audit what it introduced
 * @param disabled          check ids that never run
 * @param invariants        {@code [[checks.invariant]]}: checked around every migration and by {@code godwit check data}
 * @param relations         undeclared foreign keys: child column → referenced column
 * @param naturalKeys       per table, the columns that must be unique together
 * @param nonnegative       columns that must never hold a negative value
 */
public record CheckSettings(boolean enabled, int moneyScale, long largeTableRows, LargeTables largeTableMethod,
                            boolean auditAfterMigrate, Set<String> disabled, List<InvariantSpec> invariants,
                            List<Relation> relations, List<NaturalKey> naturalKeys, List<ColumnRef> nonnegative,
                            List<String> relaxed) {

    /**
     * {@code [checks] relaxed}: tables whose built-in checks (no rows lost, money sums unchanged) are reported as
     * skipped instead of refusing the COMMIT — a log or queue table that migrations prune, say. {@code "events"},
     * {@code "audit.events"} or {@code "staging.*"}. Declared invariants still run; per file, {@code --
     * godwit:expect-change TABLE.* any} does the same for one migration.
     */
    public boolean relaxes(String table) {
        return relaxes(relaxed, table);
    }

    /** {@link #relaxes(String)} for a list of {@code [checks] relaxed} entries (the linter's copy of them). */
    public static boolean relaxes(List<String> relaxed, String table) {
        String plain = table.replace("\"", "");
        String unqualified = plain.substring(plain.lastIndexOf('.') + 1);
        for (String r : relaxed) {
            if (r.equals(plain) || r.equals(unqualified) || (r.endsWith(".*") && plain.startsWith(r.substring(0,
                    r.length() - 1))) || (!plain.contains(".") && r.equals("public." + plain))) {
                return true;
            }
        }
        return false;
    }

    public static final int DEFAULT_MONEY_SCALE = 2;
    public static final long DEFAULT_LARGE_TABLE_ROWS = 1_000_000;

    /** Every check id, for {@code disable} and the output of {@code godwit check}. */
    public static final List<String> SCHEMA_CHECKS = List.of("float-money", "money-scale", "id-without-foreign-key",
            "foreign-key-type-mismatch", "foreign-key-without-index", "table-without-primary-key",
            "not-valid-constraint", "invalid-index");

    /** The data checks' ids ({@code godwit check data}). */
    public static final List<String> DATA_CHECKS = List.of("orphans", "duplicates", "nonnegative", "invariant");

    public static final List<String> CHECK_IDS = java.util.stream.Stream.concat(SCHEMA_CHECKS.stream(),
            DATA_CHECKS.stream()).toList();

    /** How the built-in invariants check a table above {@code large_table_rows}. */
    public enum LargeTables {
        /** count(*) and sum() like any other table: exact, one full scan before and one after. */
        EXACT,
        /**
         * The migration transaction's own insert and delete counters ({@code pg_stat_get_xact_tuples_*}): the
         * exact change in rows, read in microseconds, no money sums.
         */
        COUNTERS,
        /** Not checked; the output says so. */
        SKIP;

        public static Optional<LargeTables> parse(String word) {
            for (LargeTables m : values()) {
                if (m.word().equals(word)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code child} holds values of {@code parent} (a foreign key the schema does not declare). */
    public record Relation(ColumnRef child, ColumnRef parent) {}

    /** The {@code columns} of {@code table} identify a row: no two rows may share them. */
    public record NaturalKey(String table, List<String> columns) {
        public NaturalKey {
            columns = List.copyOf(columns);
        }
    }

    public CheckSettings {
        Objects.requireNonNull(largeTableMethod, "largeTableMethod");
        disabled = Set.copyOf(disabled);
        invariants = List.copyOf(invariants);
        relations = List.copyOf(relations);
        naturalKeys = List.copyOf(naturalKeys);
        nonnegative = List.copyOf(nonnegative);
    }

    public static CheckSettings defaults() {
        return new CheckSettings(true, DEFAULT_MONEY_SCALE, DEFAULT_LARGE_TABLE_ROWS, LargeTables.COUNTERS, true,
                Set.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean runs(String checkId) {
        return !disabled.contains(checkId);
    }

    public CheckSettings withInvariants(List<InvariantSpec> more) {
        return new CheckSettings(enabled, moneyScale, largeTableRows, largeTableMethod, auditAfterMigrate, disabled,
                more, relations, naturalKeys, nonnegative, relaxed);
    }

    public CheckSettings withLargeTables(long rows, LargeTables method) {
        return new CheckSettings(enabled, moneyScale, rows, method, auditAfterMigrate, disabled, invariants,
                relations, naturalKeys, nonnegative, relaxed);
    }

    public CheckSettings withData(List<Relation> rel, List<NaturalKey> keys, List<ColumnRef> nonneg) {
        return new CheckSettings(enabled, moneyScale, largeTableRows, largeTableMethod, auditAfterMigrate, disabled,
                invariants, rel, keys, nonneg, relaxed);
    }
}
