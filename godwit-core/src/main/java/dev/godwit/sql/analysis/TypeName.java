package dev.godwit.sql.analysis;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A column type as PostgreSQL resolves its spelling: {@code int4}, {@code INTEGER} and {@code int} are all
 * {@code integer}; {@code float} is {@code double precision}, {@code float(10)} is {@code real}.
 *
 * @param base      the canonical name ({@code integer}, {@code varchar}, {@code numeric}, {@code timestamptz},
 *                  {@code double precision}, …), or the name as stored for types PostgreSQL does not build in
 * @param modifiers the numbers in parentheses ({@code numeric(12,2)} → 12, 2)
 * @param array     {@code int[]}, {@code integer array}
 * @param written   the type as the statement spells it
 */
public record TypeName(String base, List<Integer> modifiers, boolean array, String written) {

    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("integer", "integer"),
            Map.entry("int8", "bigint"), Map.entry("bigint", "bigint"),
            Map.entry("int2", "smallint"), Map.entry("smallint", "smallint"),
            Map.entry("serial", "serial"), Map.entry("serial4", "serial"),
            Map.entry("bigserial", "bigserial"), Map.entry("serial8", "bigserial"),
            Map.entry("smallserial", "smallserial"), Map.entry("serial2", "smallserial"),
            Map.entry("float4", "real"), Map.entry("real", "real"),
            Map.entry("float8", "double precision"), Map.entry("double precision", "double precision"),
            Map.entry("decimal", "numeric"), Map.entry("dec", "numeric"), Map.entry("numeric", "numeric"),
            Map.entry("varchar", "varchar"), Map.entry("character varying", "varchar"),
            Map.entry("char varying", "varchar"),
            Map.entry("char", "char"), Map.entry("character", "char"), Map.entry("bpchar", "char"),
            Map.entry("timestamp", "timestamp"), Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamptz", "timestamptz"), Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time", "time"), Map.entry("time without time zone", "time"),
            Map.entry("timetz", "timetz"), Map.entry("time with time zone", "timetz"),
            Map.entry("bool", "boolean"), Map.entry("boolean", "boolean"),
            Map.entry("bit varying", "varbit"), Map.entry("varbit", "varbit"));

    public TypeName {
        Objects.requireNonNull(base, "base");
        modifiers = List.copyOf(modifiers);
        Objects.requireNonNull(written, "written");
    }

    /** The canonical name for {@code spelled} (lower case, words separated by one space), and its modifiers. */
    public static TypeName of(String spelled, List<Integer> modifiers, boolean array, String written) {
        String base = CANONICAL.getOrDefault(spelled, spelled);
        if (spelled.equals("float")) {
            // float(p): p ≤ 24 is real, otherwise (and without p) double precision; p is not kept.
            base = !modifiers.isEmpty() && modifiers.get(0) <= 24 ? "real" : "double precision";
            modifiers = List.of();
        }
        return new TypeName(base, modifiers, array, written);
    }

    /** {@code varchar(20)}, {@code numeric(12, 2)}, read on their own; empty when the text is not one type. */
    public static Optional<TypeName> parse(String written) {
        dev.godwit.sql.TokenCursor c = Expressions.cursor(written);
        TypeName t = Types.read(c);
        return t != null && c.atEnd() ? Optional.of(t) : Optional.empty();
    }

    public boolean isFloat() {
        return !array && (base.equals("real") || base.equals("double precision"));
    }

    public boolean is(String canonical) {
        return !array && base.equals(canonical);
    }

    /** {@code numeric(12,2)} → 12; absent for numeric without precision and for other types. */
    public Optional<Integer> precision() {
        return modifiers.isEmpty() ? Optional.empty() : Optional.of(modifiers.get(0));
    }

    /** {@code numeric(12,2)} → 2, {@code numeric(12)} → 0; absent for numeric without precision. */
    public Optional<Integer> scale() {
        if (modifiers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(modifiers.size() > 1 ? modifiers.get(1) : 0);
    }

    /** {@code varchar(n)} / {@code char(n)} length; absent when unlimited. */
    public Optional<Integer> length() {
        return modifiers.isEmpty() ? Optional.empty() : Optional.of(modifiers.get(0));
    }

    public boolean isSerial() {
        return !array && base.endsWith("serial");
    }

    /** integer, smallint, serial, smallserial: the 32-bit-or-less key types that run out. */
    public boolean isSmallInteger() {
        return !array && (base.equals("integer") || base.equals("smallint") || base.equals("serial")
                || base.equals("smallserial"));
    }

    /** How the type reads in a message: as the statement wrote it. */
    @Override
    public String toString() {
        return written;
    }
}
