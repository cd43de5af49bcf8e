package dev.godwit.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a file into statements exactly where psql would (src/fe_utils/psqlscan.l, PostgreSQL 14+): at a
 * {@code ;} outside parentheses and outside the {@code BEGIN ATOMIC ... END} body of a SQL-standard function.
 * Literals and comments cannot fool it because it works on {@link Lexer} tokens.
 */
public final class StatementSplitter {

    private StatementSplitter() {}

    /** The statements of {@code sql}, in order; empty statements and comment-only text give none. */
    public static List<SqlStatement> split(String sql) throws SqlSyntaxException {
        return split(sql, Lexer.tokenize(sql));
    }

    static List<SqlStatement> split(String sql, List<Token> tokens) throws SqlSyntaxException {
        List<SqlStatement> statements = new ArrayList<>();
        Depth depth = new Depth();
        int first = -1;
        int last = -1;
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.type() == TokenType.PSQL_META) {
                throw new SqlSyntaxException(t.line(), t.column(), "psql meta-command " + metaName(t)
                        + " is not SQL: Godwit runs plain SQL files; replace it with SQL or a ${placeholder}");
            }
            if (!t.isSignificant()) {
                continue;
            }
            if (t.type() == TokenType.PUNCTUATION && t.text().equals(";") && depth.atTop()) {
                if (first >= 0) {
                    statements.add(statement(sql, tokens, first, last));
                }
                first = -1;
                depth = new Depth();
                continue;
            }
            if (first < 0) {
                first = k;
            }
            last = k;
            depth.see(t);
        }
        if (first >= 0) {
            statements.add(statement(sql, tokens, first, last));
        }
        return List.copyOf(statements);
    }

    private static SqlStatement statement(String sql, List<Token> tokens, int first, int last) {
        Token start = tokens.get(first);
        int end = tokens.get(last).endOffset();
        return new SqlStatement(sql.substring(start.offset(), end), start.line(), start.column(),
                start.offset(), end, tokens.subList(first, last + 1));
    }

    /** "\set" from "\set x 1": the command alone, which is what the user needs to find it. */
    private static String metaName(Token t) {
        String text = t.text();
        int end = 1;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '\\') {
            end++;
        }
        return text.substring(0, end);
    }

    /**
     * psql's state within one statement: parenthesis depth, and its BEGIN/END heuristic, which applies only to
     * statements that start with CREATE [OR REPLACE] FUNCTION|PROCEDURE. There, at parenthesis depth 0, BEGIN
     * opens a block, CASE opens one only inside a block (it also ends with END), and END closes one.
     */
    private static final class Depth {
        private final List<String> leadingWords = new ArrayList<>(4);
        private int parens;
        private int begins;

        boolean atTop() {
            return parens == 0 && begins == 0;
        }

        void see(Token t) {
            if (t.type() == TokenType.PUNCTUATION) {
                if (t.text().equals("(")) {
                    parens++;
                } else if (t.text().equals(")") && parens > 0) {
                    parens--;
                }
                return;
            }
            if (t.type() != TokenType.IDENTIFIER) {
                return;
            }
            if (leadingWords.size() < 4) {
                leadingWords.add(t.text());
            }
            if (!createsRoutine() || parens > 0) {
                return;
            }
            if (t.isWord("BEGIN")) {
                begins++;
            } else if (t.isWord("CASE") && begins >= 1) {
                begins++;
            } else if (t.isWord("END") && begins > 0) {
                begins--;
            }
        }

        private boolean createsRoutine() {
            if (leadingWords.size() < 2 || !leadingWords.get(0).equalsIgnoreCase("CREATE")) {
                return false;
            }
            if (isRoutine(leadingWords.get(1))) {
                return true;
            }
            return leadingWords.size() >= 4 && leadingWords.get(1).equalsIgnoreCase("OR")
                    && leadingWords.get(2).equalsIgnoreCase("REPLACE") && isRoutine(leadingWords.get(3));
        }

        private static boolean isRoutine(String word) {
            return word.equalsIgnoreCase("FUNCTION") || word.equalsIgnoreCase("PROCEDURE");
        }
    }
}
