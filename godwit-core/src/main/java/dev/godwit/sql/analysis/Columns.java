package dev.godwit.sql.analysis;

import dev.godwit.sql.Names;
import dev.godwit.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Column definitions and table constraints, as CREATE TABLE and ALTER TABLE … ADD write them. */
final class Columns {

    private static final String[] CONSTRAINT_WORDS = {"NOT", "NULL", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK",
        "CONSTRAINT", "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY"};

    private Columns() {}

    /** True when the element starts a table constraint rather than a column. */
    static boolean startsConstraint(TokenCursor c) {
        return c.isWord("CONSTRAINT") || c.isWord("PRIMARY") || c.isWord("UNIQUE") || c.isWord("FOREIGN")
                || c.isWord("CHECK") || c.isWord("EXCLUDE");
    }

    /** {@code name type [constraints…]}; null when the element is not one (LIKE, or odd input). */
    static ColumnDef column(TokenCursor c) {
        String name = c.simpleName();
        TypeName type = name == null ? null : Types.read(c);
        if (type == null) {
            return null;
        }
        Optional<String> defaultExpr = Optional.empty();
        Volatility volatility = type.isSerial() ? Volatility.VOLATILE : Volatility.NONE;
        boolean notNull = false;
        boolean pk = false;
        boolean unique = false;
        boolean generated = false;
        Optional<ForeignKey> fk = Optional.empty();
        Optional<String> check = Optional.empty();
        while (!c.atEnd()) {
            if (c.accept("CONSTRAINT")) {
                c.simpleName();
            } else if (c.accept("NOT", "NULL")) {
                notNull = true;
            } else if (c.accept("NULL")) {
                notNull = false;
            } else if (c.accept("DEFAULT")) {
                int from = c.position();
                c.moveOn(); // the first token is the expression's, even when it is NULL
                c.skipToTopLevel(false, CONSTRAINT_WORDS);
                TokenCursor expr = c.slice(from, c.position());
                defaultExpr = Optional.of(c.text(from, c.position()));
                volatility = Defaults.of(expr);
            } else if (c.accept("PRIMARY", "KEY")) {
                pk = true;
                notNull = true;
                indexParameters(c);
            } else if (c.accept("UNIQUE")) {
                unique = true;
                c.accept("NULLS", "NOT", "DISTINCT");
                c.accept("NULLS", "DISTINCT");
                indexParameters(c);
            } else if (c.accept("REFERENCES")) {
                fk = Optional.of(references(c));
            } else if (c.accept("CHECK")) {
                check = Optional.ofNullable(c.parenthesised());
                c.accept("NO", "INHERIT");
            } else if (c.accept("GENERATED")) {
                generated = true;
                // IDENTITY fills existing rows from a sequence; a STORED expression computes every row
                volatility = Volatility.VOLATILE;
                c.skipToTopLevel(false, CONSTRAINT_WORDS);
            } else {
                c.moveOn(); // COLLATE x, DEFERRABLE, … : nothing that changes locks or data
            }
        }
        return new ColumnDef(name, type, defaultExpr, volatility, notNull, pk, unique, generated, fk, check);
    }

    /** {@code [CONSTRAINT name] PRIMARY KEY (…) | UNIQUE (…) | FOREIGN KEY (…) REFERENCES … | CHECK (…) | EXCLUDE …}. */
    static ConstraintDef constraint(TokenCursor c) {
        int start = c.position();
        Optional<String> name = Optional.empty();
        if (c.accept("CONSTRAINT")) {
            name = Optional.ofNullable(c.simpleName());
        }
        ConstraintDef.Kind kind;
        List<String> columns = List.of();
        Optional<ForeignKey> fk = Optional.empty();
        Optional<String> usingIndex = Optional.empty();
        if (c.accept("PRIMARY", "KEY") || c.accept("UNIQUE")) {
            kind = c.get(c.position() - 1).isWord("KEY") ? ConstraintDef.Kind.PRIMARY_KEY : ConstraintDef.Kind.UNIQUE;
            c.accept("NULLS", "NOT", "DISTINCT");
            c.accept("NULLS", "DISTINCT");
            columns = names(c);
            if (c.accept("USING", "INDEX")) {
                if (c.isName()) {
                    usingIndex = Optional.ofNullable(c.simpleName());
                } // else USING INDEX TABLESPACE x: an index parameter
            }
        } else if (c.accept("FOREIGN", "KEY")) {
            kind = ConstraintDef.Kind.FOREIGN_KEY;
            columns = names(c);
            if (c.accept("REFERENCES")) {
                fk = Optional.of(references(c));
            }
        } else if (c.accept("CHECK")) {
            kind = ConstraintDef.Kind.CHECK;
            c.parenthesised();
        } else if (c.accept("EXCLUDE")) {
            kind = ConstraintDef.Kind.EXCLUDE;
        } else if (c.accept("NOT", "NULL")) {
            kind = ConstraintDef.Kind.NOT_NULL; // PostgreSQL 18: ADD CONSTRAINT n NOT NULL col
            columns = c.isName() ? List.of(c.simpleName()) : List.of();
        } else {
            return null;
        }
        boolean notValid = false;
        while (!c.atEnd()) {
            if (c.accept("NOT", "VALID")) {
                notValid = true;
            } else {
                c.moveOn();
            }
        }
        return new ConstraintDef(kind, name, columns, fk, notValid, usingIndex, c.text(start, c.position()));
    }

    /** {@code REFERENCES table [(cols)] [MATCH …] [ON DELETE …]}; the cursor is after REFERENCES. */
    static ForeignKey references(TokenCursor c) {
        String table = c.qualifiedName();
        List<String> cols = names(c);
        return new ForeignKey(Relation.parse(table == null ? "?" : table), cols);
    }

    /** {@code (a, "B", c)} → a, B, c; expressions are kept as written. Empty when not at a parenthesis. */
    static List<String> names(TokenCursor c) {
        List<String> out = new ArrayList<>();
        for (TokenCursor e : c.parenthesisedList()) {
            if (e.size() == 1 && e.isName()) {
                out.add(Names.unquote(e.get(0).text()));
            } else if (e.size() > 0) {
                out.add(e.text(0, e.size()));
            }
        }
        return out;
    }

    /** {@code INCLUDE (…)}, {@code WITH (…)}, {@code USING INDEX TABLESPACE t} after a PK / UNIQUE. */
    private static void indexParameters(TokenCursor c) {
        while (c.accept("INCLUDE") || c.accept("WITH")) {
            c.parenthesised();
        }
        if (c.accept("USING", "INDEX", "TABLESPACE")) {
            c.simpleName();
        }
    }
}
