package dev.godwit.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which column names hold money: shell-style patterns ({@code *amount*}) matched case-insensitively against
 * the whole name. Shared by the linter and the integrity checks, so both call the same columns money.
 */
public record MoneyNames(List<String> patterns) {

    public static final List<String> DEFAULT_PATTERNS =
            List.of("*amount*", "*balance*", "*price*", "*total*", "*fee*", "*cost*");

    public MoneyNames {
        patterns = List.copyOf(patterns);
    }

    public static MoneyNames defaults() {
        return new MoneyNames(DEFAULT_PATTERNS);
    }

    /** The patterns compiled, with the answers so far, per list of patterns (a record holds no cache of its own). */
    private static final java.util.Map<List<String>, Compiled> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * One alternation of the patterns, and its answer for each column name asked about: the linter asks for the same
     * few names on every statement that touches a money table, and a regular expression of six {@code .*x.*} is slow.
     */
    private record Compiled(Pattern any, java.util.Map<String, Boolean> answers) {

        boolean matches(String column) {
            Boolean known = answers.get(column);
            if (known != null) {
                return known;
            }
            boolean answer = any.matcher(column.toLowerCase(Locale.ROOT)).matches();
            if (answers.size() < 100_000) {
                answers.put(column, answer);
            }
            return answer;
        }
    }

    /** True when {@code column} (as PostgreSQL stores it) matches one of the patterns. */
    public boolean matches(String column) {
        if (patterns.isEmpty()) {
            return false;
        }
        // The last list asked about, by identity: finding it in COMPILED hashes and compares every pattern, which
        // cost more than the answer (the linter asks for each column of a table on every INSERT and DELETE).
        Last l = last;
        if (l == null || l.patterns() != patterns) {
            l = new Last(patterns, COMPILED.computeIfAbsent(patterns, ps -> new Compiled(Pattern.compile(
                    String.join("|", ps.stream().map(p -> "(?:" + glob(p).pattern() + ")").toList())),
                    new java.util.concurrent.ConcurrentHashMap<>())));
            last = l;
        }
        return l.compiled().matches(column);
    }

    private record Last(List<String> patterns, Compiled compiled) {}

    private static volatile Last last;

    /** {@code *} is any run of characters, {@code ?} one character; everything else is literal. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char ch : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
            if (ch == '*') {
                re.append(".*");
            } else if (ch == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
