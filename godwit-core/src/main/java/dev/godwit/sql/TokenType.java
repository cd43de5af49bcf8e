package dev.godwit.sql;

/** What kind of lexical token a {@link Token} is; the categories PostgreSQL's own lexer distinguishes. */
public enum TokenType {
    WHITESPACE,
    LINE_COMMENT,
    BLOCK_COMMENT,
    /** Unquoted names and keywords alike: PostgreSQL's lexer does not tell them apart either. */
    IDENTIFIER,
    QUOTED_IDENTIFIER,
    STRING,
    DOLLAR_STRING,
    /** A number, with any letters glued to it ({@code 1end}: "trailing junk", which the server rejects). */
    NUMBER,
    /** Operators, and any character PostgreSQL's lexer would pass to the parser on its own. */
    OPERATOR,
    /** One of {@code ( ) , [ ] . ; :}. */
    PUNCTUATION,
    /** A positional parameter such as {@code $1} (with any letters glued to it, as for {@link #NUMBER}). */
    PARAMETER,
    /** A Flyway-style {@code ${name}} placeholder. */
    PLACEHOLDER,
    /** A psql backslash command, up to the end of its line. */
    PSQL_META
}
