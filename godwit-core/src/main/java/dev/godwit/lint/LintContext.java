package dev.godwit.lint;

import dev.godwit.config.CheckSettings;
import dev.godwit.config.LintSettings;
import dev.godwit.config.MoneyNames;
import dev.godwit.config.Risk;

import dev.godwit.sql.ExpectChange;
import dev.godwit.sql.analysis.ForeignKey;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import dev.godwit.sql.analysis.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a rule may know beyond the statement itself: the target PostgreSQL major, what the money columns are
 * called, the tables known so far (and whether this run created them), and the statements that ran before
 * this one in the same transaction and the same file.
 *
 * @param relaxed              {@code [checks] relaxed}: tables whose built-in checks are skipped
 * @param file                 the file as the user named it
 * @param fileTransactional    Godwit runs this file in one transaction of its own
 * @param earlierInTransaction the statements before this one in the same transaction (empty outside one)
 * @param earlierInFile        every statement before this one in the file
 * @param laterInFile          every statement after this one in the file
 * @param undoes               when the file is a down script, what its up script created (dropping that is the
 *                             rollback's purpose, not a loss)
 * @param declaredChanges      the file's {@code -- godwit:expect-change} lines
 *
 * <p>The three lists are read-only views of the file's statements, taken as they are: copying them for every
 * statement made linting a long file quadratic.
 */
public record LintContext(int pgVersion, MoneyNames money, List<String> relaxed, SchemaModel schema,
        String file, boolean fileTransactional, boolean inExplicitTransaction, List<StatementAnalysis> earlierInTransaction,
        List<StatementAnalysis> earlierInFile, List<StatementAnalysis> laterInFile, Undoes undoes,
        List<ExpectChange> declaredChanges) {

    /**
     * True when {@code [checks] relaxed} names the table: its built-in checks are skipped. A name without schema is
     * also taken as {@code public.name}, where such a table lands with the default search_path.
     */
    public boolean relaxed(Relation table) {
        return !relaxed.isEmpty() && (CheckSettings.relaxes(relaxed, table.display())
                || table.schema().isEmpty() && CheckSettings.relaxes(relaxed, "public." + table.name()));
    }

    /** True when the statement runs inside a transaction: the file's own, or an explicit BEGIN in it. */
    public boolean inTransaction() {
        return fileTransactional || inExplicitTransaction;
    }

    /** True when a statement earlier in this run created the table: it is empty, so its locks harm nobody. */
    public boolean isNew(Relation table) {
        return schema.table(table).map(TableModel::createdInRun).orElse(false) || schema.newSequence(table);
    }

    /**
     * True when the table does not exist at this point (the database's catalog lacks it and no earlier statement
     * created it): a {@code DROP … IF EXISTS} of it does nothing. Never true without a database.
     */
    public boolean absent(Relation table) {
        return schema.absent(table);
    }

    /** True when the table does not exist, or its columns are all known and {@code column} is not one. */
    public boolean absent(Relation table, String column) {
        return absent(table) || schema.table(table).map(t -> t.lacksColumn(column)).orElse(false);
    }

    public Optional<TypeName> columnType(Relation table, String column) {
        return schema.columnType(table, column);
    }

    /** True when the table is known to have an index whose leading columns are {@code columns}. */
    public boolean hasIndexLeadingWith(Relation table, List<String> columns) {
        return schema.table(table).map(t -> t.hasIndexLeadingWith(columns)).orElse(false);
    }

    /**
     * True when SET NOT NULL on {@code column} needs no scan: it is NOT NULL already, or (PostgreSQL 12+) a
     * validated {@code CHECK (column IS NOT NULL)} from an earlier statement or file proves it.
     */
    public boolean notNullProven(Relation table, String column) {
        return schema.table(table).map(t -> t.isNotNull(column)
                || pgVersion >= 12 && t.notNullProvenByConstraint(column)).orElse(false);
    }

    /** The table of an index that an earlier statement created, when known. */
    public Optional<Relation> tableOfIndex(Relation index) {
        return schema.tableOfIndex(index);
    }

    /**
     * The type of the referenced column for the {@code i}-th column of a foreign key: the named column, or
     * the referenced table's primary key when the key names none.
     */
    public Optional<TypeName> referencedType(ForeignKey fk, int i) {
        List<String> cols = fk.columns().isEmpty()
                ? schema.table(fk.table()).map(TableModel::primaryKey).orElse(List.of()) : fk.columns();
        return i < cols.size() ? columnType(fk.table(), cols.get(i)) : Optional.empty();
    }

    /** Existing tables that earlier statements of this transaction locked ACCESS EXCLUSIVE, with the statement. */
    public List<HeldLock> accessExclusiveHeld() {
        List<HeldLock> held = new ArrayList<>();
        for (StatementAnalysis s : earlierInTransaction) {
            for (TableLock l : s.locks(pgVersion)) {
                // held first: a table locked again is a look in a short list, not two in the schema
                if (l.mode() == LockMode.ACCESS_EXCLUSIVE && !holds(held, l.relation()) && !isNew(l.relation())
                        && !absent(l.relation())) {
                    held.add(new HeldLock(l, s));
                }
            }
        }
        return held;
    }

    // A loop, not a stream: asked for every statement after an ACCESS EXCLUSIVE lock.
    private static boolean holds(List<HeldLock> held, Relation relation) {
        for (HeldLock h : held) {
            if (h.lock().relation().sameAs(relation)) {
                return true;
            }
        }
        return false;
    }

    /** A lock taken by an earlier statement and still held, since its transaction has not ended. */
    public record HeldLock(TableLock lock, StatementAnalysis by) {}
}
