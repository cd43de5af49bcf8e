package dev.godwit.sql;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which half of an expand/contract release a migration belongs to ({@code -- godwit:phase expand|contract}).
 * Expand runs before the new application version rolls out, so the old version must keep working against it;
 * contract runs after the old version is gone, and may remove what only the old version used.
 */
public enum Phase {
    EXPAND, CONTRACT;

    /** {@code expand} or {@code contract}: as the directive, the option and the output say it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Phase> parse(String word) {
        return Arrays.stream(values()).filter(p -> p.word().equals(word.strip().toLowerCase(Locale.ROOT))).findFirst();
    }
}
