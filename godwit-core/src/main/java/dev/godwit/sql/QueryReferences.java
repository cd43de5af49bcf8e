package dev.godwit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which names a query's text uses, read with the lexer (so a name inside a string literal, a comment or a
 * dollar-quoted body is not taken for a use): what the in-use check asks of each query that
 * {@code pg_stat_statements} recorded, whose text has its constants replaced by {@code $1}, {@code $2}, ...
 */
public final class QueryReferences {

    /** The statements an application runs against its data; DDL and maintenance are Godwit's or a DBA's. */
    private static final Set<String> DATA_STATEMENTS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "WITH",
            "MERGE", "COPY", "TABLE", "VALUES");

    private final List<String> names;
    private final String head;

    private QueryReferences(List<String> names, String head) {
        this.names = names;
        this.head = head;
    }

    /** The query read; empty when the lexer cannot read it (pg_stat_statements cut its text short, say). */
    public static Optional<QueryReferences> of(String query) {
        try {
            List<String> names = new ArrayList<>();
            String head = null;
            for (Token t : Lexer.tokenize(query)) {
                if (t.type() == TokenType.IDENTIFIER || t.type() == TokenType.QUOTED_IDENTIFIER) {
                    String name = t.type() == TokenType.IDENTIFIER ? t.text().toLowerCase(Locale.ROOT)
                            : t.text().substring(1, t.text().length() - 1).replace("\"\"", "\"");
                    names.add(name);
                    if (head == null) {
                        head = t.text().toUpperCase(Locale.ROOT);
                    }
                }
            }
            return Optional.of(new QueryReferences(List.copyOf(names), head == null ? "" : head));
        } catch (SqlSyntaxException e) {
            return Optional.empty();
        }
    }

    /** True for SELECT, INSERT, UPDATE, DELETE, WITH, MERGE, COPY: what an application runs. */
    public boolean readsOrWritesData() {
        return DATA_STATEMENTS.contains(head);
    }

    /** True when the query names the table ({@code accounts}, {@code public.accounts}, {@code "accounts"}). */
    public boolean names(String table) {
        return names.contains(table);
    }

    /** True when the query names the table and, anywhere in it, the column. */
    public boolean names(String table, String column) {
        return names(table) && names.contains(column);
    }

    /** The words of the query without its constants, to tell a query from one of the migrations' own statements. */
    public List<String> words() {
        return names;
    }
}
