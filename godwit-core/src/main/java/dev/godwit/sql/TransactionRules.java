package dev.godwit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which statements PostgreSQL refuses to run inside a transaction block (its {@code PreventInTransactionBlock}
 * calls), and which statements are transaction control. Godwit wraps each migration in a transaction, so it
 * must know both before it starts. The reasons use PostgreSQL's own error wording, so that users recognise it.
 */
public final class TransactionRules {

    private static final Set<String> CONTROL = Set.of(
            "BEGIN", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE");
    /** The first words {@link #whyNotInTransaction} looks further at; any other statement can run in one. */
    private static final Set<String> MAYBE_NOT_IN_TRANSACTION = Set.of(
            "CREATE", "DROP", "REINDEX", "VACUUM", "CLUSTER", "ALTER", "DISCARD");

    private TransactionRules() {}

    /** Empty when {@code s} can run in a transaction; otherwise why not. */
    public static Optional<String> whyNotInTransaction(SqlStatement s) {
        List<String> head = wordsOutsideParentheses(s, 2);
        if (head.isEmpty() || !MAYBE_NOT_IN_TRANSACTION.contains(head.get(0))) {
            return Optional.empty(); // most statements: no need to upper-case all their words
        }
        if (head.get(0).equals("ALTER") && at(head, 1, "TABLE") && !hasWord(s, "DETACH")) {
            return Optional.empty(); // only ALTER TABLE … DETACH PARTITION may not (see alter); the rest can
        }
        // CREATE and DROP are decided by their second word first: a CREATE TABLE, whose words outside parentheses
        // end after its name, would otherwise be read to its end looking for a fourth.
        if (head.get(0).equals("CREATE") && !at(head, 1, CREATE_SECOND)
                || head.get(0).equals("DROP") && !at(head, 1, DROP_SECOND)) {
            return Optional.empty();
        }
        // CREATE and DROP are decided by their first four words; a CREATE TABLE has hundreds to upper-case.
        boolean head4 = head.get(0).equals("CREATE") || head.get(0).equals("DROP");
        List<String> w = wordsOutsideParentheses(s, head4 ? 4 : Integer.MAX_VALUE);
        String reason = switch (w.get(0)) {
            case "CREATE" -> create(w);
            case "DROP" -> drop(w);
            case "REINDEX" -> reindex(w, s.words());
            case "VACUUM" -> "VACUUM";
            case "CLUSTER" -> clusterWithoutTable(s) ? "CLUSTER" : null;
            case "ALTER" -> alter(w);
            case "DISCARD" -> w.size() > 1 && w.get(1).equals("ALL") ? "DISCARD ALL" : null;
            default -> null;
        };
        if (reason == null) {
            return Optional.empty();
        }
        // DETACH ... FINALIZE has no PostgreSQL message of its own: it finishes an interrupted DETACH CONCURRENTLY.
        return Optional.of(reason.endsWith("FINALIZE")
                ? reason + " finishes a DETACH CONCURRENTLY, so it runs outside a transaction block like it"
                : reason + " cannot run inside a transaction block");
    }

    /** BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT, SAVEPOINT, RELEASE, PREPARE TRANSACTION, ... PREPARED. */
    public static boolean isTransactionControl(SqlStatement s) {
        List<String> w = s.words(2);
        if (w.isEmpty() || !s.tokens().get(0).type().equals(TokenType.IDENTIFIER)) {
            return false;
        }
        String first = w.get(0);
        if (CONTROL.contains(first)) {
            return true;
        }
        return (first.equals("START") || first.equals("PREPARE")) && w.size() > 1 && w.get(1).equals("TRANSACTION");
    }

    private static String create(List<String> w) {
        int k = w.size() > 1 && w.get(1).equals("UNIQUE") ? 2 : 1;
        if (at(w, k, "INDEX") && at(w, k + 1, "CONCURRENTLY")) {
            return "CREATE INDEX CONCURRENTLY";
        }
        if (at(w, 1, "DATABASE")) {
            return "CREATE DATABASE";
        }
        if (at(w, 1, "TABLESPACE")) {
            return "CREATE TABLESPACE";
        }
        if (at(w, 1, "SUBSCRIPTION")) {
            // Only with create_slot = true, the default; running it outside a transaction is always safe.
            return "CREATE SUBSCRIPTION ... WITH (create_slot = true)";
        }
        return null;
    }

    private static String drop(List<String> w) {
        if (at(w, 1, "INDEX") && at(w, 2, "CONCURRENTLY")) {
            return "DROP INDEX CONCURRENTLY";
        }
        if (at(w, 1, "DATABASE") || at(w, 1, "TABLESPACE") || at(w, 1, "SUBSCRIPTION")) {
            return "DROP " + w.get(1);
        }
        return null;
    }

    /** REINDEX DATABASE/SYSTEM/SCHEMA always; any other REINDEX when CONCURRENTLY (also as an option in parentheses). */
    private static String reindex(List<String> outside, List<String> all) {
        if (outside.size() > 1 && Set.of("DATABASE", "SYSTEM", "SCHEMA").contains(outside.get(1))) {
            return "REINDEX " + outside.get(1);
        }
        int k = all.indexOf("CONCURRENTLY");
        // (CONCURRENTLY false) / (CONCURRENTLY off) is the plain REINDEX, which runs in a transaction like others
        boolean off = k >= 0 && k + 1 < all.size() && (all.get(k + 1).equals("FALSE") || all.get(k + 1).equals("OFF"));
        return k >= 0 && !off ? "REINDEX CONCURRENTLY" : null;
    }

    private static String alter(List<String> w) {
        if (at(w, 1, "SYSTEM")) {
            return "ALTER SYSTEM";
        }
        if (at(w, 1, "DATABASE") && adjacent(w, "SET", "TABLESPACE")) {
            return "ALTER DATABASE SET TABLESPACE";
        }
        if (at(w, 1, "TABLE") && adjacent(w, "DETACH", "PARTITION")) {
            if (w.contains("CONCURRENTLY")) {
                return "ALTER TABLE ... DETACH CONCURRENTLY";
            }
            if (w.contains("FINALIZE")) {
                return "ALTER TABLE ... DETACH PARTITION ... FINALIZE";
            }
        }
        return null;
    }

    /** CLUSTER, CLUSTER VERBOSE and CLUSTER (options) recluster every table, one transaction each. */
    private static boolean clusterWithoutTable(SqlStatement s) {
        int parens = 0;
        boolean afterCluster = false;
        for (Token t : s.tokens()) {
            if (!t.isSignificant()) {
                continue;
            }
            if (!afterCluster) {
                afterCluster = true; // the CLUSTER keyword itself
                continue;
            }
            if (t.text().equals("(")) {
                parens++;
            } else if (t.text().equals(")")) {
                parens--;
            } else if (parens == 0 && !t.isWord("VERBOSE")) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code max} words outside parentheses, upper-cased. */
    private static List<String> wordsOutsideParentheses(SqlStatement s, int max) {
        List<String> words = new ArrayList<>();
        int parens = 0;
        for (Token t : s.tokens()) {
            if (words.size() >= max) {
                break;
            }
            if (t.type() == TokenType.PUNCTUATION && t.text().equals("(")) {
                parens++;
            } else if (t.type() == TokenType.PUNCTUATION && t.text().equals(")")) {
                parens = Math.max(0, parens - 1);
            } else if (parens == 0 && t.type() == TokenType.IDENTIFIER) {
                words.add(t.text().toUpperCase(Locale.ROOT));
            }
        }
        return words;
    }

    /** True when an unquoted word of {@code s}, upper-cased as {@link #wordsOutsideParentheses} does, is {@code word}. */
    private static boolean hasWord(SqlStatement s, String word) {
        for (Token t : s.tokens()) {
            // No character upper-cases into two of these letters, so a word that becomes one has its length.
            if (t.type() == TokenType.IDENTIFIER && t.text().length() == word.length()
                    && t.text().equalsIgnoreCase(word)) { // as upper-casing both would, without a new string
                return true;
            }
        }
        return false;
    }

    /** The second words of the CREATE and DROP statements that {@link #create} and {@link #drop} may refuse. */
    private static final Set<String> CREATE_SECOND = Set.of("UNIQUE", "INDEX", "DATABASE", "TABLESPACE", "SUBSCRIPTION");
    private static final Set<String> DROP_SECOND = Set.of("INDEX", "DATABASE", "TABLESPACE", "SUBSCRIPTION");

    private static boolean at(List<String> w, int index, Set<String> words) {
        return index < w.size() && words.contains(w.get(index));
    }

    private static boolean at(List<String> w, int index, String word) {
        return index < w.size() && w.get(index).equals(word);
    }

    private static boolean adjacent(List<String> w, String first, String second) {
        for (int k = 0; k + 1 < w.size(); k++) {
            if (w.get(k).equals(first) && w.get(k + 1).equals(second)) {
                return true;
            }
        }
        return false;
    }
}
