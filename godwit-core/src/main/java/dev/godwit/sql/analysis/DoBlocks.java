package dev.godwit.sql.analysis;

import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.SqlSyntaxException;
import dev.godwit.sql.StatementSplitter;
import dev.godwit.sql.Token;
import dev.godwit.sql.TokenType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DO blocks: the static SQL statements of a PL/pgSQL body are analysed as if they stood alone (a block is one
 * statement, so their locks add up until it ends). What cannot be seen from the text — EXECUTE of a string,
 * PERFORM and other calls, another language — is named in one {@link Action.Unanalysed}. Control flow is not
 * followed: a statement under an IF is taken to run, which is what the gate must assume.
 */
final class DoBlocks {

    /** The first word of a body statement that is SQL Godwit analyses like a statement of its own. */
    private static final Set<String> SQL = Set.of("ALTER", "CREATE", "DROP", "INSERT", "UPDATE", "DELETE", "MERGE",
            "TRUNCATE", "REINDEX", "CLUSTER", "LOCK", "REFRESH", "WITH", "COPY", "GRANT", "REVOKE", "COMMENT",
            "SELECT", "ANALYZE", "SET", "RESET", "NOTIFY");
    /** PL/pgSQL statements that touch no table by themselves. */
    private static final Set<String> QUIET = Set.of("RAISE", "RETURN", "NULL", "EXIT", "CONTINUE", "GET", "ASSERT",
            "OPEN", "FETCH", "CLOSE", "MOVE", "COMMIT", "ROLLBACK");

    private DoBlocks() {}

    /** {@code DO [LANGUAGE l] body [LANGUAGE l]}. */
    static List<Action> read(SqlStatement s) {
        String language = "plpgsql";
        String body = null;
        List<Token> tokens = s.tokens().stream().filter(Token::isSignificant).toList();
        for (int k = 1; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.isWord("LANGUAGE") && k + 1 < tokens.size()) {
                language = tokens.get(++k).text().toLowerCase(Locale.ROOT).replace("'", "").replace("\"", "");
            } else if (t.type() == TokenType.DOLLAR_STRING || t.type() == TokenType.STRING) {
                body = unquote(t);
            }
        }
        if (body == null || !language.equals("plpgsql")) {
            return List.of(new Action.Unanalysed(Optional.empty(), "a DO block in " + language
                    + " runs code whose statements Godwit cannot see"));
        }
        List<SqlStatement> parts;
        try {
            parts = StatementSplitter.split(body);
        } catch (SqlSyntaxException e) {
            return List.of(new Action.Unanalysed(Optional.empty(), "the body of this DO block does not read as"
                    + " PL/pgSQL (" + e.getMessage() + ")"));
        }
        List<Action> actions = new ArrayList<>();
        Map<String, Integer> unseen = new LinkedHashMap<>();
        int analysed = 0;
        boolean declaring = false;
        for (SqlStatement part : parts) {
            List<Token> words = part.tokens().stream().filter(Token::isSignificant).toList();
            int at = 0;
            if (words.isEmpty()) {
                continue;
            }
            if (words.get(0).isWord("DECLARE")) {
                declaring = true;
            }
            if (declaring) {
                at = indexOfWord(words, 0, "BEGIN");
                if (at < 0) {
                    continue; // a declaration
                }
                declaring = false;
            }
            at = skipControl(words, at);
            if (at >= words.size()) {
                continue;
            }
            String first = words.get(at).text().toUpperCase(Locale.ROOT);
            if (SQL.contains(first) && !isAssignment(words, at)) {
                // the part's own tokens from the statement's first word on: no second lexing
                Token start = words.get(at);
                List<Token> own = part.tokens().subList(part.tokens().indexOf(start), part.tokens().size());
                SqlStatement inner = new SqlStatement(body.substring(start.offset(), part.endOffset()), start.line(),
                        start.column(), start.offset(), part.endOffset(), own);
                actions.addAll(Analyzer.analyze(inner).actions());
                analysed++;
            } else if (first.equals("EXECUTE")) {
                unseen.merge("EXECUTE of a string built at run time", 1, Integer::sum);
            } else if (first.equals("PERFORM") || first.equals("CALL")) {
                unseen.merge(first + " of a function or procedure", 1, Integer::sum);
            } else if (!QUIET.contains(first) && !isAssignment(words, at)) {
                unseen.merge("'" + first + "' statement", 1, Integer::sum);
            }
        }
        if (!unseen.isEmpty()) {
            List<String> each = new ArrayList<>();
            unseen.forEach((what, n) -> each.add(n + " × " + what));
            actions.add(new Action.Unanalysed(Optional.empty(), "in this DO block, " + analysed + " static SQL"
                    + " statement(s) were analysed; not analysed: " + String.join(", ", each)));
        }
        return actions.isEmpty() ? List.of(new Action.Harmless("DO")) : actions;
    }

    /** The body of a {@code $tag$…$tag$} or {@code '…'} literal. */
    private static String unquote(Token t) {
        String text = t.text();
        if (t.type() == TokenType.DOLLAR_STRING) {
            int open = text.indexOf('$', 1) + 1;
            return text.substring(open, text.length() - open);
        }
        String inner = text.startsWith("E'") || text.startsWith("e'") ? text.substring(2, text.length() - 1)
                : text.substring(1, text.length() - 1);
        return inner.replace("''", "'");
    }

    /**
     * Past the block structure in front of a statement: BEGIN, END [IF | LOOP | CASE], ELSE, labels, and the
     * conditions of IF / ELSIF / WHEN … THEN and WHILE / FOR … LOOP, which end at THEN or LOOP.
     */
    private static int skipControl(List<Token> words, int at) {
        while (at < words.size()) {
            Token t = words.get(at);
            if (t.isWord("BEGIN") || t.isWord("ELSE") || t.isWord("LOOP") || t.isWord("DECLARE")) {
                at++;
            } else if (t.isWord("END")) {
                at += at + 1 < words.size() && isAny(words.get(at + 1), "IF", "LOOP", "CASE") ? 2 : 1;
            } else if (t.isWord("IF") || t.isWord("ELSIF") || t.isWord("ELSEIF") || t.isWord("WHEN")
                    || t.isWord("CASE") || t.isWord("EXCEPTION")) {
                int then = indexOfWord(words, at, "THEN");
                if (then < 0) {
                    return words.size();
                }
                at = then + 1;
            } else if (t.isWord("WHILE") || t.isWord("FOR") || t.isWord("FOREACH")) {
                int loop = indexOfWord(words, at, "LOOP");
                if (loop < 0) {
                    return words.size();
                }
                at = loop + 1;
            } else if (t.type() == TokenType.OPERATOR && t.text().equals("<<")) {
                at = Math.min(words.size(), at + 3); // <<label>>
            } else {
                return at;
            }
        }
        return at;
    }

    /** {@code x := …} or {@code x = …}: an assignment to a variable, whatever its name. */
    private static boolean isAssignment(List<Token> words, int at) {
        if (at + 1 >= words.size()) {
            return false;
        }
        Token next = words.get(at + 1);
        return next.text().equals(":=") || next.text().equals("=") || next.text().equals(":");
    }

    /** The index of the first top-level word {@code w} from {@code from} on; -1 when there is none. */
    private static int indexOfWord(List<Token> words, int from, String w) {
        int depth = 0;
        for (int k = from; k < words.size(); k++) {
            Token t = words.get(k);
            if (t.text().equals("(")) {
                depth++;
            } else if (t.text().equals(")")) {
                depth--;
            } else if (depth == 0 && t.isWord(w)) {
                return k;
            }
        }
        return -1;
    }

    private static boolean isAny(Token t, String... words) {
        for (String w : words) {
            if (t.isWord(w)) {
                return true;
            }
        }
        return false;
    }
}
