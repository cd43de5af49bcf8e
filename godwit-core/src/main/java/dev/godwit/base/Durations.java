package dev.godwit.base;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config files and directives: {@code 500ms}, {@code 2s}, {@code 15m},
 * {@code 1h}, {@code 1d}, or several together ({@code 1m30s}). {@code 0} means "no limit" where a limit is
 * optional. PostgreSQL's own spelling ({@code 5min}) is accepted too, since users copy it from psql.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(ms|s|sec|min|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(\\s*\\d+\\s*(ms|s|sec|min|m|h|d)\\s*)+");

    private Durations() {}

    /** Parses {@code text}, or says what is wrong with it in words a user can act on. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        if (!WHOLE.matcher(t).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(sum(t));
        } catch (ArithmeticException | NumberFormatException tooLong) { // "99999999999999999999h": no such duration
            return Optional.empty();
        }
    }

    private static Duration sum(String t) {
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s", "sec" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new IllegalStateException(m.group(2));
            });
        }
        return total;
    }

    /** The message used wherever a duration is rejected, so that every place says the same thing. */
    public static String expected(String what, String got) {
        return what + " must be a duration such as 500ms, 2s, 15m or 1h (or 0 for no limit), not '" + got + "'";
    }

    /** Formats a duration the way {@link #parse} reads it, shortest first: 1s, 1m30s, 250ms. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        long seconds = d.toSecondsPart();
        long millis = d.toMillisPart();
        if (days > 0) sb.append(days).append('d');
        if (hours > 0) sb.append(hours).append('h');
        if (minutes > 0) sb.append(minutes).append('m');
        if (seconds > 0) sb.append(seconds).append('s');
        if (millis > 0) sb.append(millis).append("ms");
        return sb.toString();
    }

    /** PostgreSQL's own notation for {@code SET lock_timeout = '...'}: whole milliseconds. */
    public static String toPostgres(Duration d) {
        return d.toMillis() + "ms";
    }
}
