package dev.godwit.sql.analysis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table constraint: in CREATE TABLE or ALTER TABLE … ADD.
 *
 * @param name       {@code CONSTRAINT name}, when given
 * @param columns    the constrained columns (empty for CHECK and EXCLUDE)
 * @param references for FOREIGN KEY
 * @param notValid   {@code NOT VALID}: existing rows are not checked now
 * @param usingIndex {@code USING INDEX name}: a PRIMARY KEY / UNIQUE built on an existing index
 * @param written    the constraint as written
 */
public record ConstraintDef(Kind kind, Optional<String> name, List<String> columns, Optional<ForeignKey> references,
        boolean notValid, Optional<String> usingIndex, String written) {

    public enum Kind { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUDE, NOT_NULL }

    public ConstraintDef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(usingIndex, "usingIndex");
        Objects.requireNonNull(written, "written");
    }

    /**
     * The columns this constraint proves NOT NULL, as PostgreSQL 12+'s SET NOT NULL sees it: a NOT NULL
     * constraint's column, or a CHECK whose condition is {@code col IS NOT NULL} or ANDs it with others.
     */
    public List<String> provesNotNull() {
        if (kind == Kind.NOT_NULL) {
            return columns;
        }
        return kind == Kind.CHECK ? notNullProvenBy(written) : List.of();
    }

    /**
     * The columns a CHECK constraint proves NOT NULL ({@code CHECK (email IS NOT NULL)}), from its text as written
     * or as {@code pg_get_constraintdef} prints it.
     */
    public static List<String> notNullProvenBy(String check) {
        if (!mentionsNull(check)) {
            return List.of(); // no IS NOT NULL in it: not worth lexing the check again
        }
        List<String> known = PROVEN.get(check);
        if (known != null) {
            return known;
        }
        dev.godwit.sql.TokenCursor c = Expressions.cursor(check);
        if (c.accept("CONSTRAINT")) {
            c.simpleName();
        }
        String condition = c.accept("CHECK") ? c.parenthesised() : null;
        List<String> proven = condition == null ? List.of() : List.copyOf(Expressions.provenNotNull(condition));
        if (PROVEN.size() >= 10_000) {
            PROVEN.clear(); // a bound, not an eviction policy: the same few checks are asked about in a row
        }
        PROVEN.put(check, proven);
        return proven;
    }

    /**
     * Answers of {@link #notNullProvenBy} by the check's text: the linter asks about the same constraint when it
     * applies it to its schema model, once per range of files and again on the thread that walks them, and each
     * time lexed the check again.
     */
    private static final java.util.Map<String, List<String>> PROVEN = new java.util.concurrent.ConcurrentHashMap<>();

    /** PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK / EXCLUDE, as SQL says it. */
    public String kindWords() {
        return kind.name().replace('_', ' ');
    }

    private static boolean mentionsNull(String text) {
        return text.toUpperCase(java.util.Locale.ROOT).contains("NULL");
    }
}
