package dev.godwit.sql;

import java.util.Objects;

/**
 * One token of SQL source, exactly as written.
 *
 * @param offset index of the first character in the source text
 * @param line   1-based line of the first character ({@code \n}, {@code \r\n} and a lone {@code \r} end a line)
 * @param column 1-based column of the first character, counted in Java {@code char}s
 */
public record Token(TokenType type, String text, int offset, int line, int column) {

    public Token {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
    }

    /** True for tokens that mean something to PostgreSQL: everything but whitespace and comments. */
    public boolean isSignificant() {
        return type != TokenType.WHITESPACE && type != TokenType.LINE_COMMENT && type != TokenType.BLOCK_COMMENT;
    }

    /** True when this is an unquoted word equal to {@code upperCaseKeyword}, ignoring case as PostgreSQL does. */
    public boolean isWord(String upperCaseKeyword) {
        return type == TokenType.IDENTIFIER && text.equalsIgnoreCase(upperCaseKeyword);
    }

    /** Offset just past the last character. */
    public int endOffset() {
        return offset + text.length();
    }
}
