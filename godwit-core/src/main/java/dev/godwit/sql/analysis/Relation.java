package dev.godwit.sql.analysis;

import dev.godwit.sql.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table, index or type named in a statement, with its names as PostgreSQL stores them ({@code Accounts} →
 * {@code accounts}, {@code "Accounts"} → {@code Accounts}).
 *
 * @param schema the schema when the statement names one
 */
public record Relation(Optional<String> schema, String name) {

    public Relation {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    public static Relation of(String name) {
        return new Relation(Optional.empty(), name);
    }

    /** {@code s."My T"} as written → schema {@code s}, name {@code My T}. */
    public static Relation parse(String qualifiedAsWritten) {
        List<String> parts = splitOutsideQuotes(qualifiedAsWritten);
        String name = Names.unquote(parts.get(parts.size() - 1));
        Optional<String> schema = parts.size() > 1 ? Optional.of(Names.unquote(parts.get(parts.size() - 2)))
                : Optional.empty();
        return new Relation(schema, name);
    }

    /** True when both name the same object, a missing schema matching any (the search path decides). */
    public boolean sameAs(Relation other) {
        return name.equals(other.name) && (schema.isEmpty() || other.schema.isEmpty() || schema.equals(other.schema));
    }

    /** {@code accounts}, {@code billing.accounts}: how messages name it. */
    public String display() {
        return schema.map(s -> s + "." + name).orElse(name);
    }

    @Override
    public String toString() {
        return display();
    }

    private static List<String> splitOutsideQuotes(String s) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == '.' && !quoted) {
                parts.add(s.substring(start, k));
                start = k + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
