package dev.godwit.sql;

import java.util.List;
import java.util.Objects;

/** A migration file read as SQL: its statements and its directives, from one pass of the lexer. */
public record SqlScript(List<SqlStatement> statements, FileDirectives directives) {

    public SqlScript {
        statements = List.copyOf(statements);
        Objects.requireNonNull(directives, "directives");
    }

    /** Reads {@code text} (placeholders already replaced); any problem is reported at its line and column. */
    public static SqlScript parse(String text) throws SqlSyntaxException {
        List<Token> tokens = Lexer.withoutWhitespace(text);
        StatementSplitter.Shape shape = new StatementSplitter.Shape();
        List<SqlStatement> statements = StatementSplitter.split(text, tokens, shape);
        StatementShapes.check(statements, shape);
        return new SqlScript(statements, Directives.read(tokens, statements));
    }
}
