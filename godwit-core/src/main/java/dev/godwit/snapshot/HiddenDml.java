package dev.godwit.snapshot;

import dev.godwit.sql.TokenCursor;

import dev.godwit.snapshot.DataLoss.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Data changes that hide inside other statements. Their rows cannot be picked apart reliably from the text,
 * so every row of each target is copied, and the reason says why.
 */
final class HiddenDml {

    /** Words before UPDATE that make it a row lock or a trigger event, not a data change. */
    private static final List<String> UPDATE_NOT_A_CHANGE = List.of("FOR", "KEY", "ON", "OF", "OR", "DO");

    private HiddenDml() {}

    /**
     * WITH …: every {@code DELETE FROM t}, {@code UPDATE t} and {@code INSERT INTO t … DO UPDATE}, at any
     * depth (data-modifying CTEs), is a whole-table loss.
     */
    static List<DataLoss> withStatement(TokenCursor c) {
        Optional<String> why = Optional.of("part of a WITH statement");
        List<DataLoss> losses = new ArrayList<>();
        for (int k = 0; k < c.size(); k++) {
            c.moveTo(k);
            if (c.accept("DELETE", "FROM")) {
                target(c).ifPresent(t -> losses.add(whole(Kind.DELETE, t, List.of(), why)));
            } else if (c.isWord("UPDATE") && !previousIsOneOf(c, k)) {
                c.accept("UPDATE");
                target(c).ifPresent(t -> losses.add(whole(Kind.UPDATE, t, List.of(), why)));
            } else if (c.accept("INSERT", "INTO")) {
                losses.addAll(upsert(c));
            }
        }
        return losses;
    }

    /** MERGE INTO t … WHEN MATCHED THEN UPDATE / DELETE: every row of t. */
    static List<DataLoss> merge(TokenCursor c) {
        Optional<String> table = target(c);
        if (table.isEmpty()) {
            return List.of();
        }
        boolean deletes = false;
        boolean updates = false;
        for (int k = c.position(); k + 1 < c.size(); k++) {
            if (c.get(k).isWord("THEN")) {
                deletes |= c.get(k + 1).isWord("DELETE");
                updates |= c.get(k + 1).isWord("UPDATE");
            }
        }
        Optional<String> why = Optional.of("MERGE picks rows by joining another source");
        if (deletes) {
            return List.of(whole(Kind.DELETE, table.get(), List.of(), why));
        }
        return updates ? List.of(whole(Kind.UPDATE, table.get(), List.of(), why)) : List.of();
    }

    /** INSERT INTO t … ON CONFLICT … DO UPDATE SET a = …: the SET columns of every row of t may be overwritten. */
    static List<DataLoss> upsert(TokenCursor c) {
        Optional<String> table = target(c);
        if (table.isEmpty()) {
            return List.of();
        }
        for (int k = c.position(); k + 2 < c.size(); k++) {
            if (c.get(k).isWord("DO") && c.get(k + 1).isWord("UPDATE") && c.get(k + 2).isWord("SET")) {
                c.moveTo(k + 3);
                List<String> columns = DmlLosses.setColumns(c);
                return List.of(whole(Kind.UPDATE, table.get(), columns,
                        Optional.of("INSERT … ON CONFLICT DO UPDATE may overwrite any existing row")));
            }
        }
        return List.of(); // a plain INSERT, or ON CONFLICT DO NOTHING: nothing existing is lost
    }

    private static Optional<String> target(TokenCursor c) {
        c.accept("ONLY");
        return Optional.ofNullable(c.qualifiedName());
    }

    private static boolean previousIsOneOf(TokenCursor c, int k) {
        return k > 0 && UPDATE_NOT_A_CHANGE.stream().anyMatch(w -> c.get(k - 1).isWord(w));
    }

    private static DataLoss whole(Kind kind, String table, List<String> columns, Optional<String> why) {
        return new DataLoss(kind, table, columns, Optional.empty(), Optional.empty(), why);
    }
}
