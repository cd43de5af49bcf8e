package dev.godwit.lint;

import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.ColumnDef;
import dev.godwit.sql.analysis.ConstraintDef;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TypeName;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.godwit.sql.analysis.Volatility;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tables the linter knows of: from the database's catalog (when there is one), then from every statement
 * linted so far (a table only seen altered is known by what the statements said of it). Tables are matched
 * by name; a schema, when written, is not needed to match.
 */
public final class SchemaModel {

    private final Map<String, TableModel> tables = new LinkedHashMap<>();
    private final IndexTables indexTables;
    /** The sequences tables created in this run own (serial and identity columns): new, like their tables. */
    private final Set<String> newSequences = new HashSet<>();
    /** The keys of the tables created in this run, so that forgetting newness does not walk every table. */
    private final Set<String> created = new HashSet<>();
    /**
     * True when the model started from a database's catalog: a table it does not know does not exist (a
     * {@code DROP … IF EXISTS} of it does nothing). Without a database, an unknown table may well exist.
     */
    private boolean fromCatalog;
    /** Functions by name, as declared (catalog, CREATE FUNCTION): the worst of a name's overloads. */
    private final Map<String, Volatility> functions = new HashMap<>();
    private static final Pattern CREATE_FUNCTION = Pattern.compile(
            "(?is)\\bcreate\\s+(?:or\\s+replace\\s+)?function\\s+(?:\"?[\\w$]+\"?\\.)?\"?([\\w$]+)\"?\\s*\\(");

    private SchemaModel(IndexTables indexTables) {
        this.indexTables = indexTables;
    }

    public static SchemaModel empty() {
        return new SchemaModel(new IndexTables());
    }

    /** An empty model of a database's tables: fill it with {@link #existing}; what it lacks does not exist. */
    public static SchemaModel ofCatalog() {
        SchemaModel m = empty();
        m.fromCatalog = true;
        return m;
    }

    /**
     * True when the table is known not to exist at this point: the catalog did not have it (or a statement
     * dropped it) and no statement created it since.
     */
    public boolean absent(Relation r) {
        return fromCatalog && !tables.containsKey(r.name());
    }

    /** An independent deep copy: the linter goes on from this point on another thread. */
    SchemaModel copy() {
        SchemaModel c = new SchemaModel(indexTables.copy());
        c.fromCatalog = fromCatalog;
        c.newSequences.addAll(newSequences);
        c.created.addAll(created);
        c.functions.putAll(functions);
        tables.forEach((key, t) -> c.tables.put(key, t.copy(t.name(), t.createdInRun())));
        return c;
    }

    public Optional<TableModel> table(Relation r) {
        return Optional.ofNullable(tables.get(r.name()));
    }

    /** A function of the database or of an earlier statement, with its declared volatility. */
    public void function(String name, Volatility v) {
        functions.merge(name.toLowerCase(Locale.ROOT), v, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    /** The declared volatility of a function, when the catalog or an earlier CREATE FUNCTION says it. */
    public Optional<Volatility> functionVolatility(String name) {
        return Optional.ofNullable(functions.get(name.toLowerCase(Locale.ROOT)));
    }

    /** True when a table this run created owns the sequence (its serial or identity column's). */
    public boolean newSequence(Relation r) {
        return newSequences.contains(r.name());
    }

    /**
     * Records an existing table read from the database: its columns, those that are NOT NULL, its primary key and
     * the leading columns of its indexes.
     */
    public void existing(Relation table, Map<String, TypeName> columns, Set<String> notNull, List<String> primaryKey,
            List<List<String>> indexes) {
        TableModel t = new TableModel(table, false);
        t.columnsKnown();
        columns.forEach(t::putColumn);
        notNull.forEach(c -> t.notNull(c, true));
        t.primaryKey(primaryKey);
        indexes.forEach(t::addIndex);
        tables.put(table.name(), t);
    }

    /** Records how big the catalog says an existing table is (statistics and files): the gate grades by it. */
    public void existingSize(Relation table, TableSize size) {
        table(table).ifPresent(t -> t.size(size));
    }

    /**
     * Records a validated CHECK constraint of an existing table ({@code pg_get_constraintdef} text): when it proves
     * columns NOT NULL, SET NOT NULL on them needs no scan (PostgreSQL 12+).
     */
    public void existingCheck(Relation table, String name, String definition) {
        table(table).ifPresent(t -> t.notNullCheck(name, ConstraintDef.notNullProvenBy(definition), true));
    }

    /**
     * The model of a table a statement changes: the known one, or a new entry for an existing table Godwit
     * has not seen created (no database, no CREATE TABLE in the files), so that what later statements rely on
     * (a column's new type, a validated CHECK) is known even when the table's other columns are not.
     */
    private TableModel seen(Relation r) {
        return tables.computeIfAbsent(r.name(), n -> new TableModel(r, false));
    }

    /** The table of an index a linted statement created (or a UNIQUE / PRIMARY KEY constraint), when known. */
    public Optional<Relation> tableOfIndex(Relation index) {
        return indexTables.get(index.name());
    }

    /**
     * From here on, every table counts as existing (a new file, when each file is its own run). Only the tables
     * created in the run are copied: copying every table for every file made linting quadratic in the files.
     */
    void forgetNewness() {
        newSequences.clear();
        for (String key : created) {
            TableModel t = tables.get(key);
            if (t != null && t.createdInRun()) {
                tables.put(key, t.copy(t.name(), false));
            }
        }
        created.clear();
    }

    /** Applies what a statement did, after the rules have looked at it. */
    void apply(StatementAnalysis s) {
        for (Action a : s.actions()) {
            apply(a);
            if (a instanceof Action.Harmless h && h.what().equals("CREATE FUNCTION")) {
                createFunction(s);
            }
        }
    }

    /** CREATE FUNCTION: its name and volatility (the words outside its body; VOLATILE unless it says otherwise). */
    private void createFunction(StatementAnalysis s) {
        Matcher m = CREATE_FUNCTION.matcher(s.statement().text());
        if (m.find()) {
            List<String> words = s.statement().words();
            Volatility v = words.contains("IMMUTABLE") ? Volatility.CONSTANT
                    : words.contains("STABLE") ? Volatility.STABLE : Volatility.VOLATILE;
            functions.put(m.group(1).toLowerCase(Locale.ROOT), v); // OR REPLACE: the latest declaration
        }
    }

    private void apply(Action a) {
        if (a instanceof Action.CreateTable ct) {
            create(ct);
        } else if (a instanceof Action.AddColumn ac) {
            addColumn(seen(ac.table()), ac.column());
        } else if (a instanceof Action.DropColumn dc) {
            table(dc.table()).ifPresent(t -> t.dropColumn(dc.column()));
        } else if (a instanceof Action.AlterColumnType at) {
            seen(at.table()).putColumn(at.column(), at.type());
        } else if (a instanceof Action.RenameColumn rc) {
            table(rc.table()).ifPresent(t -> t.renameColumn(rc.from(), rc.to()));
        } else if (a instanceof Action.RenameTable rt && rt.to() != null) {
            rename(rt);
        } else if (a instanceof Action.AddConstraint k) {
            constraint(seen(k.table()), k.constraint());
            constraintIndex(k.table(), k.constraint());
        } else if (a instanceof Action.CreateIndex ix) {
            seen(ix.table()).addIndex(ix.columns());
            ix.name().ifPresent(n -> indexTables.put(n, ix.table()));
        } else if (a instanceof Action.DropIndex di) {
            di.indexes().forEach(r -> indexTables.remove(r.name()));
        } else if (a instanceof Action.DropTable dt) {
            dt.tables().forEach(r -> tables.remove(r.name()));
            indexTables.dropTables(dt.tables());
        } else {
            applyColumnConstraint(a);
        }
    }

    /** SET / DROP NOT NULL, VALIDATE, DROP and RENAME CONSTRAINT: what SET NOT NULL can rely on. */
    private void applyColumnConstraint(Action a) {
        if (a instanceof Action.SetNotNull sn) {
            seen(sn.table()).notNull(sn.column(), true);
        } else if (a instanceof Action.DropNotNull dn) {
            table(dn.table()).ifPresent(t -> t.notNull(dn.column(), false));
        } else if (a instanceof Action.ValidateConstraint vc) {
            seen(vc.table()).validateConstraint(vc.name());
        } else if (a instanceof Action.DropConstraint dc) {
            table(dc.table()).ifPresent(t -> t.dropConstraint(dc.name()));
        } else if (a instanceof Action.RenameConstraint rc) {
            table(rc.table()).ifPresent(t -> t.renameConstraint(rc.from(), rc.to()));
        }
    }

    private void rename(Action.RenameTable rt) {
        TableModel t = tables.remove(rt.table().name());
        if (t != null) {
            tables.put(rt.to(), t.copy(Relation.of(rt.to()), t.createdInRun()));
            if (t.createdInRun()) {
                created.add(rt.to());
            }
            indexTables.moveTable(rt.table(), Relation.of(rt.to()));
        }
        if (newSequences.remove(rt.table().name())) {
            newSequences.add(rt.to()); // ALTER SEQUENCE … RENAME TO
        }
        Relation indexTable = indexTables.remove(rt.table().name());
        if (indexTable != null) {
            indexTables.put(rt.to(), indexTable); // ALTER INDEX … RENAME TO
        }
    }

    /** A UNIQUE / PRIMARY KEY constraint owns an index of its name (USING INDEX renames the index to it). */
    private void constraintIndex(Relation table, ConstraintDef k) {
        if (k.kind() == ConstraintDef.Kind.PRIMARY_KEY || k.kind() == ConstraintDef.Kind.UNIQUE) {
            k.usingIndex().ifPresent(ix -> indexTables.remove(ix));
            k.name().ifPresent(n -> indexTables.put(n, table));
        }
    }

    private void create(Action.CreateTable ct) {
        TableModel known = tables.get(ct.table().name());
        if (known != null && known.name().sameAs(ct.table())) {
            // It exists already (the catalog or an earlier statement says so): CREATE TABLE IF NOT EXISTS does
            // nothing, and without IF NOT EXISTS it fails. Either way the rows and the locks stay the existing
            // table's, so the catalog wins over the statement.
            return;
        }
        TableModel t = new TableModel(ct.table(), true);
        if (!ct.asSelect()) {
            t.columnsKnown();
        }
        for (ColumnDef c : ct.columns()) {
            addColumn(t, c);
            if (c.type().isSerial() || c.generated()) {
                newSequences.add(ct.table().name() + "_" + c.name() + "_seq");
            }
        }
        for (ConstraintDef k : ct.constraints()) {
            constraint(t, k);
            constraintIndex(ct.table(), k);
        }
        tables.put(ct.table().name(), t);
        created.add(ct.table().name());
    }

    private static void addColumn(TableModel t, ColumnDef c) {
        t.putColumn(c.name(), c.type());
        t.notNull(c.name(), c.notNull());
        if (c.primaryKey()) {
            t.primaryKey(List.of(c.name()));
        } else if (c.unique()) {
            t.addIndex(List.of(c.name()));
        }
    }

    private static void constraint(TableModel t, ConstraintDef k) {
        List<String> proven = k.provesNotNull();
        if (!proven.isEmpty()) {
            String suffix = k.kind() == ConstraintDef.Kind.NOT_NULL ? "_not_null" : "_check";
            t.notNullCheck(k.name().orElse(t.name().name() + "_" + proven.get(0) + suffix), proven, !k.notValid());
        }
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
