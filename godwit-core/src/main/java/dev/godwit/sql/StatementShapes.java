package dev.godwit.sql;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Statements whose shape alone means PostgreSQL will refuse them, found before anything runs: parentheses that
 * do not pair up, a column given two values in one {@code UPDATE … SET} or named twice in an {@code INSERT}
 * column list, and {@code DROP INDEX CONCURRENTLY} of several indexes. Only what is certain from the text:
 * {@code SET a[1] = …, a[2] = …} and {@code SET c.x = …, c.y = …} are valid and not reported. Every statement
 * of every file passes through here, so what the split saw on its way (parentheses, commas) is not read again.
 */
final class StatementShapes {

    private StatementShapes() {}

    /** {@code shape} is what the split saw on its way through the same statements. */
    static void check(List<SqlStatement> statements, StatementSplitter.Shape shape) throws SqlSyntaxException {
        if (shape.stray != null) {
            throw new SqlSyntaxException(shape.stray.line(), shape.stray.column(), "')' without a matching '(':"
                    + " PostgreSQL can never run this statement; remove it or add the '(' it should close");
        }
        if (shape.unclosed != null) {
            throw new SqlSyntaxException(shape.unclosed.line(), shape.unclosed.column(), "'(' opened here is never"
                    + " closed: the statement runs on to the end of the file (every ';' after it is inside the"
                    + " parentheses) and PostgreSQL can never run it; add the ')'");
        }
        // without a comma no column is named twice and no second index dropped: most statements stop here
        for (int i = shape.commas.nextSetBit(0); i >= 0; i = shape.commas.nextSetBit(i + 1)) {
            SqlStatement s = statements.get(i);
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
