package dev.godwit.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A PostgreSQL lexer, faithful to {@code src/backend/parser/scan.l} where it matters for cutting files into
 * statements: every literal, quoted name and comment form, so that a {@code ;} or a {@code --} inside one of
 * them is never mistaken for the real thing. Numbers follow PostgreSQL 16+ (and psql 15 wherever a statement
 * boundary depends on them).
 *
 * <p>What a backslash means inside {@code '...'} depends on {@code standard_conforming_strings}. A file starts with
 * it on (the default since PostgreSQL 9.1: a backslash escapes only inside {@code E'...'}), and the lexer follows
 * {@code SET}/{@code RESET} statements of it the way psql does, which is from the line after the statement on
 * (see {@link StatementSplitter.StatementTracker}). Changes made inside functions or DO blocks, by
 * {@code set_config()}, or undone by {@code ROLLBACK} are not followed.
 *
 * <p>The tokens cover the input exactly: their texts, concatenated, give back the source. Characters
 * PostgreSQL's parser would reject become one-character {@link TokenType#OPERATOR} tokens rather than errors,
 * because reporting bad SQL is the server's job; the lexer only fails where it cannot know where a token ends.
 */
public final class Lexer {

    private static final String OP_CHARS = "~!@#^&|`?+-*/%<>=";
    /** Operator characters that keep a trailing + or - part of the operator (scan.l's rule). */
    private static final String OP_KEEPS_SIGN = "~!@#^&|`?%";
    private static final String PUNCTUATION = "(),[].;";
    /** Every one-character ASCII text, made once. */
    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < ONE_CHAR.length; c++) {
            ONE_CHAR[c] = String.valueOf(c);
        }
    }

    private final String s;
    /** The same text as {@link #s}: indexing an array is cheaper than {@code charAt}, and the lexer does little else. */
    private final char[] chars;
    private final SourcePositions positions;
    private final List<Token> tokens;
    /**
     * One String per distinct token text in the file: keywords, names and whitespace repeat, and a file's
     * statements keep their tokens for as long as it is linted or run (this halves the memory they take). An
     * open-addressing table looked up by the characters themselves, so that a text seen before makes no String.
     */
    private String[] texts = new String[256];
    private int distinct;
    private final StatementSplitter.StatementTracker statements;
    private int i;

    private Lexer(String sql) {
        this.s = sql;
        this.chars = sql.toCharArray();
        this.positions = new SourcePositions(chars);
        this.statements = new StatementSplitter.StatementTracker(sql);
        this.tokens = new ArrayList<>(sql.length() / 6 + 16); // about one token in six characters
    }

    /** Splits {@code sql} into tokens that cover it exactly, in order. */
    public static List<Token> tokenize(String sql) throws SqlSyntaxException {
        return tokens(sql, true);
    }

    /**
     * The tokens of {@code sql} but whitespace, in order: what statements are made of. Comments stay (directives
     * and goose's markers are comments). Whitespace was two tokens in five, kept for as long as a file is linted
     * or run, and nothing reads it: a token's offset says where it is.
     */
    public static List<Token> withoutWhitespace(String sql) throws SqlSyntaxException {
        return tokens(sql, false);
    }

    private static List<Token> tokens(String sql, boolean whitespace) throws SqlSyntaxException {
        Lexer lexer = new Lexer(sql);
        int line = 1;
        while (lexer.i < sql.length()) {
            int start = lexer.i;
            TokenType type = lexer.next();
            if (type == TokenType.WHITESPACE && !whitespace) {
                continue; // no statement or tracker looks at it
            }
            line = lexer.positions.lineFrom(line, start);
            Token token = new Token(type, lexer.text(start), start, line, lexer.positions.columnOnLine(line, start));
            lexer.tokens.add(token);
            lexer.statements.see(token);
        }
        return Collections.unmodifiableList(lexer.tokens); // no copy: it is read, then dropped
    }

    /** The text of the token just read, from {@code start} to {@code i}, shared with equal texts before it. */
    private String text(int start) {
        if (i - start == 1 && chars[start] < ONE_CHAR.length) {
            return ONE_CHAR[chars[start]]; // a space, a comma, a parenthesis: half the tokens, no lookup needed
        }
        int hash = 0;
        for (int k = start; k < i; k++) {
            hash = 31 * hash + chars[k];
        }
        int mask = texts.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            String seen = texts[slot];
            if (seen == null) {
                String t = s.substring(start, i);
                texts[slot] = t;
                if (++distinct * 2 > texts.length) {
                    grow();
                }
                return t;
            }
            if (seen.length() == i - start && s.startsWith(seen, start)) {
                return seen;
            }
        }
    }

    private void grow() {
        String[] old = texts;
        texts = new String[old.length * 2];
        int mask = texts.length - 1;
        for (String t : old) {
            if (t != null) {
                int slot = t.hashCode() & mask; // String.hashCode is the same 31-polynomial as text() computes
                while (texts[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                texts[slot] = t;
            }
        }
    }

    /** Reads one token starting at {@code i}, leaves {@code i} just past it, and says what it was. */
    private TokenType next() throws SqlSyntaxException {
        char c = chars[i];
        if (i == 0 && c == '\uFEFF') {
            i++; // a byte-order mark is not part of the SQL; editors on Windows add it
            return TokenType.WHITESPACE;
        }
        if (isSpace(c)) {
            while (i < s.length() && isSpace(chars[i])) {
                i++;
            }
            return TokenType.WHITESPACE;
        }
        if (c == '-' && at(1) == '-') {
            toEndOfLine();
            return TokenType.LINE_COMMENT;
        }
        if (c == '/' && at(1) == '*') {
            return blockComment();
        }
        if (c == '\\') {
            toEndOfLine(); // psql reads a backslash command up to the end of the line
            return TokenType.PSQL_META;
        }
        if (c == '\'') {
            return quoted(i, 0, '\'', !statements.standardStringsAt(i), "quoted string");
        }
        if (c == '"') {
            return quoted(i, 0, '"', false, "quoted identifier");
        }
        if (c == '$') {
            return dollar();
        }
        if (isDigit(c) || (c == '.' && isDigit(at(1)))) {
            return number();
        }
        if (isIdentStart(c)) {
            return wordOrPrefixedLiteral(c);
        }
        if (c == ':') {
            // "::" (cast) and ":=" are operators; a lone colon is punctuation (array slices, psql variables).
            boolean pair = at(1) == ':' || at(1) == '=';
            i += pair ? 2 : 1;
            return pair ? TokenType.OPERATOR : TokenType.PUNCTUATION;
        }
        if (c == '.' && at(1) == '.') {
            i += 2; // scan.l's dot_dot, the range operator of PL/pgSQL FOR loops
            return TokenType.OPERATOR;
        }
        if (PUNCTUATION.indexOf(c) >= 0) {
            i++;
            return TokenType.PUNCTUATION;
        }
        if (OP_CHARS.indexOf(c) >= 0) {
            return operator();
        }
        i++; // any other character: PostgreSQL hands it to the parser alone, and the parser rejects it
        return TokenType.OPERATOR;
    }

    private void toEndOfLine() {
        while (i < s.length() && chars[i] != '\n' && chars[i] != '\r') {
            i++;
        }
    }

    private TokenType blockComment() throws SqlSyntaxException {
        int start = i;
        int depth = 0;
        while (i < s.length()) {
            if (s.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return TokenType.BLOCK_COMMENT;
                }
            } else {
                i++;
            }
        }
        throw positions.error(start, "unterminated /* comment (started here)");
    }

    /**
     * A quoted string or identifier whose opening quote is at {@code start + prefixLength}. A doubled quote
     * stands for itself; with {@code backslashEscapes} (E'...') a backslash also escapes the next character.
     * The token ends at the closing quote: psql never joins strings across lines (it reads one line at a time).
     */
    private TokenType quoted(int start, int prefixLength, char quote, boolean backslashEscapes, String what)
            throws SqlSyntaxException {
        boolean escapes = backslashEscapes;
        int j = start + prefixLength + 1;
        while (j < s.length()) {
            char c = chars[j];
            if (escapes && c == '\\') {
                j += 2;
            } else if (c == quote) {
                if (j + 1 < s.length() && chars[j + 1] == quote) {
                    if (bitOrHex(start, prefixLength)) {
                        // scan.l ends B'..'/X'..' at the first quote; the second opens a plain string, whose
                        // backslashes follow standard_conforming_strings.
                        escapes = !statements.standardStringsAt(j + 1);
                    }
                    j += 2;
                } else {
                    if (quote == '"' && j == start + prefixLength + 1) {
                        throw positions.error(start, "zero-length delimited identifier");
                    }
                    i = j + 1;
                    return quote == '"' ? TokenType.QUOTED_IDENTIFIER : TokenType.STRING;
                }
            } else {
                j++;
            }
        }
        throw positions.error(start, "unterminated " + what + " (started here)");
    }

    /** {@code $1}, {@code ${name}}, {@code $$...$$} / {@code $tag$...$tag$}, or a lone dollar sign. */
    private TokenType dollar() throws SqlSyntaxException {
        int start = i;
        if (at(1) == '{') {
            int end = Placeholders.endOfPlaceholder(s, start);
            if (end > 0) {
                i = end;
                return TokenType.PLACEHOLDER;
            }
        }
        if (isDigit(at(1))) {
            i++;
            while (i < s.length() && isDigit(chars[i])) {
                i++;
            }
            trailingJunk();
            return TokenType.PARAMETER;
        }
        int j = start + 1;
        if (j < s.length() && isDollarTagStart(chars[j])) {
            while (j < s.length() && (isDollarTagStart(chars[j]) || isDigit(chars[j]))) {
                j++;
            }
        }
        if (j < s.length() && chars[j] == '$') {
            String delimiter = s.substring(start, j + 1);
            int close = s.indexOf(delimiter, j + 1);
            if (close < 0) {
                throw positions.error(start, "unterminated dollar-quoted string " + delimiter + " (started here)");
            }
            i = close + delimiter.length();
            return TokenType.DOLLAR_STRING;
        }
        i++;
        return TokenType.OPERATOR;
    }

    /**
     * Integers (decimal, 0x, 0o, 0b, with PostgreSQL 16's underscores), decimals and exponents, and letters glued
     * to them (see {@link #trailingJunk}).
     */
    private TokenType number() {
        char radix = Character.toLowerCase(at(1));
        if (chars[i] == '0' && (radix == 'x' || radix == 'o' || radix == 'b')) {
            int j = i + 2;
            if (j < s.length() && chars[j] == '_') {
                j++;
            }
            if (isRadixDigit(radix, at(j - i))) {
                i = j;
                digits(radix);
                trailingJunk();
                return TokenType.NUMBER;
            }
        }
        if (chars[i] != '.') {
            digits('d');
        }
        // "1..10" is the integer 1 followed by "..", as in scan.l's numericfail rule.
        if (at(0) == '.' && at(1) != '.') {
            i++;
            if (isDigit(at(0))) {
                digits('d');
            }
        }
        char e = at(0);
        if (e == 'e' || e == 'E') {
            boolean sign = at(1) == '+' || at(1) == '-';
            if (isDigit(at(sign ? 2 : 1))) {
                i += sign ? 2 : 1;
                digits('d');
            } else if (sign) {
                return TokenType.NUMBER; // scan.l's realfail: "1e+" is 1, then e, then +
            }
        }
        trailingJunk();
        return TokenType.NUMBER;
    }

    /**
     * Letters glued to a number or parameter ({@code 1end}, {@code $1a}) belong to it: since PostgreSQL 15 they are
     * "trailing junk" that the server rejects, and psql does not read them as a word, so such an END does not close
     * a BEGIN ATOMIC block and {@code 0e'...'} is not an escape string.
     */
    private void trailingJunk() {
        if (i < s.length() && isIdentStart(chars[i])) {
            while (i < s.length() && (isIdentStart(chars[i]) || isDigit(chars[i]) || chars[i] == '$')) {
                i++;
            }
        }
    }

    private void digits(char radix) {
        while (i < s.length()) {
            if (isRadixDigit(radix, chars[i])) {
                i++;
            } else if (chars[i] == '_' && isRadixDigit(radix, at(1))) {
                i += 2;
            } else {
                return;
            }
        }
    }

    /** A word, unless its first letters are the prefix of a literal: E'', B'', X'', N'', U&'' or U&"". */
    private TokenType wordOrPrefixedLiteral(char c) throws SqlSyntaxException {
        char lower = Character.toLowerCase(c);
        if (at(1) == '\'') {
            switch (lower) {
                case 'e' -> {
                    return quoted(i, 1, '\'', true, "quoted string");
                }
                case 'b' -> {
                    return quoted(i, 1, '\'', false, "bit string literal");
                }
                case 'x' -> {
                    return quoted(i, 1, '\'', false, "hexadecimal string literal");
                }
                case 'n' -> {
                    return quoted(i, 1, '\'', !statements.standardStringsAt(i + 1), "quoted string");
                }
                default -> { }
            }
        }
        if (lower == 'u' && at(1) == '&' && (at(2) == '\'' || at(2) == '"')) {
            return at(2) == '"'
                    ? quoted(i, 2, '"', false, "quoted identifier")
                    : quoted(i, 2, '\'', false, "quoted string");
        }
        i++;
        while (i < s.length() && (isIdentStart(chars[i]) || isDigit(chars[i]) || chars[i] == '$')) {
            i++;
        }
        return TokenType.IDENTIFIER;
    }

    /**
     * The longest run of operator characters, cut where a comment starts, and without trailing + or - unless
     * the operator has one of {@code ~!@#^&|`?%} (so that {@code a=-1} is {@code =} then {@code -1}).
     */
    private TokenType operator() {
        int j = i;
        while (j < s.length() && OP_CHARS.indexOf(chars[j]) >= 0) {
            j++;
        }
        String op = s.substring(i, j);
        int n = op.length();
        int slashStar = op.indexOf("/*");
        int dashDash = op.indexOf("--");
        if (slashStar > 0 || dashDash > 0) {
            n = slashStar < 0 ? dashDash : dashDash < 0 ? slashStar : Math.min(slashStar, dashDash);
        }
        if (n > 1 && (op.charAt(n - 1) == '+' || op.charAt(n - 1) == '-')) {
            boolean keeps = false;
            for (int k = 0; k < n - 1; k++) {
                keeps |= OP_KEEPS_SIGN.indexOf(op.charAt(k)) >= 0;
            }
            while (!keeps && n > 1 && (op.charAt(n - 1) == '+' || op.charAt(n - 1) == '-')) {
                n--;
            }
        }
        i += n;
        return TokenType.OPERATOR;
    }

    private boolean bitOrHex(int start, int prefixLength) {
        char prefix = Character.toLowerCase(chars[start]);
        return prefixLength == 1 && (prefix == 'b' || prefix == 'x');
    }

    private char at(int ahead) {
        int k = i + ahead;
        return k < s.length() ? chars[k] : '\0';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isRadixDigit(char radix, char c) {
        return switch (radix) {
            case 'x' -> isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            case 'o' -> c >= '0' && c <= '7';
            case 'b' -> c == '0' || c == '1';
            default -> isDigit(c);
        };
    }

    /** scan.l's ident_start: ASCII letters, underscore, and every non-ASCII character. */
    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    /** Dollar-quote tags are identifier characters without '$'; digits may follow but not start. */
    private static boolean isDollarTagStart(char c) {
        return isIdentStart(c);
    }
}
