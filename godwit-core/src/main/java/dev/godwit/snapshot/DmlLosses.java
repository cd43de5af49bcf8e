package dev.godwit.snapshot;

import dev.godwit.sql.TokenCursor;

import dev.godwit.snapshot.DataLoss.Kind;
import dev.godwit.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * UPDATE and DELETE, and the statements that hide them (WITH, MERGE, INSERT … ON CONFLICT DO UPDATE). Only
 * the plain forms are taken apart; for the others every row of the target is copied and the reason says why.
 */
final class DmlLosses {

    /** Words that end the table reference of an UPDATE / DELETE, so they cannot be its alias. */
    private static final Set<String> NOT_AN_ALIAS = Set.of("SET", "USING", "WHERE", "RETURNING");

    private DmlLosses() {}

    static List<DataLoss> read(TokenCursor c) {
        if (c.accept("UPDATE")) {
            return update(c).map(List::of).orElse(List.of());
        }
        if (c.accept("DELETE", "FROM")) {
            return delete(c).map(List::of).orElse(List.of());
        }
        if (c.isWord("WITH")) {
            return HiddenDml.withStatement(c);
        }
        if (c.accept("MERGE", "INTO")) {
            return HiddenDml.merge(c);
        }
        if (c.accept("INSERT", "INTO")) {
            return HiddenDml.upsert(c);
        }
        return List.of();
    }

    private static Optional<DataLoss> update(TokenCursor c) {
        c.accept("ONLY");
        String table = c.qualifiedName();
        if (table == null) {
            return Optional.empty();
        }
        c.acceptStar();
        Optional<String> alias = alias(c);
        if (!c.accept("SET")) {
            return Optional.empty();
        }
        List<String> columns = setColumns(c);
        if (c.isWord("FROM")) {
            return Optional.of(new DataLoss(Kind.UPDATE, table, columns, Optional.empty(), alias,
                    Optional.of("UPDATE … FROM picks rows by joining other tables")));
        }
        return Optional.of(filtered(c, Kind.UPDATE, table, columns, alias));
    }

    private static Optional<DataLoss> delete(TokenCursor c) {
        c.accept("ONLY");
        String table = c.qualifiedName();
        if (table == null) {
            return Optional.empty();
        }
        c.acceptStar();
        Optional<String> alias = alias(c);
        if (c.isWord("USING")) {
            return Optional.of(new DataLoss(Kind.DELETE, table, List.of(), Optional.empty(), alias,
                    Optional.of("DELETE … USING picks rows by joining other tables")));
        }
        return Optional.of(filtered(c, Kind.DELETE, table, List.of(), alias));
    }

    /** {@code [AS] alias}, as written, when there is one. */
    static Optional<String> alias(TokenCursor c) {
        if (c.accept("AS")) {
            return c.isName() ? Optional.of(c.get(c.moveOn()).text()) : Optional.empty();
        }
        if (c.isName() && !NOT_AN_ALIAS.contains(upper(c.get(c.position())))) {
            return Optional.of(c.get(c.moveOn()).text());
        }
        return Optional.empty();
    }

    /**
     * The columns an UPDATE sets: {@code a = …, "B" = …, (c, d) = (…), e[1] = …, f.x = …}; the cursor ends on
     * the FROM / WHERE / RETURNING after them, or at the end.
     */
    static List<String> setColumns(TokenCursor c) {
        List<String> columns = new ArrayList<>();
        do {
            if (c.acceptPunct("(")) {
                while (c.isName()) {
                    columns.add(c.simpleName());
                    c.acceptPunct(",");
                }
            } else if (c.isName()) {
                columns.add(c.simpleName());
            }
            c.skipToTopLevel(true, "FROM", "WHERE", "RETURNING");
        } while (c.acceptPunct(","));
        return columns.stream().distinct().toList();
    }

    /** The loss with its WHERE condition, read up to a top-level RETURNING. */
    private static DataLoss filtered(TokenCursor c, Kind kind, String table, List<String> columns, Optional<String> alias) {
        if (!c.skipToTopLevel(false, "WHERE") || !c.accept("WHERE")) {
            return new DataLoss(kind, table, columns, Optional.empty(), alias, Optional.empty());
        }
        if (c.isWord("CURRENT")) {
            return new DataLoss(kind, table, columns, Optional.empty(), alias,
                    Optional.of("WHERE CURRENT OF names a cursor's row, which only the statement itself can see"));
        }
        int from = c.position();
        c.skipToTopLevel(false, "RETURNING");
        if (c.position() == from) {
            return new DataLoss(kind, table, columns, Optional.empty(), alias, Optional.of("empty WHERE"));
        }
        return new DataLoss(kind, table, columns, Optional.of(c.text(from, c.position())), alias, Optional.empty());
    }

    static String upper(Token t) {
        return t.text().toUpperCase(java.util.Locale.ROOT);
    }
}
