package dev.godwit.sql.analysis;

/**
 * How a default expression behaves, in PostgreSQL's terms. Since PostgreSQL 11, ADD COLUMN with a
 * non-volatile default only writes the catalog; a volatile one fills every row (a rewrite).
 */
public enum Volatility {
    /** No default at all. */
    NONE,
    /** A literal, NULL, or a cast of one. */
    CONSTANT,
    /** Fixed within a statement ({@code now()}, {@code current_timestamp}): evaluated once. */
    STABLE,
    /** A function Godwit does not know: treated as volatile, and said so. */
    UNKNOWN,
    /** Different per row ({@code random()}, {@code gen_random_uuid()}, {@code nextval()}, {@code clock_timestamp()}). */
    VOLATILE;

    /**
     * What Godwit knows of a function by name without a database: volatile or not for the built-ins people put in
     * defaults, {@link #UNKNOWN} for any other.
     */
    public static Volatility ofFunction(String name) {
        return Defaults.function(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code i}, {@code s}, {@code v}: {@code pg_proc.provolatile}. */
    public static Volatility ofProvolatile(String code) {
        return switch (code) {
            case "i" -> CONSTANT;
            case "s" -> STABLE;
            default -> VOLATILE;
        };
    }

    /** True when adding a column with this default rewrites the table on PostgreSQL 11 and later. */
    public boolean rewrites() {
        return this == VOLATILE || this == UNKNOWN;
    }
}
