package dev.godwit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one data statement of a {@code -- godwit:batch} file, taken apart so that a key range can be added to its
 * WHERE: {@code UPDATE t [AS a] SET … [FROM …] [WHERE c]}, {@code DELETE FROM t [AS a] [USING …] [WHERE c]} and
 * {@code INSERT INTO x [(…)] SELECT … FROM t [AS a] [WHERE c] [ON CONFLICT …]}. The batches walk the key of
 * {@code t}; each runs {@link #sql} with {@code c} and the batch's key range. Anything else is refused with why
 * and what to write instead, at its line and column.
 *
 * @param kind      UPDATE, DELETE or INSERT
 * @param table     the table whose key the batches walk, as written (maybe schema-qualified)
 * @param qualifier what names that table in the statement (its alias, or its name as written), for the key column
 * @param head      the statement up to where its WHERE is (or would be)
 * @param where     its own condition, if it has one
 * @param tail      what follows the condition (ON CONFLICT … of an INSERT), or empty
 */
public record BatchStatement(String kind, String table, String qualifier, String head, Optional<String> where,
                             String tail) {

    /** Words after a table name that are clauses, not an alias. */
    private static final Set<String> CLAUSE_WORDS = Set.of("SET", "WHERE", "USING", "RETURNING", "FROM", "ON", "AS",
            "GROUP", "ORDER", "LIMIT", "OFFSET", "FETCH", "HAVING", "WINDOW", "UNION", "INTERSECT", "EXCEPT", "JOIN",
            "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "FOR", "TABLESAMPLE");
    /** What may not follow the FROM table of a batched INSERT … SELECT: each would mean something else per batch. */
    private static final Set<String> NOT_PER_BATCH = Set.of("GROUP", "ORDER", "LIMIT", "OFFSET", "FETCH", "HAVING",
            "WINDOW", "UNION", "INTERSECT", "EXCEPT", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "FOR");

    /** The statement of one batch: its own condition (if any) and {@code range} on the key. */
    public String sql(String range) {
        String w = where.map(c -> " WHERE (" + c + ") AND " + range).orElse(" WHERE " + range);
        return head + w + (tail.isEmpty() ? "" : " " + tail);
    }

    /** The statements of a batch file, checked; throws at the first thing that cannot be batched. */
    public static BatchStatement of(List<SqlStatement> statements, FileDirectives d) throws SqlSyntaxException {
        BatchDirective b = d.batch().orElseThrow();
        if (d.noTransaction()) {
            throw new SqlSyntaxException(b.line(), 1, "godwit:batch and godwit:no-transaction do not go together: each"
                    + " batch is a short transaction of its own already; remove -- godwit:no-transaction");
        }
        if (statements.isEmpty()) {
            throw new SqlSyntaxException(b.line(), 1, "godwit:batch needs one UPDATE, DELETE or INSERT … SELECT after"
                    + " it, and the file has no statement");
        }
        if (statements.size() > 1) {
            SqlStatement second = statements.get(1);
            throw new SqlSyntaxException(second.line(), second.column(), "a godwit:batch file holds exactly one data"
                    + " statement, and this is a second one (" + second.summary() + "); each batch commits on its own,"
                    + " so two statements (maybe on two tables) cannot share batches: put each in a file of its own,"
                    + " with its own godwit:batch line");
        }
        return of(statements.get(0));
    }

    /** One statement taken apart, or why it cannot be batched. */
    public static BatchStatement of(SqlStatement s) throws SqlSyntaxException {
        return new Reader(s).read();
    }

    private static final class Reader {
        private final SqlStatement s;
        private final List<Token> t = new ArrayList<>();
        /** Parenthesis depth before each significant token. */
        private final List<Integer> depth = new ArrayList<>();
        private int i;

        Reader(SqlStatement s) {
            this.s = s;
            int d = 0;
            for (Token k : s.tokens()) {
                if (!k.isSignificant()) {
                    continue;
                }
                if (k.type() == TokenType.PUNCTUATION && (k.text().equals(")") || k.text().equals("]"))) {
                    d--;
                }
                t.add(k);
                depth.add(d);
                if (k.type() == TokenType.PUNCTUATION && (k.text().equals("(") || k.text().equals("["))) {
                    d++;
                }
            }
        }

        BatchStatement read() throws SqlSyntaxException {
            if (word("WITH")) {
                throw at(0, "a WITH … in front of a batched statement cannot be batched: a data-modifying WITH would"
                        + " change a second table once per batch, and a plain one is read again by every batch; write"
                        + " it as a subquery in the WHERE (or FROM) of the one statement, or run it in a migration"
                        + " of its own");
            }
            if (word("UPDATE")) {
                return update();
            }
            if (word("DELETE")) {
                return delete();
            }
            if (word("INSERT")) {
                return insert();
            }
            throw at(0, "godwit:batch runs one UPDATE, DELETE or INSERT … SELECT in batches, and this is "
                    + s.summary() + "; put schema changes in a migration of their own, before or after the backfill");
        }

        private BatchStatement update() throws SqlSyntaxException {
            i = 1;
            accept("ONLY");
            String table = name();
            acceptPunct("*");
            String qualifier = alias(table);
            if (!word("SET")) {
                throw at(Math.min(i, t.size() - 1), "expected SET after UPDATE " + table);
            }
            return withWhere("UPDATE", table, qualifier, i, Set.of());
        }

        private BatchStatement delete() throws SqlSyntaxException {
            i = 1;
            if (!accept("FROM")) {
                throw at(Math.min(i, t.size() - 1), "expected FROM after DELETE");
            }
            accept("ONLY");
            String table = name();
            acceptPunct("*");
            String qualifier = alias(table);
            return withWhere("DELETE", table, qualifier, i, Set.of());
        }

        private BatchStatement insert() throws SqlSyntaxException {
            int select = topLevel("SELECT", 1);
            if (select < 0) {
                throw at(0, "godwit:batch runs an INSERT … SELECT over the key of the table it reads, and this INSERT"
                        + " has no SELECT (INSERT … VALUES has nothing to batch): drop the godwit:batch line");
            }
            if (depth.get(select) != 0 || (select + 1 < t.size() && t.get(select + 1).isWord("DISTINCT"))) {
                throw at(select, "SELECT DISTINCT (or a SELECT in parentheses) cannot be batched: each batch would only"
                        + " de-duplicate its own rows; batch a plain SELECT and put ON CONFLICT DO NOTHING on the INSERT");
            }
            int from = topLevel("FROM", select + 1);
            if (from < 0) {
                throw at(select, "an INSERT … SELECT without FROM has no table to batch over: drop the godwit:batch line");
            }
            i = from + 1;
            if (i < t.size() && t.get(i).type() == TokenType.PUNCTUATION && t.get(i).text().equals("(")) {
                throw at(i, "a subquery after FROM cannot be batched: batch over a table, as in"
                        + " INSERT INTO x SELECT … FROM t WHERE …");
            }
            accept("ONLY");
            String table = name();
            String qualifier = alias(table);
            if (i < t.size()) {
                Token next = t.get(i);
                if (next.type() == TokenType.PUNCTUATION && next.text().equals(",")
                        || NOT_PER_BATCH.contains(upper(next))) {
                    throw at(i, notPerBatch(next));
                }
            }
            return withWhere("INSERT", table, qualifier, i, Set.of("ON"));
        }

        /** From token {@code from}: the top-level WHERE (if any) up to the end, or up to a top-level word of {@code ends}. */
        private BatchStatement withWhere(String kind, String table, String qualifier, int from, Set<String> ends)
                throws SqlSyntaxException {
            int where = -1;
            int end = t.size();
            for (int k = from; k < t.size(); k++) {
                if (depth.get(k) != 0 || t.get(k).type() != TokenType.IDENTIFIER) {
                    continue;
                }
                String w = upper(t.get(k));
                if (w.equals("RETURNING")) {
                    throw at(k, "RETURNING cannot be batched: what each batch returns would be thrown away; remove it");
                }
                if (w.equals("WHERE") && where < 0) {
                    if (k + 1 < t.size() && t.get(k + 1).isWord("CURRENT")) {
                        throw at(k, "WHERE CURRENT OF needs a cursor, which a batch does not have; write the condition");
                    }
                    where = k;
                } else if (kind.equals("INSERT") && where >= 0 && NOT_PER_BATCH.contains(w)) {
                    throw at(k, notPerBatch(t.get(k)));
                } else if (ends.contains(w)) {
                    end = k;
                    break;
                }
            }
            String text = s.text();
            int base = s.startOffset();
            String tail = end < t.size() ? text.substring(t.get(end).offset() - base).strip() : "";
            int condEnd = end < t.size() ? t.get(end).offset() - base : text.length();
            if (where < 0) {
                return new BatchStatement(kind, table, qualifier, text.substring(0, condEnd).stripTrailing(),
                        Optional.empty(), tail);
            }
            String head = text.substring(0, t.get(where).offset() - base).stripTrailing();
            String cond = text.substring(t.get(where).endOffset() - base, condEnd).strip();
            if (cond.isEmpty()) {
                throw at(where, "WHERE without a condition");
            }
            return new BatchStatement(kind, table, qualifier, head, Optional.of(cond), tail);
        }

        private static String notPerBatch(Token k) {
            String w = k.text().equals(",") ? "a second table after FROM" : upper(k);
            return w + " cannot be batched: each batch would apply it to its own rows only (a statement on two tables,"
                    + " a join, grouping, ordering or a limit mean something else per batch); batch a plain"
                    + " INSERT INTO x SELECT … FROM t WHERE … over one table, with the other tables in subqueries";
        }

        /** {@code a}, {@code s.a}, {@code "A"}: the table as written. */
        private String name() throws SqlSyntaxException {
            int start = i;
            if (!isName(i)) {
                throw at(Math.min(i, t.size() - 1), "expected a table name");
            }
            i++;
            while (i + 1 < t.size() && t.get(i).type() == TokenType.PUNCTUATION && t.get(i).text().equals(".")
                    && isName(i + 1)) {
                i += 2;
            }
            return s.text().substring(t.get(start).offset() - s.startOffset(), t.get(i - 1).endOffset() - s.startOffset());
        }

        /** {@code [AS] alias}, or the table's own last name part. */
        private String alias(String table) throws SqlSyntaxException {
            boolean as = accept("AS");
            if (i < t.size() && isName(i) && !CLAUSE_WORDS.contains(upper(t.get(i)))) {
                return t.get(i++).text();
            }
            if (as) {
                throw at(Math.min(i, t.size() - 1), "expected an alias after AS");
            }
            int dot = lastDot(table);
            return dot < 0 ? table : table.substring(dot + 1);
        }

        /** The last dot outside double quotes. */
        private static int lastDot(String qualified) {
            boolean quoted = false;
            int last = -1;
            for (int k = 0; k < qualified.length(); k++) {
                char c = qualified.charAt(k);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '.' && !quoted) {
                    last = k;
                }
            }
            return last;
        }

        private int topLevel(String word, int from) {
            for (int k = from; k < t.size(); k++) {
                if (depth.get(k) == 0 && t.get(k).isWord(word)) {
                    return k;
                }
            }
            return word.equals("SELECT") ? firstInParens(from) : -1;
        }

        /** {@code INSERT … (SELECT …)}: found, so that the message can say parentheses are the trouble. */
        private int firstInParens(int from) {
            for (int k = from; k < t.size(); k++) {
                if (t.get(k).isWord("SELECT")) {
                    return k;
                }
            }
            return -1;
        }

        private boolean isName(int k) {
            TokenType type = t.get(k).type();
            return type == TokenType.IDENTIFIER || type == TokenType.QUOTED_IDENTIFIER || type == TokenType.PLACEHOLDER;
        }

        private boolean word(String w) {
            return i < t.size() && t.get(i).isWord(w);
        }

        private boolean accept(String w) {
            if (word(w)) {
                i++;
                return true;
            }
            return false;
        }

        private boolean acceptPunct(String p) {
            if (i < t.size() && t.get(i).text().equals(p)) {
                i++;
                return true;
            }
            return false;
        }

        private static String upper(Token k) {
            return k.text().toUpperCase(Locale.ROOT);
        }

        private SqlSyntaxException at(int k, String problem) {
            Token tok = t.get(k);
            return new SqlSyntaxException(tok.line(), tok.column(), problem);
        }
    }
}
