package dev.godwit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a file into statements exactly where psql would (src/fe_utils/psqlscan.l, PostgreSQL 14+): at a
 * {@code ;} outside parentheses and outside the {@code BEGIN ATOMIC ... END} body of a SQL-standard function.
 * Literals and comments cannot fool it because it works on {@link Lexer} tokens. goose's
 * {@code -- +goose StatementBegin} ... {@code -- +goose StatementEnd} lines make what is between them one statement,
 * as goose sends it (goose files need them for function bodies psql's rule would not keep whole).
 */
public final class StatementSplitter {

    private StatementSplitter() {}

    /** The statements of {@code sql}, in order; empty statements and comment-only text give none. */
    public static List<SqlStatement> split(String sql) throws SqlSyntaxException {
        return split(sql, Lexer.withoutWhitespace(sql));
    }

    static List<SqlStatement> split(String sql, List<Token> tokens) throws SqlSyntaxException {
        return split(sql, tokens, new Shape());
    }

    /**
     * What the split sees on its way that tells a statement can never run, for {@link StatementShapes}: psql
     * passes a stray ')' on and lets an unclosed '(' swallow the rest of the file, and so does the split.
     */
    static final class Shape {
        /** The first ')' without a matching '(' in its statement. */
        Token stray;
        /** The outermost '(' of the last statement, when it is never closed. */
        Token unclosed;
        /** The statements (by index) with a ',' outside quotes: only they can name a column twice. */
        final java.util.BitSet commas = new java.util.BitSet();
    }

    static List<SqlStatement> split(String sql, List<Token> tokens, Shape shape) throws SqlSyntaxException {
        List<SqlStatement> statements = new ArrayList<>();
        final Depth depth = new Depth();
        Token outermost = null;
        int first = -1;
        int last = -1;
        boolean gooseBlock = false;
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            String goose = t.type() == TokenType.LINE_COMMENT ? gooseMarker(t.text()) : "";
            if (goose.equals("statementbegin") || goose.equals("statementend")) {
                if (first >= 0) {
                    statements.add(statement(sql, tokens, first, last));
                }
                first = -1;
                depth.reset();
                gooseBlock = goose.equals("statementbegin");
                continue;
            }
            if (gooseBlock && t.type() == TokenType.PUNCTUATION && t.text().equals(";")) {
                continue; // part of the block's text (between first and last), never a cut nor its end
            }
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
                depth.reset();
                continue;
            }
            if (first < 0) {
                first = k;
            }
            last = k;
            if (t.type() == TokenType.PUNCTUATION) {
                if (t.text().equals("(") && depth.parens == 0) {
                    outermost = t;
                } else if (t.text().equals(")") && depth.parens == 0 && shape.stray == null) {
                    shape.stray = t;
                } else if (t.text().equals(",")) {
                    shape.commas.set(statements.size());
                }
            }
            depth.see(t);
        }
        if (first >= 0) {
            statements.add(statement(sql, tokens, first, last));
            shape.unclosed = depth.parens > 0 ? outermost : null;
        }
        return List.copyOf(statements);
    }

    /** "statementbegin" for "-- +goose StatementBegin" (goose reads these words in any case); "" for other comments. */
    static String gooseMarker(String comment) {
        String rest = comment.substring(2).strip();
        return rest.regionMatches(true, 0, "+goose ", 0, 7)
                ? rest.substring(7).strip().replace(" ", "").toLowerCase(Locale.ROOT) : "";
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
     * Follows a file statement by statement as psql does, for the {@link Lexer}, which must know what
     * {@code standard_conforming_strings} is when a {@code '} opens a string. psql reads a file line by line and
     * takes the server's setting before each line, so a statement that changes it (SET, RESET, DISCARD ALL)
     * changes how the lines after the one it ends on are read.
     */
    static final class StatementTracker {
        /** Enough of a statement to recognise {@code SET SESSION standard_conforming_strings TO value}. */
        private static final int HEAD = 6;

        private final String text;
        private final List<Token> head = new ArrayList<>(HEAD);
        private final Depth depth = new Depth();
        private boolean standardStrings = true;
        private boolean pendingValue = true;
        private int pendingFrom = Integer.MAX_VALUE;

        StatementTracker(String text) {
            this.text = text;
        }

        /** Sees the next token of the file. */
        void see(Token t) throws SqlSyntaxException {
            if (!t.isSignificant() || t.type() == TokenType.PSQL_META) {
                return;
            }
            if (t.type() == TokenType.PUNCTUATION && t.text().equals(";") && depth.atTop()) {
                Boolean value = standardStringsSetBy(head);
                if (value != null) {
                    standardStringsAt(t.offset()); // a change still pending from an earlier line applies first
                    int newline = text.indexOf('\n', t.endOffset());
                    pendingValue = value;
                    pendingFrom = newline < 0 ? Integer.MAX_VALUE : newline + 1;
                }
                head.clear();
                depth.reset();
                return;
            }
            if (head.size() < HEAD) {
                head.add(t);
            }
            depth.see(t);
        }

        /** standard_conforming_strings as psql sees it for a quote that opens at {@code offset}. */
        boolean standardStringsAt(int offset) {
            if (offset >= pendingFrom) {
                standardStrings = pendingValue;
                pendingFrom = Integer.MAX_VALUE;
            }
            return standardStrings;
        }
    }

    /**
     * The value a whole statement sets standard_conforming_strings to, or null when it sets nothing (or is not
     * valid, so that the server would reject it and nothing would change). {@code RESET} and {@code DEFAULT} mean
     * on, the default. {@code SET LOCAL ... off} is refused: it ends with the transaction, and whether a file runs
     * in one is decided when it runs, not here.
     */
    static Boolean standardStringsSetBy(List<Token> statement) throws SqlSyntaxException {
        int n = statement.size();
        if (n == 0) {
            return null;
        }
        Token first = statement.get(0);
        if (n == 2 && (first.isWord("RESET") && (isStandardStrings(statement.get(1)) || statement.get(1).isWord("ALL"))
                || first.isWord("DISCARD") && statement.get(1).isWord("ALL"))) {
            return Boolean.TRUE;
        }
        if (!first.isWord("SET") || n < 4) {
            return null;
        }
        int k = 1;
        boolean local = statement.get(k).isWord("LOCAL");
        if (local || statement.get(k).isWord("SESSION")) {
            k++;
        }
        boolean shape = n == k + 3 && isStandardStrings(statement.get(k))
                && (statement.get(k + 1).isWord("TO") || statement.get(k + 1).text().equals("="));
        Boolean value = !shape ? null
                : statement.get(k + 2).isWord("DEFAULT") ? Boolean.TRUE : parseBool(statement.get(k + 2));
        if (local && Boolean.FALSE.equals(value)) {
            throw new SqlSyntaxException(first.line(), first.column(), "SET LOCAL standard_conforming_strings to off"
                    + " cannot be followed: it ends with the transaction. Use SET (for the session) or E'...' strings");
        }
        return local ? null : value;
    }

    private static boolean isStandardStrings(Token t) {
        return t.isWord("standard_conforming_strings")
                || t.type() == TokenType.QUOTED_IDENTIFIER && t.text().equals("\"standard_conforming_strings\"");
    }

    /** PostgreSQL's parse_bool: true, false, yes, no and unique prefixes of them, on, off, 1, 0. */
    private static Boolean parseBool(Token t) {
        String v = t.text();
        if (t.type() == TokenType.STRING && v.startsWith("'") || t.type() == TokenType.QUOTED_IDENTIFIER) {
            v = v.substring(1, v.length() - 1);
        } else if (t.type() != TokenType.IDENTIFIER && t.type() != TokenType.NUMBER) {
            return null;
        }
        v = v.toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return null;
        }
        if ("true".startsWith(v) || "yes".startsWith(v) || v.equals("on") || v.equals("1")) {
            return Boolean.TRUE;
        }
        if ("false".startsWith(v) || "no".startsWith(v) || v.length() >= 2 && "off".startsWith(v) || v.equals("0")) {
            return Boolean.FALSE;
        }
        return null;
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

        /** Ready for the next statement: one Depth per file, not one per statement (two per statement lexed). */
        void reset() {
            leadingWords.clear();
            parens = 0;
            begins = 0;
            routine = -1;
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

        /** Once known (every identifier of the statement asks): 1 a routine, 0 not, -1 not known yet. */
        private int routine = -1;

        private boolean createsRoutine() {
            if (routine < 0) {
                boolean r = readsAsRoutine();
                // decided: a routine stays one; anything is decided once its fourth word is seen or it is no CREATE
                if (r || leadingWords.size() >= 4 || !leadingWords.isEmpty()
                        && !leadingWords.get(0).equalsIgnoreCase("CREATE")) {
                    routine = r ? 1 : 0;
                }
                return r;
            }
            return routine == 1;
        }

        private boolean readsAsRoutine() {
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
