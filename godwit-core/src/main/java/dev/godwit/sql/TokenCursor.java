package dev.godwit.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A position in the significant tokens of one statement (comments and whitespace left out), with the few
 * moves that reading DROP / TRUNCATE / ALTER / UPDATE / DELETE heads needs. Never throws on odd input: a
 * reader that does not find what it expects simply finds nothing.
 */
public final class TokenCursor {

    private final SqlStatement statement;
    private final List<Token> tokens;
    private int i;

    public TokenCursor(SqlStatement statement) {
        this.statement = statement;
        this.tokens = significant(statement.tokens());
    }

    /** The list itself when it has no comment (most statements: the lexer leaves whitespace out), else a copy without. */
    private static List<Token> significant(List<Token> all) {
        for (int k = 0; k < all.size(); k++) {
            if (!all.get(k).isSignificant()) {
                List<Token> significant = new ArrayList<>(all.size());
                for (Token t : all) {
                    if (t.isSignificant()) {
                        significant.add(t);
                    }
                }
                return List.copyOf(significant);
            }
        }
        return all;
    }

    private TokenCursor(SqlStatement statement, List<Token> tokens) {
        this.statement = statement;
        this.tokens = tokens;
    }

    /** A cursor over tokens {@code from} to {@code toExclusive - 1} only, e.g. one element of a list. */
    public TokenCursor slice(int from, int toExclusive) {
        return new TokenCursor(statement, tokens.subList(from, Math.max(from, toExclusive)));
    }

    /** The next token, or null at the end. */
    public Token peek() {
        return atEnd() ? null : tokens.get(i);
    }

    /** The text from token {@code from} up to where the cursor is now; empty when it has not moved. */
    public String textSince(int from) {
        return i > from ? text(from, i) : "";
    }

    /** The text of what is left, from here to the end; empty at the end. */
    public String rest() {
        return atEnd() ? "" : text(i, tokens.size());
    }

    /** True when the next token is the operator {@code op} (e.g. {@code =}, {@code ::}). */
    public boolean isOperator(String op) {
        return !atEnd() && tokens.get(i).type() == TokenType.OPERATOR && tokens.get(i).text().equals(op);
    }

    /**
     * At an opening parenthesis: the cursors of the top-level comma-separated elements inside it, the cursor
     * left past the closing one. Empty (and not moved) when the next token is not {@code (}.
     */
    public List<TokenCursor> parenthesisedList() {
        List<TokenCursor> elements = new ArrayList<>();
        if (!isPunct("(")) {
            return elements;
        }
        int depth = 0;
        int start = i + 1;
        for (i++; !atEnd(); i++) {
            Token t = tokens.get(i);
            if (isOpen(t)) {
                depth++;
            } else if (isClose(t)) {
                if (depth == 0) {
                    elements.add(slice(start, i));
                    i++;
                    return elements;
                }
                depth--;
            } else if (depth == 0 && t.type() == TokenType.PUNCTUATION && t.text().equals(",")) {
                elements.add(slice(start, i));
                start = i + 1;
            }
        }
        elements.add(slice(start, i)); // unclosed: the server will say so; take what there is
        return elements;
    }

    /** At an opening parenthesis or bracket: skips past its match and returns the text inside; else null. */
    public String parenthesised() {
        if (!isPunct("(") && !isPunct("[")) {
            return null;
        }
        int open = i;
        int depth = 0;
        for (; !atEnd(); i++) {
            Token t = tokens.get(i);
            if (isOpen(t)) {
                depth++;
            } else if (isClose(t) && --depth == 0) {
                i++;
                return i - 1 > open + 1 ? text(open + 1, i - 1) : "";
            }
        }
        return text(open + 1, tokens.size());
    }

    private static boolean isOpen(Token t) {
        return t.type() == TokenType.PUNCTUATION && (t.text().equals("(") || t.text().equals("["));
    }

    private static boolean isClose(Token t) {
        return t.type() == TokenType.PUNCTUATION && (t.text().equals(")") || t.text().equals("]"));
    }

    public boolean atEnd() {
        return i >= tokens.size();
    }

    public int position() {
        return i;
    }

    /** Steps over the current token and returns where it was. */
    public int moveOn() {
        return i++;
    }

    public void moveTo(int position) {
        i = position;
    }

    public int size() {
        return tokens.size();
    }

    public Token get(int position) {
        return tokens.get(position);
    }

    /** The statement's text from token {@code from} through token {@code toExclusive - 1}, comments included. */
    public String text(int from, int toExclusive) {
        int base = statement.startOffset();
        return statement.text().substring(tokens.get(from).offset() - base,
                tokens.get(toExclusive - 1).endOffset() - base);
    }

    /** Skips a {@code *} after a table name: the old spelling of "and its descendants". */
    public void acceptStar() {
        if (!atEnd() && tokens.get(i).type() == TokenType.OPERATOR && tokens.get(i).text().equals("*")) {
            i++;
        }
    }

    /** True when the next token is the unquoted word {@code w}. */
    public boolean isWord(String w) {
        return !atEnd() && tokens.get(i).isWord(w);
    }

    /** Skips the word {@code w} when it is next. */
    public boolean accept(String w) {
        if (isWord(w)) {
            i++;
            return true;
        }
        return false;
    }

    /** Skips the words, in order, when all of them are next; otherwise moves nowhere. */
    public boolean accept(String... words) {
        for (int k = 0; k < words.length; k++) {
            if (i + k >= tokens.size() || !tokens.get(i + k).isWord(words[k])) {
                return false;
            }
        }
        i += words.length;
        return true;
    }

    public boolean isPunct(String p) {
        return !atEnd() && tokens.get(i).type() == TokenType.PUNCTUATION && tokens.get(i).text().equals(p);
    }

    public boolean acceptPunct(String p) {
        if (isPunct(p)) {
            i++;
            return true;
        }
        return false;
    }

    public boolean isName() {
        return !atEnd() && isNameToken(tokens.get(i));
    }

    /** A name part that PostgreSQL would take as a name: a word or a quoted identifier. */
    public static boolean isNameToken(Token t) {
        return t.type() == TokenType.IDENTIFIER || t.type() == TokenType.QUOTED_IDENTIFIER;
    }

    /** A possibly qualified name ({@code a}, {@code s."T"}), as written but without whitespace; null if none. */
    public String qualifiedName() {
        if (!isName()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(tokens.get(i++).text());
        while (isPunct(".") && i + 1 < tokens.size() && isNameToken(tokens.get(i + 1))) {
            sb.append('.').append(tokens.get(i + 1).text());
            i += 2;
        }
        return sb.toString();
    }

    /** One name token as PostgreSQL stores it (see {@link Names#unquote}); null if the next token is not one. */
    public String simpleName() {
        return isName() ? Names.unquote(tokens.get(i++).text()) : null;
    }

    /**
     * Skips to the next token at parenthesis depth 0 (relative to here) that is a top-level comma or one of
     * {@code stopWords}; returns true when one was found (the cursor is on it), false at the end.
     */
    public boolean skipToTopLevel(boolean stopAtComma, String... stopWords) {
        int depth = 0;
        while (!atEnd()) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.PUNCTUATION && (t.text().equals("(") || t.text().equals("["))) {
                depth++;
            } else if (t.type() == TokenType.PUNCTUATION && (t.text().equals(")") || t.text().equals("]"))) {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && stopAtComma && t.type() == TokenType.PUNCTUATION && t.text().equals(",")) {
                return true;
            } else if (depth == 0 && t.type() == TokenType.IDENTIFIER && isStop(t, stopWords)) {
                return true;
            }
            i++;
        }
        return false;
    }

    private boolean isStop(Token t, String[] stopWords) {
        for (String w : stopWords) {
            if (t.isWord(w) && !(w.equals("FROM") && previousIs("DISTINCT"))) {
                return true; // "a IS DISTINCT FROM b" is an operator, not a FROM clause
            }
        }
        return false;
    }

    private boolean previousIs(String w) {
        return i > 0 && tokens.get(i - 1).isWord(w);
    }
}
