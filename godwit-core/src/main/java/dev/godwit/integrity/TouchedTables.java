package dev.godwit.integrity;

import dev.godwit.sql.Lexer;
import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.SqlSyntaxException;
import dev.godwit.sql.Token;
import dev.godwit.sql.TokenType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables whose rows a migration may change, found from its statements' tokens without a database: the
 * targets of INSERT, UPDATE, DELETE, MERGE, TRUNCATE, DROP TABLE, ALTER TABLE and COPY … FROM, also inside
 * WITH (data-modifying CTEs) and inside DO blocks. Changes made by functions a statement calls cannot be seen
 * here; user-defined invariants cover those.
 *
 * <p>One class on purpose, so that the linter's statement analysis can replace it later.
 */
public final class TouchedTables {

    /**
     * @param table     as written, possibly schema-qualified and quoted; PostgreSQL resolves it
     * @param truncated a TRUNCATE empties it, which the transaction's row counters do not see
     */
    public record Touch(String table, boolean truncated) {}

    private final List<Token> tokens;
    private final Map<String, Boolean> found;
    private int i;

    private TouchedTables(List<Token> tokens, Map<String, Boolean> found) {
        this.tokens = tokens;
        this.found = found;
    }

    /** Every table the statements write to, in order of first mention, each once. */
    public static List<Touch> of(List<SqlStatement> statements) {
        Map<String, Boolean> found = new LinkedHashMap<>();
        for (SqlStatement s : statements) {
            scan(significant(s.tokens()), found);
        }
        List<Touch> out = new ArrayList<>();
        found.forEach((table, truncated) -> out.add(new Touch(table, truncated)));
        return out;
    }

    private static void scan(List<Token> tokens, Map<String, Boolean> found) {
        TouchedTables t = new TouchedTables(tokens, found);
        for (int k = 0; k < tokens.size(); k++) {
            if (k == 0 || startsStatement(tokens.get(k - 1))) {
                t.i = k;
                t.head();
            }
            if (tokens.get(k).type() == TokenType.DOLLAR_STRING && !tokens.isEmpty() && tokens.get(0).isWord("DO")) {
                doBody(tokens.get(k).text(), found);
            }
        }
    }

    /** After these, a new (possibly nested) statement may begin: {@code ;}, parentheses, PL/pgSQL block words. */
    private static boolean startsStatement(Token t) {
        if (t.type() == TokenType.PUNCTUATION) {
            return t.text().equals(";") || t.text().equals("(") || t.text().equals(")");
        }
        return t.isWord("BEGIN") || t.isWord("THEN") || t.isWord("ELSE") || t.isWord("LOOP");
    }

    /** The body of {@code DO $$ … $$}: PL/pgSQL whose statements run now. */
    private static void doBody(String dollarString, Map<String, Boolean> found) {
        int tagEnd = dollarString.indexOf('$', 1) + 1;
        if (tagEnd <= 0 || dollarString.length() < 2 * tagEnd) {
            return;
        }
        String body = dollarString.substring(tagEnd, dollarString.length() - tagEnd);
        try {
            scan(significant(Lexer.tokenize(body)), found);
        } catch (SqlSyntaxException e) {
            // A body the lexer cannot read runs nothing we could name; PostgreSQL will say what is wrong.
        }
    }

    private void head() {
        if (isWord("UPDATE") && i + 2 < tokens.size() && tokens.get(i + 1).isWord("SET")
                && !tokens.get(i + 2).isWord("SET")) {
            return; // MERGE's "THEN UPDATE SET": the MERGE INTO target is already counted
        }
        if (accept("INSERT", "INTO") || accept("UPDATE") || accept("DELETE", "FROM") || accept("MERGE", "INTO")) {
            accept("ONLY");
            add(name(), false);
        } else if (accept("TRUNCATE")) {
            accept("TABLE");
            list(true);
        } else if (accept("DROP", "TABLE")) {
            accept("IF", "EXISTS");
            list(false);
        } else if (accept("ALTER", "TABLE") && !isWord("ALL")) {
            accept("IF", "EXISTS");
            accept("ONLY");
            String table = name();
            if (!onlyAdds()) {
                add(table, false);
            }
        } else if (accept("COPY")) {
            copyFrom();
        }
    }

    /** {@code [ONLY] name [*] [, …]} of TRUNCATE and DROP TABLE. */
    private void list(boolean truncated) {
        do {
            accept("ONLY");
            String table = name();
            if (table == null) {
                return;
            }
            add(table, truncated);
            if (i < tokens.size() && tokens.get(i).text().equals("*")) {
                i++;
            }
        } while (i < tokens.size() && tokens.get(i).text().equals(",") && ++i > 0);
    }

    /**
     * After {@code ALTER TABLE name}: whether every action is an ADD (a column, a constraint), which changes no
     * existing row or value. Such a table is not touched: checking it would scan it while the ALTER holds its
     * ACCESS EXCLUSIVE lock, stalling every query on it for the length of a scan, to prove nothing.
     */
    private boolean onlyAdds() {
        int depth = 0;
        boolean actionStarts = true;
        for (int k = i; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (actionStarts) {
                if (!t.isWord("ADD")) {
                    return false;
                }
                actionStarts = false;
            } else if (t.text().equals("(")) {
                depth++;
            } else if (t.text().equals(")") && depth > 0) {
                depth--;
            } else if (depth == 0 && (t.text().equals(";") || t.text().equals(")"))) {
                return true;
            } else if (depth == 0 && t.text().equals(",")) {
                actionStarts = true;
            }
        }
        return !actionStarts;
    }

    /** {@code COPY name [(columns)] FROM …} loads rows; {@code COPY … TO} only reads. */
    private void copyFrom() {
        String table = name();
        if (table == null) {
            return;
        }
        if (i < tokens.size() && tokens.get(i).text().equals("(")) {
            while (i < tokens.size() && !tokens.get(i).text().equals(")")) {
                i++;
            }
            i++;
        }
        if (isWord("FROM")) {
            add(table, false);
        }
    }

    private void add(String table, boolean truncated) {
        if (table != null) {
            found.merge(table, truncated, Boolean::logicalOr);
        }
    }

    /** A possibly qualified name as written ({@code a}, {@code s."T"}); null when the next token is not a name. */
    private String name() {
        if (!isName(i)) {
            return null;
        }
        StringBuilder sb = new StringBuilder(tokens.get(i++).text());
        while (i + 1 < tokens.size() && tokens.get(i).text().equals(".") && isName(i + 1)) {
            sb.append('.').append(tokens.get(i + 1).text());
            i += 2;
        }
        return sb.toString();
    }

    private boolean isName(int k) {
        return k < tokens.size() && (tokens.get(k).type() == TokenType.IDENTIFIER
                || tokens.get(k).type() == TokenType.QUOTED_IDENTIFIER);
    }

    private boolean isWord(String w) {
        return i < tokens.size() && tokens.get(i).isWord(w);
    }

    private boolean accept(String... words) {
        for (int k = 0; k < words.length; k++) {
            if (i + k >= tokens.size() || !tokens.get(i + k).isWord(words[k])) {
                return false;
            }
        }
        i += words.length;
        return true;
    }

    private static List<Token> significant(List<Token> all) {
        List<Token> out = new ArrayList<>();
        for (Token t : all) {
            if (t.isSignificant()) {
                out.add(t);
            }
        }
        return out;
    }
}
