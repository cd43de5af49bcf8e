package dev.godwit.config;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much a migration may change a checked value on purpose: the change (after minus before) must lie in
 * {@code [min, max]}. Written {@code +0..+100}, {@code -50..0}, {@code +10} (exactly), {@code +1..} (any
 * increase of at least one), {@code ..0} (no increase), {@code +0..+10%} (a bound in percent of the value
 * before), or {@code any}.
 *
 * @param text as written, for messages
 */
public record ChangeRange(Optional<Bound> min, Optional<Bound> max, String text) {

    private static final String NUMBER = "[+-]?\\d+(?:\\.\\d+)?%?";
    private static final Pattern RANGE = Pattern.compile("(" + NUMBER + ")?\\s*\\.\\.\\s*(" + NUMBER + ")?");
    private static final Pattern EXACT = Pattern.compile(NUMBER);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** For messages: what may be written. */
    public static final String FORMS = "a change such as +0..+100, -5..0, +10, +1.., +0..+10% or any";

    /** One end of the range: a number, or a percentage of the value before. */
    public record Bound(BigDecimal value, boolean percent) {

        static Bound parse(String text) {
            boolean percent = text.endsWith("%");
            return new Bound(new BigDecimal(percent ? text.substring(0, text.length() - 1) : text), percent);
        }

        BigDecimal resolve(BigDecimal before) {
            return percent ? before.abs().multiply(value).divide(HUNDRED) : value;
        }
    }

    public ChangeRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(text, "text");
    }

    public static Optional<ChangeRange> parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("any")) {
            return Optional.of(new ChangeRange(Optional.empty(), Optional.empty(), "any"));
        }
        if (EXACT.matcher(t).matches()) {
            Bound b = Bound.parse(t);
            return Optional.of(new ChangeRange(Optional.of(b), Optional.of(b), t));
        }
        Matcher m = RANGE.matcher(t);
        if (!m.matches() || (m.group(1) == null && m.group(2) == null)) {
            return Optional.empty();
        }
        Optional<Bound> min = Optional.ofNullable(m.group(1)).map(Bound::parse);
        Optional<Bound> max = Optional.ofNullable(m.group(2)).map(Bound::parse);
        if (min.isPresent() && max.isPresent() && min.get().percent() == max.get().percent()
                && min.get().value().compareTo(max.get().value()) > 0) {
            return Optional.empty();
        }
        return Optional.of(new ChangeRange(min, max, t));
    }

    /** Whether {@code change} (after minus {@code before}) is allowed. */
    public boolean contains(BigDecimal change, BigDecimal before) {
        return min.map(lo -> change.compareTo(lo.resolve(before)) >= 0).orElse(true)
                && max.map(hi -> change.compareTo(hi.resolve(before)) <= 0).orElse(true);
    }

    public boolean isAny() {
        return min.isEmpty() && max.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
