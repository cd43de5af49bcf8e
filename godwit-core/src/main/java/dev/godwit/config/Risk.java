package dev.godwit.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How bad a finding is, in increasing order; {@code [lint] max_risk} is the first level that stops a run. */
public enum Risk {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** {@code low}, {@code medium}, {@code high}, {@code critical}: the word used in config, output and docs. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Risk other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Risk> parse(String s) {
        return Arrays.stream(values()).filter(r -> r.word().equals(s.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
