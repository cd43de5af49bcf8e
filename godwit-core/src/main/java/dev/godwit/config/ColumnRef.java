package dev.godwit.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A column named in the configuration: {@code accounts.balance}, {@code ledger."Amount"},
 * {@code public.accounts.balance}.
 *
 * @param table  as written, possibly schema-qualified and quoted: PostgreSQL resolves it
 * @param column as PostgreSQL stores it (unquoted names folded to lower case)
 */
public record ColumnRef(String table, String column) {

    public ColumnRef {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    /** {@code table.column}, the table possibly qualified; empty when there is no table part. */
    public static Optional<ColumnRef> parse(String text) {
        List<String> parts = parts(text == null ? "" : text.strip());
        if (parts.size() < 2 || parts.stream().anyMatch(String::isEmpty)) {
            return Optional.empty();
        }
        String table = String.join(".", parts.subList(0, parts.size() - 1));
        return Optional.of(new ColumnRef(table, stored(parts.get(parts.size() - 1))));
    }

    /** A list of column names, {@code "account_id, currency"}, as PostgreSQL stores them; empty if any is blank. */
    public static Optional<List<String>> columns(String text) {
        List<String> out = new ArrayList<>();
        for (String c : (text == null ? "" : text).split(",", -1)) {
            String name = c.strip();
            if (name.isEmpty() || name.equals("\"\"")) {
                return Optional.empty();
            }
            out.add(stored(name));
        }
        return Optional.of(List.copyOf(out));
    }

    /** The dotted parts of a name as written; a dot inside double quotes is part of the name. */
    public static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char ch : text.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == '.' && !quoted) {
                parts.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        parts.add(cur.toString().strip());
        return parts;
    }

    /** {@code Amount} → {@code amount}; {@code "Amount"} → {@code Amount}. */
    static String stored(String written) {
        if (written.length() >= 2 && written.startsWith("\"") && written.endsWith("\"")) {
            return written.substring(1, written.length() - 1).replace("\"\"", "\"");
        }
        return written.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return table + "." + column;
    }
}
