package dev.godwit.db;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of anything a human or a log will read. Two nets: a pattern net for passwords that
 * look like passwords (in a URL's user info, or {@code password=...}), and an exact net for the secrets
 * we know, which catches them wherever a driver or server chose to echo them.
 */
public final class Secrets {

    public static final String MASK = "***";

    // User info never contains '[' (that starts an IPv6 host), so "://[::1]:5432" is not mistaken for one.
    // One slash too: a URL taken for a path (a key_file, a folder) comes back normalised to "postgres:/app:pw@db".
    private static final Pattern URL_PASSWORD = Pattern.compile("(:/{1,2}[^:/@\\s\\[\\]]*):[^@\\s]*@");
    private static final Pattern KEY_VALUE_PASSWORD =
            Pattern.compile("(?i)(password\\s*=\\s*)(\"[^\"]*\"|'[^']*'|[^&\\s;,]*)");

    private Secrets() {}

    /** {@code ://user:pw@} becomes {@code ://user:***@} and {@code password=x} becomes {@code password=***}. */
    public static String redactUrl(String text) {
        if (text == null) {
            return null;
        }
        // Each pattern needs its literal (":/", "password" in any case): skip the regex when it is absent, which
        // is most text, and long outputs (a lint report of 50 MB) would otherwise spend seconds here.
        String out = text.contains(":/") ? URL_PASSWORD.matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@")) : text;
        return containsIgnoreCase(out, "password") ? KEY_VALUE_PASSWORD.matcher(out)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK)) : out;
    }

    /**
     * ASCII case-insensitive search, as the pattern's (?i) matches "password". It jumps between the first
     * letter's two cases with {@code indexOf} (vectorised by the JVM): this runs on every string of a large report.
     */
    private static boolean containsIgnoreCase(String text, String lowerCaseWord) {
        int n = lowerCaseWord.length();
        char lower = lowerCaseWord.charAt(0);
        char upper = Character.toUpperCase(lower);
        int lo = text.indexOf(lower);
        int up = text.indexOf(upper);
        while (lo >= 0 || up >= 0) {
            int i = lo < 0 ? up : up < 0 ? lo : Math.min(lo, up);
            if (i + n > text.length()) {
                return false;
            }
            if (text.regionMatches(true, i, lowerCaseWord, 0, n)) {
                return true;
            }
            if (i == lo) {
                lo = text.indexOf(lower, i + 1);
            } else {
                up = text.indexOf(upper, i + 1);
            }
        }
        return false;
    }

    /** Replaces every occurrence of each known secret (and its percent-encoded form) by {@code ***}. */
    public static String redact(String text, Collection<String> secrets) {
        if (text == null || secrets == null || secrets.isEmpty()) {
            return text; // no secret known (lint, no database): called for every string of a large JSON report
        }
        List<String> forms = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                forms.add(s);
                forms.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
                forms.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        // Longest first, so a secret that contains another is masked whole.
        forms.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String f : forms.stream().filter(Objects::nonNull).distinct().toList()) {
            out = out.replace(f, MASK);
        }
        return out;
    }
}
