package dev.godwit.sql;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Statements whose shape alone means PostgreSQL will refuse them, found before anything runs: parentheses that
 * do not pair up, a column given
 * two values in one {@code UPDATE … SET} or named twice in an {@code INSERT} column list, and {@code DROP INDEX
 * CONCURRENTLY} of several indexes. Only what is certain from the text: {@code SET a[1] = …, a[2] = …} and
 * {@code SET c.x = …, c.y = …} are valid and not reported.
 */
final class StatementShapes {

    private StatementShapes() {}

    static void check(List<SqlStatement> statements) throws SqlSyntaxException {
        for (SqlStatement s : statements) {
            if (parenthesesAndCommas(s)) {
                Token head = s.tokens().get(0);
                if (head.isWord("UPDATE")) {
                    update(s);
                } else if (head.isWord("INSERT")) {
                    insert(s);
                } else if (head.isWord("DROP")) {
                    dropIndex(s);
                }
            }
        }
    }

    /**
     * Refuses parentheses that do not pair up; true when the statement has a comma, without which no column can
     * be named twice and no second index dropped (most statements: their checks are skipped). The splitter keeps
     * psql's way (an unclosed '(' swallows every later ';', a stray ')' is passed on), so the statement reaches
     * here whole and only the server would refuse it.
     */
    private static boolean parenthesesAndCommas(SqlStatement s) throws SqlSyntaxException {
        int open = 0;
        Token outermost = null;
        boolean comma = false;
        for (Token t : s.tokens()) {
            if (t.type() != TokenType.PUNCTUATION) {
                continue;
            }
            String p = t.text();
            if (p.equals("(")) {
                outermost = open++ == 0 ? t : outermost;
            } else if (p.equals(")") && open-- == 0) {
                throw new SqlSyntaxException(t.line(), t.column(), "')' without a matching '(': PostgreSQL can never"
                        + " run this statement; remove it or add the '(' it should close");
            } else if (p.equals(",")) {
                comma = true;
            }
        }
        if (open > 0) {
            throw new SqlSyntaxException(outermost.line(), outermost.column(), "'(' opened here is never closed: the"
                    + " statement runs on to the end of the file (every ';' after it is inside the parentheses) and"
                    + " PostgreSQL can never run it; add the ')'");
        }
        return comma;
    }

    /** {@code UPDATE t SET a = …, (b, c) = …}: each plain column once. */
    private static void update(SqlStatement s) throws SqlSyntaxException {
        TokenCursor c = new TokenCursor(s);
        if (!c.skipToTopLevel(false, "SET") || !c.accept("SET")) {
            return;
        }
        Set<String> seen = new HashSet<>();
        while (!c.atEnd() && !c.isWord("FROM") && !c.isWord("WHERE") && !c.isWord("RETURNING")) {
            if (c.isPunct("(")) {
                for (TokenCursor e : c.parenthesisedList()) {
                    if (e.size() == 1) {
                        once(seen, e.get(0), "UPDATE … SET gives column %s two values");
                    }
                }
            } else if (c.isName()) {
                Token name = c.peek();
                c.moveOn();
                if (c.isOperator("=")) {
                    once(seen, name, "UPDATE … SET gives column %s two values");
                }
            }
            if (!c.skipToTopLevel(true, "FROM", "WHERE", "RETURNING") || !c.acceptPunct(",")) {
                break;
            }
        }
    }

    /** {@code INSERT INTO t (a, b) …}: each column once. */
    private static void insert(SqlStatement s) throws SqlSyntaxException {
        TokenCursor c = new TokenCursor(s);
        if (!c.accept("INSERT", "INTO") || c.qualifiedName() == null) {
            return;
        }
        if (c.accept("AS")) {
            c.simpleName();
        } else if (c.isName() && !c.isWord("VALUES") && !c.isWord("SELECT") && !c.isWord("DEFAULT")
                && !c.isWord("OVERRIDING") && !c.isWord("WITH") && !c.isWord("TABLE")) {
            c.simpleName(); // an alias without AS
        }
        Set<String> seen = new HashSet<>();
        for (TokenCursor e : c.parenthesisedList()) {
            if (e.size() == 1) {
                once(seen, e.get(0), "INSERT names column %s twice");
            }
        }
    }

    /** {@code DROP INDEX CONCURRENTLY a, b}: PostgreSQL drops one index per statement with CONCURRENTLY. */
    private static void dropIndex(SqlStatement s) throws SqlSyntaxException {
        TokenCursor c = new TokenCursor(s);
        if (!c.accept("DROP", "INDEX", "CONCURRENTLY")) {
            return;
        }
        c.accept("IF", "EXISTS");
        c.qualifiedName();
        if (c.isPunct(",")) {
            Token comma = c.peek();
            throw new SqlSyntaxException(comma.line(), comma.column(), "DROP INDEX CONCURRENTLY drops one index per"
                    + " statement (PostgreSQL refuses several): write one DROP INDEX CONCURRENTLY statement per index");
        }
    }

    private static void once(Set<String> seen, Token name, String message) throws SqlSyntaxException {
        if (!TokenCursor.isNameToken(name)) {
            return;
        }
        String column = Names.unquote(name.text());
        if (!seen.add(column)) {
            throw new SqlSyntaxException(name.line(), name.column(), String.format(message, column)
                    + ": PostgreSQL can never run this statement; keep one");
        }
    }
}
