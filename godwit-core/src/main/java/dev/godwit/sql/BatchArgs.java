package dev.godwit.sql;

import dev.godwit.base.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code key=value} words of {@code -- godwit:batch}; anything it cannot read is an error at its line. */
final class BatchArgs {

    static final String FORM = "'-- godwit:batch size=<rows> pause=<duration> [key=<column>] [max_lag=<duration>]"
            + " [max_runtime=<duration>]'";
    /** Large enough for any table, small enough that a key range never holds a lock for long. */
    static final int MAX_SIZE = 1_000_000;

    private BatchArgs() {}

    static BatchDirective read(Token at, String args) throws SqlSyntaxException {
        Map<String, String> given = new LinkedHashMap<>();
        for (String word : args.isBlank() ? new String[0] : args.strip().split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq <= 0 || eq == word.length() - 1) {
                throw Directives.error(at, "godwit:batch takes key=value words, as in " + FORM + ", not '" + word + "'");
            }
            String k = word.substring(0, eq);
            if (!BatchDirective.KEYS.contains(k)) {
                String nearest = dev.godwit.base.Suggestions.closest(k, BatchDirective.KEYS).orElse(null);
                throw Directives.error(at, "godwit:batch does not know '" + k + "'"
                        + (nearest == null ? "" : " (did you mean " + nearest + "?)") + "; it takes "
                        + String.join(", ", BatchDirective.KEYS));
            }
            if (given.put(k, word.substring(eq + 1)) != null) {
                throw Directives.error(at, "godwit:batch gives " + k + " twice");
            }
        }
        for (String required : new String[] {"size", "pause"}) {
            if (!given.containsKey(required)) {
                throw Directives.error(at, "godwit:batch needs " + required + "=, as in " + FORM);
            }
        }
        return new BatchDirective(size(at, given.get("size")), duration(at, "pause", given.get("pause")).orElseThrow(),
                Optional.ofNullable(given.get("key")).map(Names::unquote), duration(at, "max_lag", given.get("max_lag")),
                duration(at, "max_runtime", given.get("max_runtime")), at.line());
    }

    private static int size(Token at, String text) throws SqlSyntaxException {
        try {
            int n = Integer.parseInt(text.replace("_", ""));
            if (n >= 1 && n <= MAX_SIZE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw Directives.error(at, "godwit:batch size= needs a whole number of rows from 1 to " + MAX_SIZE + " (10000 is"
                + " a good start), not '" + text + "'");
    }

    private static Optional<Duration> duration(Token at, String key, String text) throws SqlSyntaxException {
        if (text == null) {
            return Optional.empty();
        }
        Optional<Duration> d = Durations.parse(text);
        if (d.isEmpty()) {
            throw Directives.error(at, Durations.expected("godwit:batch " + key + "=", text));
        }
        if (!key.equals("pause") && d.get().isZero()) {
            throw Directives.error(at, "godwit:batch " + key + "= must be more than 0 (leave it out for no limit)");
        }
        return d;
    }
}
