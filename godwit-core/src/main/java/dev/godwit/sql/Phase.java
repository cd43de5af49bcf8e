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

    /**
     * The phase option as every client takes it ({@code --phase}, {@code godwit.phase}): {@code expand} or
     * {@code contract} for that phase, {@code all}, blank or null for every phase (empty).
     *
     * @throws IllegalArgumentException naming the value, for anything else
     */
    public static Optional<Phase> option(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("all")) {
            return Optional.empty();
        }
        return Optional.of(parse(value).orElseThrow(() -> new IllegalArgumentException(
                "must be expand, contract or all, not '" + value + "'")));
    }

    public static Optional<Phase> parse(String word) {
        return Arrays.stream(values()).filter(p -> p.word().equals(word.strip().toLowerCase(Locale.ROOT))).findFirst();
    }
}
