package dev.godwit.lint.rules;

import static dev.godwit.lint.rules.DataRules.ident;
import static dev.godwit.lint.rules.DataRules.table;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.TableModel;
import dev.godwit.lint.Work;
import dev.godwit.lint.rules.DataRules.NewForeignKey;
import dev.godwit.sql.Token;
import dev.godwit.sql.TokenCursor;
import dev.godwit.sql.TokenType;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.ColumnDef;
import dev.godwit.sql.analysis.ConstraintDef;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TypeName;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * integer / smallint / serial / smallserial keys — primary keys, identity and serial columns, and integer
 * foreign keys to such keys — run out, and moving them to bigint later rewrites every table involved.
 */
public final class PreferBigintKeys implements Rule {

    private static final Pattern ADD_IDENTITY =
            Pattern.compile("^ALTER COLUMN (.+?) (?i:ALWAYS|BY DEFAULT) (?i:AS) (?i:IDENTITY)\\b.*", Pattern.DOTALL);

    @Override
    public String id() {
        return "prefer-bigint-keys";
    }

    @Override
    public Risk risk() {
        return Risk.MEDIUM;
    }

    @Override
    public String title() {
        return "Key column of a 32-bit or 16-bit integer type";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        // Reading identity columns walks every token: only statements that define columns need it.
        Set<String> identity = !statement.has(Action.CreateTable.class)
                && !statement.has(Action.AddColumn.class) ? Set.of() : identityColumns(statement);
        Set<String> reported = new HashSet<>();
        for (Action a : statement.actions()) {
            if (a instanceof Action.CreateTable ct) {
                List<String> pk = DataRules.primaryKey(ct);
                for (ColumnDef c : ct.columns()) {
                    key(ct.table(), c.name(), c.type(), pk.equals(List.of(c.name())), identity.contains(c.name()),
                            reported, out);
                }
            } else if (a instanceof Action.AddColumn ac) {
                ColumnDef c = ac.column();
                key(ac.table(), c.name(), c.type(), c.primaryKey(), identity.contains(c.name()), reported, out);
            } else if (a instanceof Action.AddConstraint k && k.constraint().kind() == ConstraintDef.Kind.PRIMARY_KEY
                    && k.constraint().columns().size() == 1) {
                String col = k.constraint().columns().get(0);
                typeOf(statement, context, k.table(), col)
                        .ifPresent(t -> key(k.table(), col, t, true, false, reported, out));
            } else if (a instanceof Action.AlterColumnType at && isPrimaryKey(context, at.table(), at.column())) {
                key(at.table(), at.column(), at.type(), true, false, reported, out);
            } else if (a instanceof Action.OtherAlterTable o) {
                Matcher m = ADD_IDENTITY.matcher(o.what());
                if (m.matches()) {
                    String col = m.group(1);
                    context.columnType(o.table(), col)
                            .ifPresent(t -> key(o.table(), col, t, false, true, reported, out));
                }
            }
        }
        for (NewForeignKey fk : DataRules.foreignKeys(statement, context)) {
            for (int i = 0; i < fk.columns().size(); i++) {
                foreignKey(fk, i, context, reported, out);
            }
        }
    }

    private void key(Relation table, String column, TypeName type, boolean primaryKey, boolean identity,
            Set<String> reported, Findings out) {
        if (!type.isSmallInteger() || !(primaryKey || identity || type.isSerial())
                || !reported.add(table.name() + "." + column)) {
            return;
        }
        String role = type.isSerial() ? (primaryKey ? "serial primary key" : "serial column (a sequence of integer)")
                : identity ? (primaryKey ? "identity primary key" : "identity column") : "primary key";
        String article = role.startsWith("identity") ? "an " : "a ";
        out.add(this, table.display() + "." + column + " (" + type.written() + ") is " + article + role
                + ": it runs out at "
                + max(type) + " (inserts then fail: nextval reaches the sequence's maximum, or integer out of range),"
                + " and moving it to bigint later rewrites " + table.display() + ", every index on it and every table"
                + " whose foreign keys reference it, each under ACCESS EXCLUSIVE", Optional.empty(), Work.CATALOG,
                ident(column) + " bigint GENERATED ALWAYS AS IDENTITY" + (primaryKey ? " PRIMARY KEY" : "")
                        + " -- 9,223,372,036,854,775,807 ids; 4 more bytes a row\n"
                        + "-- an existing integer key: convert it before it runs out (add a bigint column, fill it by"
                        + " trigger and in batches, then swap the keys in one short transaction)");
    }

    private void foreignKey(NewForeignKey fk, int i, LintContext context, Set<String> reported, Findings out) {
        Optional<TypeName> own = fk.types().get(i);
        Optional<TypeName> referenced = DataRules.referencedType(fk, i, context);
        String column = fk.columns().get(i);
        if (own.isEmpty() || referenced.isEmpty() || !own.get().isSmallInteger()
                || !referenced.get().isSmallInteger() || !reported.add(fk.table().name() + "." + column)) {
            return; // a narrower column referencing a wider key is foreign-key-type-mismatch's
        }
        String target = fk.references().table().display()
                + DataRules.referencedColumn(fk, i, context).map(c -> "." + c).orElse("");
        out.add(this, fk.table().display() + "." + column + " is " + own.get().written() + " and references "
                + target + " (" + referenced.get().written() + "): both run out at " + max(referenced.get())
                + ", and when " + target + " moves to bigint, " + fk.table().display() + " must be rewritten too",
                Optional.empty(), Work.CATALOG,
                ident(column) + " bigint REFERENCES " + table(fk.references().table())
                        + " -- PostgreSQL accepts a bigint foreign key to an integer key (same operator family,"
                        + " indexes used), and nothing changes here when the key grows");
    }

    private static String max(TypeName type) {
        return type.base().equals("smallint") || type.base().equals("smallserial") ? "32,767" : "2,147,483,647";
    }

    private static boolean isPrimaryKey(LintContext context, Relation table, String column) {
        return context.schema().table(table).map(TableModel::primaryKey).orElse(List.of()).equals(List.of(column));
    }

    private static Optional<TypeName> typeOf(StatementAnalysis statement, LintContext context, Relation table,
            String column) {
        return DataRules.addedIn(statement, table, column).or(() -> context.columnType(table, column));
    }

    /**
     * The columns a CREATE TABLE or ADD COLUMN declares {@code GENERATED … AS IDENTITY} (the analysis says
     * "generated" for identity and stored generated columns alike): the name at the start of the column
     * definition that holds the words.
     */
    static Set<String> identityColumns(StatementAnalysis statement) {
        TokenCursor c = new TokenCursor(statement.statement());
        int[] depth = depths(c);
        Set<String> out = new HashSet<>();
        for (int k = 0; k < c.size(); k++) {
            if (!identityAt(c, k)) {
                continue;
            }
            int j = k - 1;
            while (j >= 0 && depth[j] >= depth[k]
                    && !(depth[j] == depth[k] && (isComma(c.get(j)) || c.get(j).isWord("ADD")))) {
                j--;
            }
            c.moveTo(j + 1);
            c.accept("COLUMN");
            c.accept("IF", "NOT", "EXISTS");
            if (!c.isWord("GENERATED")) { // ALTER COLUMN x ADD GENERATED: the column is named before ADD
                Optional.ofNullable(c.simpleName()).ifPresent(out::add);
            }
        }
        return out;
    }

    /** {@code GENERATED ALWAYS AS IDENTITY} or {@code GENERATED BY DEFAULT AS IDENTITY} starts at {@code k}. */
    private static boolean identityAt(TokenCursor c, int k) {
        c.moveTo(k);
        return c.accept("GENERATED") && (c.accept("ALWAYS") || c.accept("BY", "DEFAULT")) && c.accept("AS", "IDENTITY");
    }

    /** The parenthesis depth of each token; a parenthesis has the depth outside it. */
    private static int[] depths(TokenCursor c) {
        int[] depth = new int[c.size()];
        int d = 0;
        for (int k = 0; k < c.size(); k++) {
            Token t = c.get(k);
            boolean punct = t.type() == TokenType.PUNCTUATION;
            if (punct && (t.text().equals(")") || t.text().equals("]"))) {
                d = Math.max(0, d - 1);
            }
            depth[k] = d;
            if (punct && (t.text().equals("(") || t.text().equals("["))) {
                d++;
            }
        }
        return depth;
    }

    private static boolean isComma(Token t) {
        return t.type() == TokenType.PUNCTUATION && t.text().equals(",");
    }
}
