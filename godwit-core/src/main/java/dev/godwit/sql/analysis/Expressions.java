package dev.godwit.sql.analysis;

import dev.godwit.sql.Lexer;
import dev.godwit.sql.Names;
import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.SqlSyntaxException;
import dev.godwit.sql.TokenCursor;
import dev.godwit.sql.TokenType;
import java.util.ArrayList;
import java.util.List;

/** Small readings of expressions kept as text: CHECK conditions, USING clauses, types in casts. */
final class Expressions {

    private Expressions() {}

    /** The significant tokens of {@code text} as a cursor; empty when the text does not lex. */
    static TokenCursor cursor(String text) {
        try {
            return new TokenCursor(new SqlStatement(text, 1, 1, 0, text.length(), Lexer.withoutWhitespace(text)));
        } catch (SqlSyntaxException e) {
            return new TokenCursor(new SqlStatement("", 1, 1, 0, 0, List.of()));
        }
    }

    /**
     * The columns a CHECK condition proves NOT NULL the way PostgreSQL 12+'s SET NOT NULL sees it: the
     * condition, or one of its top-level AND terms, is {@code column IS NOT NULL} (parentheses allowed).
     * Other conditions that imply it ({@code amount > 0}) do not count: PostgreSQL scans for those.
     */
    static List<String> provenNotNull(String condition) {
        List<String> out = new ArrayList<>();
        for (TokenCursor term : andTerms(stripParentheses(cursor(condition)))) {
            TokenCursor t = stripParentheses(term);
            if (t.size() == 4 && TokenCursor.isNameToken(t.get(0)) && t.get(1).isWord("IS") && t.get(2).isWord("NOT")
                    && t.get(3).isWord("NULL")) {
                out.add(Names.unquote(t.get(0).text()));
            }
        }
        return out;
    }

    /**
     * True when {@code expression} is just {@code column} converted to {@code type}: {@code col}, {@code (col)},
     * {@code col::type} or {@code CAST(col AS type)}, the cast naming the same type. Such a USING changes
     * nothing that ALTER … TYPE without USING would not.
     */
    static boolean isColumnAs(String expression, String column, TypeName type) {
        TokenCursor c = stripParentheses(cursor(expression));
        if (c.size() == 0 || !TokenCursor.isNameToken(c.get(0))) {
            return false;
        }
        if (c.size() == 1) {
            return Names.unquote(c.get(0).text()).equals(column);
        }
        if (c.get(0).isWord("CAST") && c.size() > 5 && c.get(1).text().equals("(")
                && TokenCursor.isNameToken(c.get(2)) && Names.unquote(c.get(2).text()).equals(column)
                && c.get(3).isWord("AS") && closes(c, 1) == c.size() - 1) {
            return sameType(c.text(4, c.size() - 1), type);
        }
        return Names.unquote(c.get(0).text()).equals(column) && c.size() > 2
                && c.get(1).type() == TokenType.OPERATOR && c.get(1).text().equals("::")
                && sameType(c.text(2, c.size()), type);
    }

    private static boolean sameType(String written, TypeName type) {
        return TypeName.parse(written).map(t -> t.base().equals(type.base()) && t.modifiers().equals(type.modifiers())
                && t.array() == type.array()).orElse(false);
    }

    private static TokenCursor stripParentheses(TokenCursor c) {
        while (c.size() >= 2 && c.get(0).text().equals("(") && c.get(0).type() == TokenType.PUNCTUATION
                && closes(c, 0) == c.size() - 1) {
            c = c.slice(1, c.size() - 1);
        }
        return c;
    }

    /** The index of the parenthesis that closes the one at {@code open}, or -1. */
    private static int closes(TokenCursor c, int open) {
        int depth = 0;
        for (int k = open; k < c.size(); k++) {
            String t = c.get(k).type() == TokenType.PUNCTUATION ? c.get(k).text() : "";
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")") && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    /** The terms joined by top-level AND; the whole expression when there is none. */
    private static List<TokenCursor> andTerms(TokenCursor c) {
        List<TokenCursor> terms = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int k = 0; k < c.size(); k++) {
            String t = c.get(k).type() == TokenType.PUNCTUATION ? c.get(k).text() : "";
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")")) {
                depth--;
            } else if (depth == 0 && c.get(k).isWord("OR")) {
                return List.of(); // an OR at the top: no term holds on its own
            } else if (depth == 0 && c.get(k).isWord("AND") && !betweenAnd(c, from, k)) {
                terms.add(c.slice(from, k));
                from = k + 1;
            }
        }
        terms.add(c.slice(from, c.size()));
        return terms;
    }

    /** True when the AND at {@code k} belongs to {@code x BETWEEN a AND b}. */
    private static boolean betweenAnd(TokenCursor c, int from, int k) {
        for (int j = k - 1; j >= from; j--) {
            if (c.get(j).isWord("BETWEEN")) {
                return true;
            }
            if (c.get(j).isWord("AND")) {
                return false;
            }
        }
        return false;
    }
}
