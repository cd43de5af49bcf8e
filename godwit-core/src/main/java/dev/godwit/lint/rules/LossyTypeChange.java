package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action.AlterColumnType;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import dev.godwit.sql.analysis.TypeName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ALTER COLUMN … TYPE to a type that cannot hold every old value: silently cut or rounded (critical), or
 * refused by PostgreSQL on the first value that does not fit — after it has read the table up to that row
 * under ACCESS EXCLUSIVE (high). Needs the old type; a USING that computes something else is the author's
 * own conversion and is not judged.
 */
public final class LossyTypeChange implements Rule {

    private static final Set<String> TEXTUAL = Set.of("text", "varchar", "char");
    private static final Set<String> FLOATS = Set.of("real", "double precision");
    private static final Set<String> TIMESTAMPS = Set.of("timestamp", "timestamptz");
    /** Decimal digits of each integer type's largest value. */
    private static final Map<String, Integer> DIGITS = Map.of("smallint", 5, "integer", 10, "bigint", 19);
    private static final Map<String, String> RANGE = Map.of("smallint", "-32768 AND 32767",
            "integer", "-2147483648 AND 2147483647", "bigint", "-9223372036854775808 AND 9223372036854775807");

    /**
     * What the change does to the old values: changed silently, or refused (the statement fails); {@code affected}
     * is a WHERE condition on {@code %s} (the column) that finds the rows concerned.
     */
    record Loss(Risk risk, boolean refused, String what, Optional<String> affected) {

        /** Values cut or rounded with no error: critical. */
        static Optional<Loss> silent(String what, String affected) {
            return Optional.of(new Loss(Risk.CRITICAL, false, what, Optional.ofNullable(affected)));
        }

        /** Values changed with no error, in a way that rarely matters to amounts (precision of seconds, JSON form). */
        static Optional<Loss> altered(String what, String affected) {
            return Optional.of(new Loss(Risk.HIGH, false, what, Optional.ofNullable(affected)));
        }

        /** The statement fails on the first value that does not fit, after a long lock. */
        static Optional<Loss> fails(String what, String affected) {
            return Optional.of(new Loss(Risk.HIGH, true, what, Optional.ofNullable(affected)));
        }
    }

    @Override
    public String id() {
        return "lossy-type-change";
    }

    @Override
    public Risk risk() {
        return Risk.CRITICAL;
    }

    @Override
    public String title() {
        return "Type change that can cut, round or refuse existing values";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (AlterColumnType at : statement.of(AlterColumnType.class)) {
            Optional<TypeName> old = context.columnType(at.table(), at.column());
            if (context.isNew(at.table()) || old.isEmpty() || !at.convertsPlainly()) {
                continue;
            }
            boolean explicitCast = at.using()
                    .filter(u -> u.contains("::") || u.trim().regionMatches(true, 0, "cast", 0, 4)).isPresent();
            Optional<Loss> loss = loss(TypeChanges.stored(old.get()), at.type(), explicitCast, context.pgVersion());
            loss.ifPresent(l -> out.add(Graded.at(this, l.risk()), at.table().display() + "." + at.column() + " "
                    + old.get().written() + " → " + at.type().written() + " " + l.what(),
                    new TableLock(at.table(), LockMode.ACCESS_EXCLUSIVE), Work.REWRITE, safer(at, l)));
        }
    }

    static Optional<Loss> loss(TypeName from, TypeName to, boolean explicitCast, int pgVersion) {
        if (from.array() || to.array()) {
            return Optional.empty();
        }
        String f = from.base();
        String t = to.base();
        if (TEXTUAL.contains(f) && TEXTUAL.contains(t)) {
            return shorterText(from, to, explicitCast);
        }
        if (f.equals("numeric") && t.equals("numeric")) {
            return numeric(from, to);
        }
        if (DIGITS.containsKey(t) && (f.equals("numeric") || FLOATS.contains(f))) {
            return toInteger(from, to);
        }
        if (DIGITS.containsKey(f)) {
            return fromInteger(from, to);
        }
        if (f.equals("numeric") && FLOATS.contains(t)) {
            return Loss.silent("stores amounts in binary floating point, which holds most decimals only approximately"
                    + " (0.10 becomes 0.1000000000000000055…): values change silently and sums drift",
                    "%s::" + t + "::numeric <> %s");
        }
        if (f.equals("double precision") && t.equals("real")) {
            return Loss.silent("keeps about 6 significant digits of the 15, rounding values silently",
                    "%s::real::double precision <> %s");
        }
        return temporalOrOther(from, to, explicitCast, pgVersion);
    }

    private static Optional<Loss> temporalOrOther(TypeName from, TypeName to, boolean explicitCast, int pgVersion) {
        String f = from.base();
        String t = to.base();
        if (TIMESTAMPS.contains(f) && t.equals("date")) {
            return Loss.silent("drops the time of day of every value, silently", "%s <> %s::date");
        }
        if (TIMESTAMPS.contains(f) && (t.equals("time") || t.equals("timetz"))) {
            return Loss.silent("drops the date of every value, silently", null);
        }
        boolean sameClock = f.equals(t) || TIMESTAMPS.contains(f) && TIMESTAMPS.contains(t);
        if (sameClock && Set.of("timestamp", "timestamptz", "time", "timetz", "interval").contains(f)
                && to.precision().isPresent() && to.precision().get() < TypeChanges.secondsPrecision(from)) {
            return Loss.altered("rounds every value to " + to.precision().get() + " fractional digits of a second,"
                    + " silently", "%s <> %s::" + to.written());
        }
        if (f.equals("json") && t.equals("jsonb")) {
            return Loss.altered("keeps only the last of duplicate keys, reorders keys and drops whitespace: the"
                    + " documents as received (a signed payload, an audit record) are gone",
                    "%s::jsonb::text <> %s::text");
        }
        if (TEXTUAL.contains(f) && !TEXTUAL.contains(t) && explicitCast) {
            return Loss.fails("fails on the first value that is not a valid " + to.written() + ", after reading the"
                    + " table up to it under ACCESS EXCLUSIVE",
                    pgVersion >= 16 ? "NOT pg_input_is_valid(%s, '" + to.written() + "')" : null);
        }
        return Optional.empty();
    }

    private static Optional<Loss> shorterText(TypeName from, TypeName to, boolean explicitCast) {
        int n = TypeChanges.textLength(to);
        if (n >= TypeChanges.textLength(from)) {
            return Optional.empty();
        }
        String affected = "length(%s) > " + n;
        return explicitCast
                ? Loss.silent("with an explicit cast in USING cuts every longer value to " + n
                        + " characters, silently", affected)
                : Loss.fails("fails on the first value longer than " + n + " characters, after reading the table up to"
                        + " it under ACCESS EXCLUSIVE (values longer only by trailing spaces are cut silently)",
                        affected);
    }

    private static Optional<Loss> numeric(TypeName from, TypeName to) {
        if (to.precision().isEmpty()) {
            return Optional.empty();
        }
        int q = to.precision().get();
        int s2 = to.scale().orElse(0);
        boolean overflows = from.precision().isEmpty() || q - s2 < from.precision().get() - from.scale().orElse(0);
        if (from.precision().isEmpty() || s2 < from.scale().orElse(0)) {
            return Loss.silent("rounds every value to " + s2 + " decimal places, silently" + (overflows
                    ? " (and fails on values of more than " + (q - s2) + " integer digits)" : ""),
                    "%s <> round(%s, " + s2 + ")");
        }
        if (overflows) {
            return Loss.fails("fails on the first value of more than " + (q - s2) + " integer digits, after reading"
                    + " the table up to it under ACCESS EXCLUSIVE", "abs(%s) >= 1e" + (q - s2));
        }
        return Optional.empty();
    }

    private static Optional<Loss> toInteger(TypeName from, TypeName to) {
        String t = to.base();
        boolean whole = from.base().equals("numeric") && from.precision().isPresent() && from.scale().orElse(0) == 0;
        if (!whole) {
            return Loss.silent("rounds every fraction to a whole number, silently (2.50 becomes 3)",
                    "%s <> trunc(%s)");
        }
        if (from.precision().get() >= DIGITS.get(t)) {
            return Loss.fails("fails on the first value outside " + t + "'s range, after reading the table up to it"
                    + " under ACCESS EXCLUSIVE", "%s NOT BETWEEN " + RANGE.get(t));
        }
        return Optional.empty();
    }

    private static Optional<Loss> fromInteger(TypeName from, TypeName to) {
        String f = from.base();
        String t = to.base();
        if (DIGITS.containsKey(t) && DIGITS.get(t) < DIGITS.get(f)) {
            return Loss.fails("fails on the first value outside " + t + "'s range, after reading the table up to it"
                    + " under ACCESS EXCLUSIVE", "%s NOT BETWEEN " + RANGE.get(t));
        }
        if (t.equals("numeric") && to.precision().isPresent()
                && to.precision().get() - to.scale().orElse(0) < DIGITS.get(f)) {
            int digits = to.precision().get() - to.scale().orElse(0);
            return Loss.fails("fails on the first value of more than " + digits + " digits, after reading the table up"
                    + " to it under ACCESS EXCLUSIVE", "abs(%s) >= 1e" + digits);
        }
        if (f.equals("bigint") && FLOATS.contains(t) || f.equals("integer") && t.equals("real")) {
            return Loss.silent("rounds integers beyond " + (t.equals("real") ? "2^24" : "2^53")
                    + " to the nearest value the float can hold, silently", "%s::" + t + "::numeric <> %s");
        }
        return Optional.empty();
    }

    private static String safer(AlterColumnType at, Loss loss) {
        String c = at.column();
        String rows = loss.affected().map(w -> "-- the rows it would " + (loss.refused() ? "refuse" : "change")
                + ": fix them first, or keep the wider type\nSELECT count(*) FROM " + at.table().display() + " WHERE "
                + w.replace("%s", c) + ";\n").orElse("-- every row is affected: keep the old column, or copy the"
                + " value elsewhere first\n");
        return rows + "-- then change the type with an explicit conversion, expand and contract:\n"
                + ColumnTypeChange.expand(at);
    }
}
