package dev.godwit.migration;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A migration version: numbers separated by dots (Flyway also allows underscores, {@code V1_2__x.sql} is 1.2).
 * Versions compare numerically part by part, so 1.10 > 1.9 and 0001 = 1; trailing zero parts do not count
 * (1.0 = 1), as in Flyway.
 */
public record Version(List<BigInteger> parts, String text) implements Comparable<Version> {

    private static final Pattern FORM = Pattern.compile("\\d+([._]\\d+)*");

    public Version {
        parts = List.copyOf(parts);
    }

    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** @throws IllegalArgumentException when {@code text} is not digits separated by dots or underscores */
    public static Version parse(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a version: use numbers separated by dots, such as 3 or 1.2.3");
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String p : text.split("[._]")) {
            parts.add(new BigInteger(p));
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return new Version(parts, text.replace('_', '.'));
    }

    @Override
    public int compareTo(Version o) {
        int n = Math.max(parts.size(), o.parts.size());
        for (int i = 0; i < n; i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < o.parts.size() ? o.parts.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Equal when numerically equal: "1.0" equals "1", "0001" equals "1". */
    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
