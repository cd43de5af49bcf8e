package dev.godwit.sql.analysis;

import dev.godwit.sql.TokenCursor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** REINDEX, VACUUM, CLUSTER, LOCK TABLE, REFRESH MATERIALIZED VIEW. */
final class Maintenance {

    private Maintenance() {}

    static List<Action> read(TokenCursor c) {
        if (c.accept("REINDEX")) {
            return List.of(reindex(c));
        }
        if (c.accept("VACUUM")) {
            return List.of(vacuum(c));
        }
        if (c.accept("CLUSTER")) {
            c.accept("VERBOSE");
            if (c.isPunct("(")) {
                c.parenthesised();
            }
            return List.of(new Action.Cluster(Optional.ofNullable(c.qualifiedName()).map(Relation::parse)));
        }
        if (c.accept("LOCK")) {
            return List.of(lock(c));
        }
        if (c.accept("REFRESH", "MATERIALIZED", "VIEW")) {
            boolean concurrently = c.accept("CONCURRENTLY");
            String view = c.qualifiedName();
            return List.of(view == null ? new Action.Unanalysed(Optional.empty(), "REFRESH without a view")
                    : new Action.OtherAlterTable(Relation.parse(view), "REFRESH MATERIALIZED VIEW",
                            concurrently ? LockMode.EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE, !concurrently));
        }
        return List.of(new Action.Unanalysed(Optional.empty(), "statement not recognised: " + c.rest()));
    }

    /** {@code REINDEX [(options)] {INDEX | TABLE | SCHEMA | DATABASE | SYSTEM} [CONCURRENTLY] name}. */
    private static Action reindex(TokenCursor c) {
        boolean concurrently = false;
        if (c.isPunct("(")) {
            // (CONCURRENTLY false) / (CONCURRENTLY off) / (CONCURRENTLY 0) is the plain, blocking REINDEX
            concurrently = c.parenthesised().toUpperCase(Locale.ROOT)
                    .matches("(?s).*\\bCONCURRENTLY\\b(?!\\s+(FALSE|OFF|0)\\b).*");
        }
        String target = c.isName() ? c.get(c.moveOn()).text().toUpperCase(Locale.ROOT) : "?";
        concurrently |= c.accept("CONCURRENTLY");
        String name = c.qualifiedName();
        return new Action.Reindex(target, Relation.parse(name == null ? "?" : name), concurrently);
    }

    /** {@code VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [tables]} or {@code VACUUM (FULL, …) [tables]}. */
    private static Action vacuum(TokenCursor c) {
        boolean full = false;
        if (c.isPunct("(")) {
            String options = c.parenthesised().toUpperCase(Locale.ROOT);
            full = options.matches("(?s).*\\bFULL\\b(?!\\s+(FALSE|OFF|0)\\b).*");
        }
        while (c.isWord("FULL") || c.isWord("FREEZE") || c.isWord("VERBOSE") || c.isWord("ANALYZE")
                || c.isWord("ANALYSE")) {
            full |= c.isWord("FULL");
            c.moveOn();
        }
        return new Action.Vacuum(Drops.relations(c), full);
    }

    /** {@code LOCK [TABLE] [ONLY] names [IN mode MODE] [NOWAIT]}: ACCESS EXCLUSIVE unless a mode is named. */
    private static Action lock(TokenCursor c) {
        c.accept("TABLE");
        List<Relation> tables = Drops.relations(c);
        LockMode mode = LockMode.ACCESS_EXCLUSIVE;
        if (c.accept("IN")) {
            int from = c.position();
            c.skipToTopLevel(false, "MODE");
            mode = LockMode.ofSqlName(c.textSince(from)).orElse(LockMode.ACCESS_EXCLUSIVE);
            c.accept("MODE");
        }
        return new Action.LockTable(tables, mode, c.accept("NOWAIT"));
    }
}
