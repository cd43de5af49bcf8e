package dev.godwit.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What an invariant's query must show: {@code unchanged} (the same result after the migration as before),
 * {@code zero}, {@code nonnegative}, {@code equals:<v>} (one value) or {@code no_rows}.
 *
 * @param value for {@code equals}, the value as written; else empty
 */
public record Expectation(Kind kind, String value) {

    public enum Kind { UNCHANGED, ZERO, NONNEGATIVE, EQUALS, NO_ROWS }

    /** For messages: what may be written. */
    public static final String WORDS = "unchanged, zero, nonnegative, equals:<value> or no_rows";

    public Expectation {
        Objects.requireNonNull(kind, "kind");
        value = value == null ? "" : value;
    }

    /** The expectation as written in godwit.toml or a directive; empty when it is none of {@link #WORDS}. */
    public static Optional<Expectation> parse(String text) {
        String t = text == null ? "" : text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("equals:") && t.length() > "equals:".length()) {
            return Optional.of(new Expectation(Kind.EQUALS, t.substring("equals:".length()).strip()));
        }
        return switch (lower) {
            case "unchanged" -> Optional.of(new Expectation(Kind.UNCHANGED, ""));
            case "zero" -> Optional.of(new Expectation(Kind.ZERO, ""));
            case "nonnegative" -> Optional.of(new Expectation(Kind.NONNEGATIVE, ""));
            case "no_rows" -> Optional.of(new Expectation(Kind.NO_ROWS, ""));
            default -> Optional.empty();
        };
    }

    /** Only {@code unchanged} needs the value from before the migration to be judged. */
    public boolean comparesWithBefore() {
        return kind == Kind.UNCHANGED;
    }

    @Override
    public String toString() {
        return kind == Kind.EQUALS ? "equals:" + value : kind.name().toLowerCase(Locale.ROOT);
    }
}
