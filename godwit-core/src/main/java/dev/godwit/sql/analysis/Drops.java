package dev.godwit.sql.analysis;

import dev.godwit.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** DROP TABLE / INDEX / SCHEMA / DATABASE / everything else. */
final class Drops {

    private Drops() {}

    static List<Action> read(TokenCursor c) {
        c.accept("DROP");
        if (c.accept("TABLE")) {
            c.accept("IF", "EXISTS");
            List<Relation> tables = relations(c);
            return List.of(new Action.DropTable(tables, cascade(c)));
        }
        if (c.accept("INDEX")) {
            boolean concurrently = c.accept("CONCURRENTLY");
            c.accept("IF", "EXISTS");
            List<Relation> indexes = relations(c);
            return List.of(new Action.DropIndex(indexes, concurrently, cascade(c)));
        }
        if (c.accept("SCHEMA")) {
            c.accept("IF", "EXISTS");
            List<String> names = relations(c).stream().map(Relation::name).toList();
            return List.of(new Action.DropSchema(names, cascade(c)));
        }
        if (c.accept("DATABASE")) {
            c.accept("IF", "EXISTS");
            return List.of(new Action.DropDatabase(c.isName() ? c.simpleName() : "?"));
        }
        if (c.accept("TRIGGER") || c.accept("RULE") || c.accept("POLICY")) {
            String what = "DROP " + c.get(1).text().toUpperCase(Locale.ROOT);
            if (c.skipToTopLevel(false, "ON") && c.accept("ON") && c.isName()) {
                return List.of(new Action.OtherAlterTable(Relation.parse(c.qualifiedName()), what,
                        LockMode.ACCESS_EXCLUSIVE, false));
            }
        }
        // The object kind: one word, or two for MATERIALIZED VIEW and FOREIGN TABLE / DATA WRAPPER.
        String what = c.isName() ? c.get(c.moveOn()).text().toUpperCase(Locale.ROOT) : "";
        if ((what.equals("MATERIALIZED") || what.equals("FOREIGN")) && c.isName()) {
            what += " " + c.get(c.moveOn()).text().toUpperCase(Locale.ROOT);
        }
        c.accept("IF", "EXISTS");
        List<String> names = relations(c).stream().map(Relation::display).toList();
        return List.of(new Action.DropOther(what, names, cascade(c)));
    }

    /** Comma-separated, possibly qualified names; stops at CASCADE / RESTRICT / anything else. */
    static List<Relation> relations(TokenCursor c) {
        List<Relation> out = new ArrayList<>();
        do {
            c.accept("ONLY");
            String name = c.qualifiedName();
            if (name == null) {
                break;
            }
            out.add(Relation.parse(name));
            c.acceptStar();
            if (c.isPunct("(")) {
                c.parenthesised(); // DROP FUNCTION f(int): the signature
            }
        } while (c.acceptPunct(","));
        return out;
    }

    static boolean cascade(TokenCursor c) {
        return c.rest().toUpperCase(Locale.ROOT).matches("(?s).*\\bCASCADE\\b.*");
    }
}
