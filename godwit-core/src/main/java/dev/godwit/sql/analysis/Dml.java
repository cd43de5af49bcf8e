package dev.godwit.sql.analysis;

import dev.godwit.sql.Names;
import dev.godwit.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** INSERT, UPDATE, DELETE, MERGE, COPY, TRUNCATE, and WITH … in front of any of them. */
final class Dml {

    private static final String[] CLAUSES = {"WHERE", "FROM", "USING", "RETURNING"};

    private Dml() {}

    static List<Action> read(TokenCursor c) {
        List<Action> actions = new ArrayList<>();
        if (c.accept("WITH")) {
            c.accept("RECURSIVE");
            actions.addAll(commonTableExpressions(c));
        }
        if (c.atEnd()) {
            return actions;
        }
        actions.add(main(c));
        return actions;
    }

    /** {@code name [(cols)] AS [[NOT] MATERIALIZED] (query) [, …]}: data-modifying ones are actions too. */
    private static List<Action> commonTableExpressions(TokenCursor c) {
        List<Action> actions = new ArrayList<>();
        do {
            c.simpleName();
            if (c.isPunct("(")) {
                c.parenthesised();
            }
            c.accept("AS");
            c.accept("NOT");
            c.accept("MATERIALIZED");
            List<TokenCursor> body = c.parenthesisedList();
            if (body.size() == 1) {
                TokenCursor inner = body.get(0);
                if (inner.isWord("INSERT") || inner.isWord("UPDATE") || inner.isWord("DELETE")
                        || inner.isWord("MERGE")) {
                    actions.addAll(read(inner));
                }
            }
        } while (c.acceptPunct(","));
        return actions;
    }

    private static Action main(TokenCursor c) {
        if (c.accept("INSERT", "INTO")) {
            String table = c.qualifiedName();
            return table == null ? unanalysed(c) : new Action.Insert(Relation.parse(table),
                    !c.rest().toUpperCase(java.util.Locale.ROOT).contains("VALUES"));
        }
        if (c.accept("UPDATE")) {
            c.accept("ONLY");
            String table = c.qualifiedName();
            if (table == null) {
                return unanalysed(c);
            }
            c.acceptStar();
            List<String> columns = new ArrayList<>();
            if (c.skipToTopLevel(false, "SET") && c.accept("SET")) {
                columns = setColumns(c);
            }
            return new Action.Update(Relation.parse(table), hasWhere(c), columns);
        }
        if (c.accept("DELETE", "FROM")) {
            c.accept("ONLY");
            String table = c.qualifiedName();
            return table == null ? unanalysed(c) : new Action.Delete(Relation.parse(table), hasWhere(c));
        }
        if (c.accept("MERGE", "INTO")) {
            c.accept("ONLY");
            String table = c.qualifiedName();
            return table == null ? unanalysed(c) : new Action.Update(Relation.parse(table), true, List.of());
        }
        if (c.accept("COPY")) {
            String table = c.qualifiedName();
            if (table != null && c.skipToTopLevel(false, "FROM", "TO") && c.isWord("FROM")) {
                return new Action.Insert(Relation.parse(table), true);
            }
            return new Action.Harmless("COPY … TO");
        }
        if (c.accept("TRUNCATE")) {
            c.accept("TABLE");
            return new Action.Truncate(Drops.relations(c), Drops.cascade(c));
        }
        return unanalysed(c);
    }

    /** {@code a = …, (b, c) = …}: the columns given new values. */
    private static List<String> setColumns(TokenCursor c) {
        List<String> columns = new ArrayList<>();
        while (!c.atEnd() && !c.isWord("FROM") && !c.isWord("WHERE") && !c.isWord("RETURNING")) {
            if (c.isPunct("(")) {
                columns.addAll(Columns.names(c));
            } else if (c.isName()) {
                columns.add(Names.unquote(c.get(c.moveOn()).text()));
            }
            c.skipToTopLevel(true, CLAUSES);
            if (!c.acceptPunct(",")) {
                break;
            }
        }
        return columns;
    }

    /** True when a WHERE follows at the top level (a WHERE inside a subquery does not filter this table). */
    private static boolean hasWhere(TokenCursor c) {
        return c.skipToTopLevel(false, "WHERE");
    }

    private static Action unanalysed(TokenCursor c) {
        return new Action.Unanalysed(Optional.empty(), "statement not recognised: " + c.rest());
    }
}
