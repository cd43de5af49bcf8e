package dev.godwit.lint.rules;

import dev.godwit.db.Identifiers;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.TableModel;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.ColumnDef;
import dev.godwit.sql.analysis.ConstraintDef;
import dev.godwit.sql.analysis.ForeignKey;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the data-loss, type-design and money rules share: the columns a statement gives a type, the foreign
 * keys it creates, and names written as SQL for the safe alternatives.
 */
final class DataRules {


    private DataRules() {}

    /** How a column got its type. */
    enum Source { CREATE_TABLE, ADD_COLUMN, ALTER_TYPE, DOMAIN }

    /**
     * A type a statement gives: a column of CREATE TABLE, ADD COLUMN, ALTER COLUMN … TYPE, or a domain
     * ({@code table} is then the domain and {@code column} empty).
     */
    record Typed(Relation table, String column, TypeName type, Source source) {

        /** {@code payments.amount}, or {@code domain cents}. */
        String where() {
            return source == Source.DOMAIN ? "domain " + table.display() : table.display() + "." + column;
        }

        boolean isColumn() {
            return source != Source.DOMAIN;
        }
    }

    /** Every column (and, with {@code domains}, every domain) the statement gives a type, in order. */
    static List<Typed> typed(StatementAnalysis statement, boolean domains) {
        List<Typed> out = new ArrayList<>();
        for (Action a : statement.actions()) {
            if (a instanceof Action.CreateTable ct) {
                ct.columns().forEach(c -> out.add(new Typed(ct.table(), c.name(), c.type(), Source.CREATE_TABLE)));
            } else if (a instanceof Action.AddColumn ac) {
                out.add(new Typed(ac.table(), ac.column().name(), ac.column().type(), Source.ADD_COLUMN));
            } else if (a instanceof Action.AlterColumnType at) {
                out.add(new Typed(at.table(), at.column(), at.type(), Source.ALTER_TYPE));
            } else if (domains && a instanceof Action.CreateDomain cd) {
                out.add(new Typed(cd.domain(), "", cd.type(), Source.DOMAIN));
            }
        }
        return out;
    }

    /** A foreign key the statement creates, with the types of its columns where known. */
    record NewForeignKey(Relation table, List<String> columns, List<Optional<TypeName>> types, ForeignKey references,
            Optional<Action.CreateTable> createdWith, String written) {

        String columnList() {
            return String.join(", ", columns.stream().map(DataRules::ident).toList());
        }
    }

    /** The foreign keys of CREATE TABLE (inline and table constraints), ADD COLUMN … REFERENCES, ADD FOREIGN KEY. */
    static List<NewForeignKey> foreignKeys(StatementAnalysis statement, LintContext context) {
        List<NewForeignKey> out = new ArrayList<>();
        for (Action a : statement.actions()) {
            if (a instanceof Action.CreateTable ct) {
                for (ColumnDef c : ct.columns()) {
                    c.references().ifPresent(fk -> out.add(new NewForeignKey(ct.table(), List.of(c.name()),
                            List.of(Optional.of(c.type())), fk, Optional.of(ct), c.name() + " REFERENCES")));
                }
                for (ConstraintDef k : ct.constraints()) {
                    k.references().ifPresent(fk -> out.add(new NewForeignKey(ct.table(), k.columns(),
                            k.columns().stream().map(col -> typeIn(ct, col)).toList(), fk, Optional.of(ct),
                            k.written())));
                }
            } else if (a instanceof Action.AddColumn ac) {
                ColumnDef c = ac.column();
                c.references().ifPresent(fk -> out.add(new NewForeignKey(ac.table(), List.of(c.name()),
                        List.of(Optional.of(c.type())), fk, Optional.empty(), "ADD COLUMN " + c.name())));
            } else if (a instanceof Action.AddConstraint k && k.constraint().references().isPresent()) {
                List<Optional<TypeName>> types = k.constraint().columns().stream()
                        .map(col -> addedIn(statement, k.table(), col).or(() -> context.columnType(k.table(), col)))
                        .toList();
                out.add(new NewForeignKey(k.table(), k.constraint().columns(), types,
                        k.constraint().references().get(), Optional.empty(), k.constraint().written()));
            }
        }
        return out;
    }

    /**
     * The type of the referenced column for the {@code i}-th column of a new foreign key. A table that
     * references itself in its own CREATE TABLE is not in the schema yet: its columns are read from the statement.
     */
    static Optional<TypeName> referencedType(NewForeignKey fk, int i, LintContext context) {
        if (fk.createdWith().isPresent() && fk.references().table().sameAs(fk.table())) {
            Action.CreateTable ct = fk.createdWith().get();
            List<String> cols = fk.references().columns().isEmpty() ? primaryKey(ct) : fk.references().columns();
            return i < cols.size() ? typeIn(ct, cols.get(i)) : Optional.empty();
        }
        return context.referencedType(fk.references(), i);
    }

    /** The name of the referenced column for the {@code i}-th column of a new foreign key, where known. */
    static Optional<String> referencedColumn(NewForeignKey fk, int i, LintContext context) {
        List<String> cols = fk.references().columns();
        if (cols.isEmpty()) {
            cols = fk.createdWith().isPresent() && fk.references().table().sameAs(fk.table())
                    ? primaryKey(fk.createdWith().get())
                    : context.schema().table(fk.references().table()).map(TableModel::primaryKey).orElse(List.of());
        }
        return i < cols.size() ? Optional.of(cols.get(i)) : Optional.empty();
    }

    /** The primary key columns a CREATE TABLE declares. */
    static List<String> primaryKey(Action.CreateTable ct) {
        for (ColumnDef c : ct.columns()) {
            if (c.primaryKey()) {
                return List.of(c.name());
            }
        }
        for (ConstraintDef k : ct.constraints()) {
            if (k.kind() == ConstraintDef.Kind.PRIMARY_KEY) {
                return k.columns();
            }
        }
        return List.of();
    }

    static Optional<TypeName> typeIn(Action.CreateTable ct, String column) {
        return ct.columns().stream().filter(c -> c.name().equals(column)).map(ColumnDef::type).findFirst();
    }

    /** The type an ADD COLUMN of this same statement gives {@code column}: the schema learns it only afterwards. */
    static Optional<TypeName> addedIn(StatementAnalysis statement, Relation table, String column) {
        return statement.of(Action.AddColumn.class).stream()
                .filter(ac -> ac.table().sameAs(table) && ac.column().name().equals(column))
                .map(ac -> ac.column().type()).findFirst();
    }

    /** True when a statement earlier in this file added {@code column} to {@code table}: no code uses it yet. */
    static boolean addedEarlierInFile(LintContext context, Relation table, String column) {
        for (StatementAnalysis s : context.earlierInFile()) {
            for (Action.AddColumn ac : s.of(Action.AddColumn.class)) {
                if (ac.table().sameAs(table) && ac.column().name().equals(column)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The table's single key column for batching ({@code id} when the key is unknown or composite), as SQL. */
    static String keyColumn(LintContext context, Relation table) {
        List<String> pk = context.schema().table(table).map(TableModel::primaryKey).orElse(List.of());
        return pk.size() == 1 ? ident(pk.get(0)) : "id";
    }

    /** How Godwit keeps destroyed data (docs/snapshots.md), in the messages of the rules that destroy it. */
    static String snapshot(String what) {
        return "Godwit copies " + what + " to godwit_snapshots first when [safety] snapshot allows, by default up to"
                + " snapshot_row_limit rows (docs/snapshots.md)";
    }

    /** A table as a pg_dump {@code --table} argument, shell-quoted when its name needs double quotes. */
    static String dumpTable(Relation r) {
        String t = table(r);
        return t.contains("\"") ? "'" + t + "'" : t;
    }

    /** A name as SQL: bare where PostgreSQL allows, double-quoted otherwise. */
    static String ident(String name) {
        return Identifiers.quote(name);
    }

    /** A table name as SQL, with its schema when the statement named one. */
    static String table(Relation r) {
        return r.schema().map(s -> ident(s) + ".").orElse("") + ident(r.name());
    }

    /** The type of {@code column} as it reads in a message: {@code note (text)}, or just {@code note}. */
    static String withType(LintContext context, Relation table, String column) {
        return column + context.columnType(table, column).map(t -> " (" + t.written() + ")").orElse("");
    }
}
