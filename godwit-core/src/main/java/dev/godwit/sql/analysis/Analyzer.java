package dev.godwit.sql.analysis;

import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.TokenCursor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a statement is and does, read from its tokens without a database. Each form the linter reasons about
 * is read in full; other statements known to take no blocking lock are {@link Action.Harmless}; anything
 * else is {@link Action.Unanalysed} with what Godwit saw — never a silent guess.
 */
public final class Analyzer {

    private static final Set<String> HARMLESS_FIRST = Set.of("SELECT", "VALUES", "GRANT", "REVOKE", "COMMENT",
            "ANALYZE", "ANALYSE", "EXPLAIN", "SHOW", "NOTIFY", "LISTEN", "UNLISTEN", "DISCARD", "DECLARE", "FETCH",
            "CLOSE", "SECURITY", "CHECKPOINT", "TABLE", "LOAD", "PREPARE", "EXECUTE", "DEALLOCATE");

    private Analyzer() {}

    public static StatementAnalysis analyze(SqlStatement s) {
        TokenCursor c = new TokenCursor(s);
        String first = c.atEnd() ? "" : c.peek().text().toUpperCase(Locale.ROOT);
        List<Action> actions = switch (first) {
            case "CREATE" -> Creates.read(c);
            case "ALTER" -> alter(c);
            case "DROP" -> Drops.read(c);
            case "INSERT", "UPDATE", "DELETE", "MERGE", "WITH", "COPY", "TRUNCATE" -> Dml.read(c);
            case "REINDEX", "VACUUM", "CLUSTER", "LOCK", "REFRESH" -> Maintenance.read(c);
            case "SET", "RESET" -> List.of(setting(c));
            case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE" ->
                    List.of(new Action.TransactionControl(first));
            case "DO" -> DoBlocks.read(s);
            case "CALL" -> List.of(new Action.Unanalysed(Optional.empty(),
                    "CALL runs a procedure whose statements Godwit cannot see"));
            default -> List.of(HARMLESS_FIRST.contains(first) ? new Action.Harmless(first)
                    : new Action.Unanalysed(Optional.empty(), "statement not recognised: " + s.summary()));
        };
        return new StatementAnalysis(s, kind(s), actions);
    }

    /** The statement's head: its first two or three words ({@code ALTER TABLE}, {@code CREATE UNIQUE INDEX}). */
    static String kind(SqlStatement s) {
        List<String> w = s.words(3);
        if (w.isEmpty()) {
            return "statement";
        }
        int n = switch (w.get(0)) {
            case "CREATE", "ALTER", "DROP" -> w.size() > 2 && Set.of("UNIQUE", "OR", "TEMP", "TEMPORARY", "UNLOGGED",
                    "MATERIALIZED").contains(w.get(1)) ? 3 : 2;
            case "DELETE", "INSERT" -> 1;
            default -> 1;
        };
        return String.join(" ", w.subList(0, Math.min(n, w.size())));
    }

    private static List<Action> alter(TokenCursor c) {
        c.accept("ALTER");
        if (c.accept("TABLE")) {
            return AlterTables.read(c);
        }
        if (c.accept("TYPE")) {
            return List.of(Creates.alterType(c));
        }
        if (c.accept("DOMAIN")) {
            return List.of(Creates.alterDomain(c));
        }
        if (c.accept("INDEX") || c.accept("VIEW") || c.accept("MATERIALIZED", "VIEW") || c.accept("SEQUENCE")) {
            c.accept("IF", "EXISTS");
            String name = c.qualifiedName();
            if (name != null && c.accept("RENAME", "TO")) {
                return List.of(new Action.RenameTable(Relation.parse(name), c.simpleName()));
            }
            return List.of(new Action.Harmless("ALTER " + c.get(1).text().toUpperCase(Locale.ROOT)));
        }
        if (c.accept("POLICY")) {
            return List.of(Creates.onTable(c, "ALTER POLICY", LockMode.ACCESS_EXCLUSIVE, "ON"));
        }
        String what = c.isName() ? c.peek().text().toUpperCase(Locale.ROOT) : "";
        if (Set.of("FUNCTION", "PROCEDURE", "SCHEMA", "ROLE", "USER", "EXTENSION", "DEFAULT", "PUBLICATION",
                "COLLATION", "OPERATOR", "AGGREGATE", "LANGUAGE", "STATISTICS", "TRIGGER", "SYSTEM").contains(what)) {
            return List.of(new Action.Harmless("ALTER " + what));
        }
        return List.of(new Action.Unanalysed(Optional.empty(), "ALTER " + what + " is not analysed"));
    }

    /** SET [SESSION | LOCAL] name {TO | =} value; RESET name. */
    private static Action setting(TokenCursor c) {
        if (c.accept("RESET")) {
            return new Action.SetSetting(c.isName() ? c.simpleName() : "", Optional.empty(), false);
        }
        c.accept("SET");
        boolean local = c.accept("LOCAL");
        c.accept("SESSION");
        if (c.isWord("TRANSACTION") || c.isWord("CONSTRAINTS") || c.isWord("ROLE")) {
            return new Action.SetSetting(c.peek().text().toLowerCase(Locale.ROOT), Optional.of(c.rest()), local);
        }
        String name = c.qualifiedName();
        if (!c.accept("TO")) {
            c.moveOn(); // "="
        }
        return new Action.SetSetting(name == null ? "" : name.toLowerCase(Locale.ROOT), Optional.of(c.rest()), local);
    }

}
