package dev.godwit.sql;

import java.util.Map;

/**
 * Flyway-compatible {@code ${name}} placeholders. Like Flyway, replacement is textual and happens everywhere
 * in the file, inside strings and comments too, so that a migration written for Flyway means the same here.
 * Replaced values are not scanned again.
 */
public final class Placeholders {

    private Placeholders() {}

    /** Replaces every {@code ${name}} in {@code text}; an undefined name is an error at its position. */
    public static String replace(String text, Map<String, String> values) throws SqlSyntaxException {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        int at = text.indexOf("${");
        while (at >= 0) {
            int end = endOfPlaceholder(text, at);
            if (end < 0) {
                at = text.indexOf("${", at + 1);
                continue;
            }
            String name = text.substring(at + 2, end - 1);
            String value = values.get(name);
            if (value == null) {
                throw new SourcePositions(text).error(at, "placeholder ${" + name
                        + "} is not defined; define it under [placeholders] in godwit.toml");
            }
            out.append(text, from, at).append(value);
            from = end;
            at = text.indexOf("${", end);
        }
        return out.append(text, from, text.length()).toString();
    }

    /**
     * If a placeholder starts at {@code start} ("${" then a name then "}"), the offset just past it; else -1.
     * Names use letters, digits and {@code _ . : -}, which covers Flyway's {@code ${flyway:defaultSchema}}.
     */
    static int endOfPlaceholder(String text, int start) {
        if (!text.startsWith("${", start)) {
            return -1;
        }
        int j = start + 2;
        while (j < text.length() && isNameChar(text.charAt(j))) {
            j++;
        }
        return j > start + 2 && j < text.length() && text.charAt(j) == '}' ? j + 1 : -1;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == ':' || c == '-';
    }
}
