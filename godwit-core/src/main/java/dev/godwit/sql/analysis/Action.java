package dev.godwit.sql.analysis;

import static dev.godwit.sql.analysis.LockMode.ACCESS_EXCLUSIVE;
import static dev.godwit.sql.analysis.LockMode.ROW_EXCLUSIVE;
import static dev.godwit.sql.analysis.LockMode.SHARE;
import static dev.godwit.sql.analysis.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.godwit.sql.analysis.LockMode.SHARE_UPDATE_EXCLUSIVE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One thing a statement does: a statement is one action (CREATE INDEX) or several (each sub-command of an
 * ALTER TABLE, each table of a TRUNCATE). Each action says which table locks it takes, in which mode, on
 * the PostgreSQL major given — the facts of the manual's "Explicit Locking" and "ALTER TABLE" pages.
 */
public sealed interface Action {

    /** The locks this action takes; empty when it takes none on user tables. */
    List<TableLock> locks(int pgVersion);

    private static List<TableLock> on(Relation r, LockMode m) {
        return List.of(new TableLock(r, m));
    }

    private static List<TableLock> all(List<Relation> rs, LockMode m) {
        return rs.stream().map(r -> new TableLock(r, m)).toList();
    }

    // ---- tables -------------------------------------------------------------------------------------

    /** CREATE TABLE: a new, empty table; its foreign keys lock the tables they reference. */
    record CreateTable(Relation table, List<ColumnDef> columns, List<ConstraintDef> constraints,
            Optional<Relation> partitionOf, boolean asSelect) implements Action {
        public List<TableLock> locks(int v) {
            List<TableLock> locks = new ArrayList<>();
            partitionOf.ifPresent(p -> locks.add(new TableLock(p, ACCESS_EXCLUSIVE)));
            for (ForeignKey fk : foreignKeys()) {
                locks.add(new TableLock(fk.table(), SHARE_ROW_EXCLUSIVE));
            }
            return locks;
        }

        public List<ForeignKey> foreignKeys() {
            List<ForeignKey> fks = new ArrayList<>();
            columns.forEach(c -> c.references().ifPresent(fks::add));
            constraints.forEach(k -> k.references().ifPresent(fks::add));
            return fks;
        }
    }

    record AddColumn(Relation table, ColumnDef column) implements Action {
        public List<TableLock> locks(int v) {
            List<TableLock> locks = new ArrayList<>(on(table, ACCESS_EXCLUSIVE));
            column.references().ifPresent(fk -> locks.add(new TableLock(fk.table(), SHARE_ROW_EXCLUSIVE)));
            return locks;
        }
    }

    record DropColumn(Relation table, String column, boolean cascade) implements Action {
        public List<TableLock> locks(int v) {
            return on(table, ACCESS_EXCLUSIVE);
        }
    }

    /** ALTER COLUMN … TYPE: a rewrite unless the change is binary compatible (see the rules). */
    record AlterColumnType(Relation table, String column, TypeName type, Optional<String> using) implements Action {
        public List<TableLock> locks(int v) {
            return on(table, ACCESS_EXCLUSIVE);
        }

        /** True without USING, or when USING is only the column converted to the new type ({@code col::type}). */
        public boolean convertsPlainly() {
            return using.map(u -> Expressions.isColumnAs(u, column, type)).orElse(true);
        }
    }

    record SetNotNull(Relation table, String column) implements Action {
        public List<TableLock> locks(int v) {
            return on(table, ACCESS_EXCLUSIVE);
        }
    }

    record DropNotNull(Relation table, String column) implements Action {
        public List<TableLock> locks(int v) {
            return on(table, ACCESS_EXCLUSIVE);
        }
    }

    /** SET DEFAULT expr, or DROP DEFAULT (expression empty): catalog only, but ACCESS EXCLUSIVE. */
    record SetDefault(Relation table, String column, Optional<String> expression) implements Action {
        public List<TableLock> locks(int v) {
            return on(table, ACCESS_EXCLUSIVE);
        }
    }

    /** ADD CONSTRAINT: FOREIGN KEY takes SHARE ROW EXCLUSIVE on both tables, the others ACCESS EXCLUSIVE. */
    record AddConstraint(Relation table, ConstraintDef constraint) implements Action {
        public List<TableLock> locks(int v) {
            if (constraint.kind() == ConstraintDef.Kind.FOREIGN_KEY) {
                List<TableLock> locks = new ArrayList<>(on(table, SHARE_ROW_EXCLUSIVE));
                constraint.references().ifPresent(fk -> locks.add(new TableLock(fk.table(), SHARE_ROW_EXCLUSIVE)));
                return locks;
            }
            return on(table, ACCESS_EXCLUSIVE);
        }
    }

    /** VALIDATE CONSTRAINT scans the table under SHARE UPDATE EXCLUSIVE: reads and writes go on. */
    record ValidateConstraint(Relation table, String name) implements Action {
        public List<TableLock> locks(int v) {
            return on(table, SHARE_UPDATE_EXCLUSIVE);
        }
    }

    /**
     * DROP CONSTRAINT: ACCESS EXCLUSIVE on the table and, for a foreign key, on the table it references too
     * (PostgreSQL removes the key's triggers there). {@code references} is that table when known: from an ADD of
     * the same name in the statement, an earlier statement, or the catalog ({@link #referencing}).
     */
    record DropConstraint(Relation table, String name, boolean cascade, Optional<Relation> references)
            implements Action {
        public List<TableLock> locks(int v) {
            List<TableLock> locks = new ArrayList<>(on(table, ACCESS_EXCLUSIVE));
            references.filter(r -> !r.sameAs(table)).ifPresent(r -> locks.add(new TableLock(r, ACCESS_EXCLUSIVE)));
            return locks;
        }

        /** The same drop, known to remove a foreign key to {@code referenced}. */
        public DropConstraint referencing(Relation referenced) {
            return new DropConstraint(table, name, cascade, Optional.of(referenced));
        }
    }

    record RenameColumn(Relation table, String from, String to) implements Action {
        public List<TableLock> locks(int v) {
            return on(table, ACCESS_EXCLUSIVE);
        }
    }

    /** ALTER TABLE/INDEX/VIEW … RENAME TO. */
    record RenameTable(Relation table, String to) implements Action {
        public List<TableLock> locks(int v) {
            return on(table, ACCESS_EXCLUSIVE);
        }
    }

    record RenameConstraint(Relation table, String from, String to) implements Action {
        public List<TableLock> locks(int v) {
            return on(table, ACCESS_EXCLUSIVE);
        }
    }

    /** ATTACH PARTITION: SHARE UPDATE EXCLUSIVE on the parent since PostgreSQL 12 (ACCESS EXCLUSIVE before). */
    record AttachPartition(Relation table, Relation partition) implements Action {
        public List<TableLock> locks(int v) {
            return List.of(new TableLock(table, v >= 12 ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE),
                    new TableLock(partition, ACCESS_EXCLUSIVE));
        }
    }

    /** DETACH PARTITION [CONCURRENTLY | FINALIZE]. */
    record DetachPartition(Relation table, Relation partition, boolean concurrently, boolean finalizing)
            implements Action {
        public List<TableLock> locks(int v) {
            LockMode m = concurrently || finalizing ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE;
            return List.of(new TableLock(table, m), new TableLock(partition, m));
        }
    }

    /**
     * Another ALTER TABLE sub-command Godwit recognises (OWNER TO, SET (…), ENABLE TRIGGER, …) with the lock
     * the manual gives it; {@code rewrites} for SET LOGGED / UNLOGGED, SET ACCESS METHOD and SET TABLESPACE.
     */
    record OtherAlterTable(Relation table, String what, LockMode lock, boolean rewrites) implements Action {
        public List<TableLock> locks(int v) {
            return on(table, lock);
        }
    }

    // ---- indexes ------------------------------------------------------------------------------------

    /** CREATE INDEX: SHARE (blocks writes) for the whole build, SHARE UPDATE EXCLUSIVE with CONCURRENTLY. */
    record CreateIndex(Relation table, Optional<String> name, boolean unique, boolean concurrently,
            boolean ifNotExists, List<String> columns, boolean partial) implements Action {
        public List<TableLock> locks(int v) {
            return on(table, concurrently ? SHARE_UPDATE_EXCLUSIVE : SHARE);
        }
    }

    /** DROP INDEX: ACCESS EXCLUSIVE on the index's table (named by the index here). */
    record DropIndex(List<Relation> indexes, boolean concurrently, boolean cascade) implements Action {
        public List<TableLock> locks(int v) {
            return all(indexes, concurrently ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
        }
    }

    /** REINDEX INDEX|TABLE|SCHEMA|DATABASE|SYSTEM name: SHARE on the table, ACCESS EXCLUSIVE on the index. */
    record Reindex(String target, Relation name, boolean concurrently) implements Action {
        public List<TableLock> locks(int v) {
            if (concurrently) {
                return on(name, SHARE_UPDATE_EXCLUSIVE);
            }
            return on(name, target.equals("INDEX") ? ACCESS_EXCLUSIVE : SHARE);
        }
    }

    // ---- maintenance --------------------------------------------------------------------------------

    /** VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE; plain VACUUM blocks nobody. */
    record Vacuum(List<Relation> tables, boolean full) implements Action {
        public List<TableLock> locks(int v) {
            return all(tables, full ? ACCESS_EXCLUSIVE : SHARE_UPDATE_EXCLUSIVE);
        }
    }

    /** CLUSTER [table]; without a table it re-clusters every clustered table of the database. */
    record Cluster(Optional<Relation> table) implements Action {
        public List<TableLock> locks(int v) {
            return table.map(t -> on(t, ACCESS_EXCLUSIVE)).orElse(List.of());
        }
    }

    // ---- data -------------------------------------------------------------------------------------

    record Truncate(List<Relation> tables, boolean cascade) implements Action {
        public List<TableLock> locks(int v) {
            return all(tables, ACCESS_EXCLUSIVE);
        }
    }

    /** DELETE; {@code hasWhere} false means every row. */
    record Delete(Relation table, boolean hasWhere) implements Action {
        public List<TableLock> locks(int v) {
            return on(table, ROW_EXCLUSIVE);
        }
    }

    /** UPDATE; {@code hasWhere} false means every row. */
    record Update(Relation table, boolean hasWhere, List<String> columns) implements Action {
        public List<TableLock> locks(int v) {
            return on(table, ROW_EXCLUSIVE);
        }
    }

    record Insert(Relation table, boolean fromQuery) implements Action {
        public List<TableLock> locks(int v) {
            return on(table, ROW_EXCLUSIVE);
        }
    }

    /** LOCK [TABLE] names [IN mode MODE] [NOWAIT]. */
    record LockTable(List<Relation> tables, LockMode mode, boolean nowait) implements Action {
        public List<TableLock> locks(int v) {
            return all(tables, mode);
        }
    }

    // ---- drops ------------------------------------------------------------------------------------

    record DropTable(List<Relation> tables, boolean cascade) implements Action {
        public List<TableLock> locks(int v) {
            return all(tables, ACCESS_EXCLUSIVE);
        }
    }

    record DropSchema(List<String> schemas, boolean cascade) implements Action {
        public List<TableLock> locks(int v) {
            return List.of();
        }
    }

    record DropDatabase(String database) implements Action {
        public List<TableLock> locks(int v) {
            return List.of();
        }
    }

    /**
     * DROP VIEW / TYPE / FUNCTION / SEQUENCE / …: {@code what} is the object kind. Views, materialized views and
     * foreign tables are relations: dropping one takes ACCESS EXCLUSIVE on it, so it waits for every reader.
     */
    record DropOther(String what, List<String> names, boolean cascade) implements Action {
        public List<TableLock> locks(int v) {
            if (what.equals("MATERIALIZED VIEW") || what.equals("VIEW") || what.equals("FOREIGN TABLE")) {
                return all(names.stream().map(Relation::parse).toList(), ACCESS_EXCLUSIVE);
            }
            return List.of();
        }
    }

    // ---- types and domains ------------------------------------------------------------------------

    record CreateEnum(Relation type, List<String> values) implements Action {
        public List<TableLock> locks(int v) {
            return List.of();
        }
    }

    /** ALTER TYPE … ADD VALUE [IF NOT EXISTS] 'v' [BEFORE | AFTER 'w']. */
    record AddEnumValue(Relation type, String value, Optional<String> placement) implements Action {
        public List<TableLock> locks(int v) {
            return List.of();
        }
    }

    /** ALTER TYPE … RENAME VALUE 'a' TO 'b': a catalog change, but code that still writes 'a' fails. */
    record RenameEnumValue(Relation type, String from, String to) implements Action {
        public List<TableLock> locks(int v) {
            return List.of();
        }
    }

    /** CREATE DOMAIN name AS type [NOT NULL] [CHECK (…)]…. */
    record CreateDomain(Relation domain, TypeName type, boolean notNull, List<String> checks) implements Action {
        public List<TableLock> locks(int v) {
            return List.of();
        }
    }

    /** ALTER DOMAIN … ADD CONSTRAINT / SET NOT NULL: checks every column of that domain in every table. */
    record AlterDomainConstraint(Relation domain, String constraint, boolean notValid) implements Action {
        public List<TableLock> locks(int v) {
            return List.of();
        }
    }

    // ---- session and transaction ------------------------------------------------------------------

    /** SET [LOCAL] name = value / SET name TO value; RESET name (value empty). */
    record SetSetting(String name, Optional<String> value, boolean local) implements Action {
        public List<TableLock> locks(int v) {
            return List.of();
        }
    }

    /** BEGIN, COMMIT, ROLLBACK, SAVEPOINT, …: {@code word} upper-cased. */
    record TransactionControl(String word) implements Action {
        public List<TableLock> locks(int v) {
            return List.of();
        }

        public boolean begins() {
            return word.equals("BEGIN") || word.equals("START");
        }

        public boolean ends() {
            return word.equals("COMMIT") || word.equals("END") || word.equals("ROLLBACK") || word.equals("ABORT");
        }
    }

    // ---- the rest -------------------------------------------------------------------------------

    /**
     * A statement Godwit knows takes no lock that blocks application traffic on existing tables (CREATE
     * FUNCTION / VIEW / SEQUENCE / SCHEMA / EXTENSION, GRANT, COMMENT, SELECT, …).
     */
    record Harmless(String what) implements Action {
        public List<TableLock> locks(int v) {
            return List.of();
        }
    }

    /** A statement (or ALTER TABLE sub-command) Godwit cannot classify; {@code why} says what it saw. */
    record Unanalysed(Optional<Relation> table, String why) implements Action {
        public List<TableLock> locks(int v) {
            return table.map(t -> on(t, ACCESS_EXCLUSIVE)).orElse(List.of());
        }
    }
}
