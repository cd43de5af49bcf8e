package dev.godwit.snapshot;

import dev.godwit.sql.TokenCursor;

import dev.godwit.snapshot.DataLoss.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** DROP TABLE, TRUNCATE and ALTER TABLE: the statements that destroy whole tables or columns. */
final class DdlLosses {

    private DdlLosses() {}

    static List<DataLoss> read(TokenCursor c) {
        if (c.accept("DROP", "TABLE")) {
            c.accept("IF", "EXISTS");
            return tables(c, Kind.DROP_TABLE);
        }
        if (c.accept("TRUNCATE")) {
            c.accept("TABLE");
            return tables(c, Kind.TRUNCATE);
        }
        if (c.accept("ALTER", "TABLE")) {
            return alterTable(c);
        }
        return List.of(); // DROP INDEX / VIEW / ...: nothing a snapshot could keep
    }

    /** {@code [ONLY] name [*] [, ...]} up to CASCADE / RESTRICT / RESTART IDENTITY / the end. */
    private static List<DataLoss> tables(TokenCursor c, Kind kind) {
        List<DataLoss> losses = new ArrayList<>();
        do {
            c.accept("ONLY");
            String table = c.qualifiedName();
            if (table == null) {
                return List.of(); // not a form we know: say nothing rather than guess
            }
            losses.add(new DataLoss(kind, table, List.of(), Optional.empty()));
            c.acceptStar();
        } while (c.acceptPunct(","));
        return losses;
    }

    private static List<DataLoss> alterTable(TokenCursor c) {
        if (c.isWord("ALL")) {
            return List.of(); // ALTER TABLE ALL IN TABLESPACE ... SET TABLESPACE moves, destroys nothing
        }
        c.accept("IF", "EXISTS");
        c.accept("ONLY");
        String table = c.qualifiedName();
        if (table == null) {
            return List.of();
        }
        c.acceptStar();
        List<DataLoss> losses = new ArrayList<>();
        while (!c.atEnd()) {
            action(c, table).ifPresent(losses::add);
            if (!c.skipToTopLevel(true) || !c.acceptPunct(",")) {
                break;
            }
        }
        return losses;
    }

    /** One sub-command: DROP [COLUMN] [IF EXISTS] c, or ALTER [COLUMN] c [SET DATA] TYPE ...; others lose nothing. */
    private static Optional<DataLoss> action(TokenCursor c, String table) {
        if (c.accept("DROP")) {
            if (c.isWord("CONSTRAINT")) {
                return Optional.empty();
            }
            c.accept("COLUMN");
            c.accept("IF", "EXISTS");
            String column = c.simpleName();
            return Optional.ofNullable(column).map(col -> new DataLoss(Kind.DROP_COLUMN, table, List.of(col),
                    Optional.empty()));
        }
        if (c.accept("ALTER")) {
            if (c.isWord("CONSTRAINT")) {
                return Optional.empty();
            }
            c.accept("COLUMN");
            String column = c.simpleName();
            if (column != null && (c.accept("TYPE") || c.accept("SET", "DATA", "TYPE"))) {
                return Optional.of(new DataLoss(Kind.ALTER_COLUMN_TYPE, table, List.of(column), Optional.empty()));
            }
        }
        return Optional.empty(); // ADD, RENAME, SET, OWNER TO, ...: nothing lost
    }
}
