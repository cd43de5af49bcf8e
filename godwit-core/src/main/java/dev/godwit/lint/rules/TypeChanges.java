package dev.godwit.lint.rules;

import dev.godwit.lint.LintContext;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.Action.AlterColumnType;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TypeName;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What ALTER COLUMN … TYPE makes PostgreSQL do, from the old type and the new: PostgreSQL skips the rewrite
 * only when the conversion is binary compatible or a length / precision that no value can exceed
 * ({@code ATColumnChangeRequiresRewrite} after the types' simplification functions). Each answer here is
 * checked against a real server by {@code TypeChangesTest}.
 */
final class TypeChanges {

    /** What the change costs. */
    enum Kind {
        /** Only the catalog changes; indexes are kept. */
        CATALOG,
        /** No rewrite, but the indexes on the column are rebuilt (a scan each) under ACCESS EXCLUSIVE. */
        INDEXES,
        /** timestamp ↔ timestamptz, PostgreSQL 12+: as INDEXES when the session's TimeZone is UTC, else a rewrite. */
        UTC_ONLY,
        /** Every row is written anew and every index rebuilt, under ACCESS EXCLUSIVE. */
        REWRITE,
        /** A type Godwit does not know (a domain, an extension's type): it cannot tell. */
        UNKNOWN
    }

    /** The cost, and why, in words that finish "because …". */
    record Change(Kind kind, String why) {}

    /** Built-in types whose conversions Godwit knows; any other name may be a domain over one of them. */
    private static final Set<String> KNOWN = Set.of("smallint", "integer", "bigint", "real", "double precision",
            "numeric", "varchar", "char", "text", "timestamp", "timestamptz", "time", "timetz", "date", "interval",
            "boolean", "uuid", "json", "jsonb", "bytea", "inet", "cidr", "macaddr", "macaddr8", "xml", "bit",
            "varbit", "money", "tsvector", "point");

    private static final Set<String> TEXT = Set.of("text", "varchar");
    private static final Set<String> TEMPORAL = Set.of("timestamp", "timestamptz", "time", "timetz", "interval");
    private static final Set<String> UTC_NAMES = Set.of("utc", "etc/utc", "gmt", "etc/gmt", "zulu", "etc/zulu",
            "universal", "etc/universal", "uct", "etc/uct", "gmt0", "etc/gmt0", "greenwich");
    /** Fractional-second precision when none is written: a typmod of 6 simplifies away too. */
    private static final int MAX_SECONDS_PRECISION = 6;
    static final int UNBOUNDED = Integer.MAX_VALUE;

    private TypeChanges() {}

    static Change of(TypeName oldType, AlterColumnType change, int pgVersion) {
        TypeName from = stored(oldType);
        TypeName to = change.type();
        if (!change.convertsPlainly()) {
            return new Change(Kind.REWRITE, "USING " + change.using().orElse("") + " computes every value anew");
        }
        if (same(from, to)) {
            return new Change(Kind.CATALOG, "the type does not change");
        }
        if (!KNOWN.contains(from.base()) || !KNOWN.contains(to.base())) {
            String odd = KNOWN.contains(from.base()) ? to.base() : from.base();
            return new Change(Kind.UNKNOWN, odd + " is not a built-in type Godwit knows: a domain over the same type"
                    + " without constraints changes only the catalog, anything else rewrites");
        }
        if (from.array() || to.array()) {
            return new Change(Kind.REWRITE, "PostgreSQL rewrites every change of an array type, even "
                    + "varchar(10)[] → varchar(20)[]");
        }
        return scalar(from, to, pgVersion);
    }

    private static Change scalar(TypeName from, TypeName to, int pgVersion) {
        String f = from.base();
        String t = to.base();
        if (TEXT.contains(f) && TEXT.contains(t)) {
            return textLength(to) == UNBOUNDED || textLength(from) <= textLength(to)
                    ? catalog("no value can be too long for " + to.written())
                    : rewrite("every value is checked against the shorter length " + to.written());
        }
        if (f.equals("char") || t.equals("char")) {
            return f.equals("char") && t.equals("char") && textLength(to) == UNBOUNDED
                    ? catalog("bpchar without a length keeps every value as it is")
                    : rewrite("char(n) values are stored blank-padded, so every value is padded or trimmed");
        }
        if (f.equals("numeric") && t.equals("numeric")) {
            boolean fits = to.precision().isEmpty() || from.precision().isPresent()
                    && from.scale().equals(to.scale()) && to.precision().get() >= from.precision().get();
            return fits ? catalog("every value fits " + to.written() + " as it is")
                    : rewrite("every value is checked and rounded to " + to.written());
        }
        if (TEMPORAL.contains(f) && f.equals(t)) {
            return finerOrEqual(from, to) ? catalog("no value has more fractional digits than " + to.written())
                    : rewrite("every value is rounded to " + to.written());
        }
        if (Set.of("timestamp", "timestamptz").containsAll(List.of(f, t))) {
            if (pgVersion < 12 || !finerOrEqual(from, to)) {
                return rewrite(pgVersion < 12 ? "before PostgreSQL 12 every timestamp ↔ timestamptz change rewrites"
                        : "every value is rounded to " + to.written());
            }
            return new Change(Kind.UTC_ONLY, "since PostgreSQL 12 it skips the rewrite when the session's TimeZone is"
                    + " UTC (the indexes on the column are still rebuilt), and rewrites otherwise");
        }
        if (f.equals("varbit") && t.equals("varbit")) {
            return textLength(to) == UNBOUNDED || textLength(from) <= textLength(to)
                    ? catalog("no value can be too long for " + to.written())
                    : rewrite("every value is checked against " + to.written());
        }
        if (f.equals("bit") && t.equals("varbit")
                && (textLength(to) == UNBOUNDED || textLength(from) <= textLength(to))) {
            return new Change(Kind.INDEXES, "the indexes on the column are rebuilt"
                    + " (bit → bit varying keeps every value)");
        }
        if (f.equals("cidr") && t.equals("inet") || f.equals("xml") && t.equals("text")) {
            return catalog(f + " → " + t + " is binary compatible");
        }
        return rewrite(f + " and " + t + " are stored differently, so every value is converted");
    }

    /** True when the TimeZone of the session is UTC: an earlier {@code SET [LOCAL] TimeZone = 'UTC'} in the file. */
    static boolean utcSession(LintContext context) {
        boolean utc = false;
        for (StatementAnalysis s : context.earlierInFile()) {
            for (Action.SetSetting set : s.of(Action.SetSetting.class)) {
                if (set.name().equals("timezone") || set.name().equals("time")) {
                    String v = set.value().orElse("").replaceAll("(?i)^\\s*zone\\s+", "").replace("'", "").trim();
                    utc = UTC_NAMES.contains(v.toLowerCase(Locale.ROOT));
                }
            }
        }
        return utc;
    }

    /** A serial column is an integer column with a default; {@code char} without a length is {@code char(1)}. */
    static TypeName stored(TypeName t) {
        return switch (t.base()) {
            case "serial" -> new TypeName("integer", t.modifiers(), t.array(), t.written());
            case "bigserial" -> new TypeName("bigint", t.modifiers(), t.array(), t.written());
            case "smallserial" -> new TypeName("smallint", t.modifiers(), t.array(), t.written());
            default -> t;
        };
    }

    /** The longest value a text, varchar, char or varbit type takes; {@link #UNBOUNDED} when there is no limit. */
    static int textLength(TypeName t) {
        if (t.base().equals("text")) {
            return UNBOUNDED;
        }
        if (t.base().equals("char") && t.modifiers().isEmpty()) {
            return t.written().toLowerCase(Locale.ROOT).startsWith("bpchar") ? UNBOUNDED : 1;
        }
        return t.length().orElse(UNBOUNDED);
    }

    /** Fractional-second digits of a temporal type (6 when none is written). */
    static int secondsPrecision(TypeName t) {
        return t.precision().orElse(MAX_SECONDS_PRECISION);
    }

    private static boolean finerOrEqual(TypeName from, TypeName to) {
        return to.precision().isEmpty() || to.precision().get() >= MAX_SECONDS_PRECISION
                || from.precision().isPresent() && to.precision().get() >= from.precision().get();
    }

    private static boolean same(TypeName a, TypeName b) {
        return a.base().equals(b.base()) && a.array() == b.array() && (a.base().equals("char")
                ? textLength(a) == textLength(b) : a.modifiers().equals(b.modifiers()));
    }

    private static Change catalog(String why) {
        return new Change(Kind.CATALOG, why);
    }

    private static Change rewrite(String why) {
        return new Change(Kind.REWRITE, why);
    }
}
