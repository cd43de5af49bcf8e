package dev.godwit.lint;

import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.ColumnDef;
import dev.godwit.sql.analysis.ConstraintDef;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TypeName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables the linter knows of: from the database's catalog (when there is one), then from every statement
 * linted so far. Tables are matched by name; a schema, when written, is not needed to match.
 */
public final class SchemaModel {

    private final Map<String, TableModel> tables = new LinkedHashMap<>();

    public static SchemaModel empty() {
        return new SchemaModel();
    }

    public Optional<TableModel> table(Relation r) {
        return Optional.ofNullable(tables.get(r.name()));
    }

    /** Records an existing table read from the database: its columns, primary key and index leading columns. */
    public void existing(Relation table, Map<String, TypeName> columns, List<String> primaryKey,
            List<List<String>> indexes) {
        TableModel t = new TableModel(table, false);
        columns.forEach(t::putColumn);
        t.primaryKey(primaryKey);
        indexes.forEach(t::addIndex);
        tables.put(table.name(), t);
    }

    /** From here on, every table counts as existing (a new file, when each file is its own run). */
    void forgetNewness() {
        tables.replaceAll((k, t) -> t.copy(t.name(), false));
    }

    /** Applies what a statement did, after the rules have looked at it. */
    void apply(StatementAnalysis s) {
        for (Action a : s.actions()) {
            apply(a);
        }
    }

    private void apply(Action a) {
        if (a instanceof Action.CreateTable ct) {
            create(ct);
        } else if (a instanceof Action.AddColumn ac) {
            table(ac.table()).ifPresent(t -> addColumn(t, ac.column()));
        } else if (a instanceof Action.DropColumn dc) {
            table(dc.table()).ifPresent(t -> t.dropColumn(dc.column()));
        } else if (a instanceof Action.AlterColumnType at) {
            table(at.table()).ifPresent(t -> t.putColumn(at.column(), at.type()));
        } else if (a instanceof Action.RenameColumn rc) {
            table(rc.table()).ifPresent(t -> t.renameColumn(rc.from(), rc.to()));
        } else if (a instanceof Action.RenameTable rt && rt.to() != null) {
            TableModel t = tables.remove(rt.table().name());
            if (t != null) {
                tables.put(rt.to(), t.copy(Relation.of(rt.to()), t.createdInRun()));
            }
        } else if (a instanceof Action.AddConstraint k) {
            table(k.table()).ifPresent(t -> constraint(t, k.constraint()));
        } else if (a instanceof Action.CreateIndex ix) {
            table(ix.table()).ifPresent(t -> t.addIndex(ix.columns()));
        } else if (a instanceof Action.DropTable dt) {
            dt.tables().forEach(r -> tables.remove(r.name()));
        }
    }

    private void create(Action.CreateTable ct) {
        TableModel t = new TableModel(ct.table(), true);
        for (ColumnDef c : ct.columns()) {
            addColumn(t, c);
        }
        for (ConstraintDef k : ct.constraints()) {
            constraint(t, k);
        }
        tables.put(ct.table().name(), t);
    }

    private static void addColumn(TableModel t, ColumnDef c) {
        t.putColumn(c.name(), c.type());
        if (c.primaryKey()) {
            t.primaryKey(List.of(c.name()));
        } else if (c.unique()) {
            t.addIndex(List.of(c.name()));
        }
    }

    private static void constraint(TableModel t, ConstraintDef k) {
        if (k.kind() == ConstraintDef.Kind.PRIMARY_KEY) {
            t.primaryKey(k.columns());
        } else if (k.kind() == ConstraintDef.Kind.UNIQUE) {
            t.addIndex(k.columns());
        }
    }

    /** The type of {@code column} of {@code table}, when known. */
    public Optional<TypeName> columnType(Relation table, String column) {
        return table(table).flatMap(t -> t.column(column));
    }
}
