package dev.godwit.lint;

import dev.godwit.config.MoneyNames;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.TypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What the linter knows of one table: its columns, indexes and whether this run created it. */
public final class TableModel {

    private final Relation name;
    private final boolean createdInRun;
    private final Map<String, TypeName> columns = new LinkedHashMap<>();
    /** {@link #summedMoneyColumns}, for {@link #moneyNames}; null after a column changed. */
    private List<String> moneyColumns;
    private MoneyNames moneyNames;
    private final List<List<String>> indexes = new ArrayList<>();
    private List<String> primaryKey = List.of();
    private final Set<String> notNull = new TreeSet<>();
    private final Map<String, NotNullCheck> notNullChecks = new LinkedHashMap<>();
    /** How big the catalog says the table is; empty without a database. */
    private Optional<TableSize> size = Optional.empty();
    /** Every column is known (from the catalog or CREATE TABLE), not only those statements mentioned. */
    private boolean allColumnsKnown;

    /** A constraint that proves columns NOT NULL ({@code CHECK (col IS NOT NULL)}, {@code NOT NULL col}). */
    private record NotNullCheck(List<String> columns, boolean validated) {}

    TableModel(Relation name, boolean createdInRun) {
        this.name = name;
        this.createdInRun = createdInRun;
    }

    public Relation name() {
        return name;
    }

    /** True when a statement earlier in this run created it: it is empty and nobody else uses it yet. */
    public boolean createdInRun() {
        return createdInRun;
    }

    /** True when the table's columns are all known and {@code column} is not one of them. */
    public boolean lacksColumn(String column) {
        return allColumnsKnown && !columns.containsKey(column);
    }

    public Optional<TableSize> size() {
        return size;
    }

    void size(TableSize s) {
        size = Optional.of(s);
    }

    void columnsKnown() {
        allColumnsKnown = true;
    }

    /** The known columns and their types, in order. */
    public Map<String, TypeName> columns() {
        return java.util.Collections.unmodifiableMap(columns);
    }

    /**
     * The columns the built-in integrity checks sum (a numeric, float or money type, and a money name or the
     * money type), kept until a column changes: asked for every INSERT and DELETE of the table.
     */
    public List<String> summedMoneyColumns(MoneyNames names) {
        if (moneyColumns == null || names != moneyNames && !names.equals(moneyNames)) {
            List<String> out = new ArrayList<>();
            columns.forEach((name, type) -> {
                if (summedMoney(name, type, names)) {
                    out.add(name);
                }
            });
            moneyColumns = List.copyOf(out);
            moneyNames = names;
        }
        return moneyColumns;
    }

    /** True for a column the built-in integrity checks sum. */
    public static boolean summedMoney(String name, TypeName type, MoneyNames names) {
        boolean summed = !type.array() && (type.is("numeric") || type.is("real") || type.is("double precision")
                || type.is("money"));
        return summed && (type.is("money") || names.matches(name));
    }

    public Optional<TypeName> column(String column) {
        return Optional.ofNullable(columns.get(column));
    }

    public List<String> primaryKey() {
        return primaryKey;
    }

    /** True when an index (or PK / UNIQUE) has {@code cols} as its leading columns, in any order. */
    public boolean hasIndexLeadingWith(List<String> cols) {
        for (List<String> ix : indexes) {
            if (ix.size() >= cols.size() && List.copyOf(ix.subList(0, cols.size())).containsAll(cols)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code column} is known to be NOT NULL already (created so, SET NOT NULL, a primary key). */
    public boolean isNotNull(String column) {
        return notNull.contains(column);
    }

    /**
     * True when a validated constraint ({@code CHECK (column IS NOT NULL)}, {@code NOT NULL column}) proves that
     * {@code column} holds no NULL, so that SET NOT NULL skips its scan (PostgreSQL 12+).
     */
    public boolean notNullProvenByConstraint(String column) {
        return notNullChecks.values().stream().anyMatch(k -> k.validated() && k.columns().contains(column));
    }

    void notNull(String column, boolean isNotNull) {
        if (isNotNull) {
            notNull.add(column);
        } else {
            notNull.remove(column);
        }
    }

    /** Records a constraint that proves {@code columns} NOT NULL once validated. */
    void notNullCheck(String constraint, List<String> columns, boolean validated) {
        if (!columns.isEmpty()) {
            notNullChecks.put(constraint, new NotNullCheck(List.copyOf(columns), validated));
        }
    }

    void validateConstraint(String constraint) {
        notNullChecks.computeIfPresent(constraint, (k, c) -> new NotNullCheck(c.columns(), true));
    }

    void dropConstraint(String constraint) {
        notNullChecks.remove(constraint);
    }

    void renameConstraint(String from, String to) {
        NotNullCheck c = notNullChecks.remove(from);
        if (c != null) {
            notNullChecks.put(to, c);
        }
    }

    void putColumn(String column, TypeName type) {
        moneyColumns = null;
        columns.put(column, type);
    }

    void dropColumn(String column) {
        moneyColumns = null;
        columns.remove(column);
        notNull.remove(column);
        notNullChecks.values().removeIf(c -> c.columns().contains(column));
    }

    void renameColumn(String from, String to) {
        moneyColumns = null;
        TypeName t = columns.remove(from);
        if (t != null) {
            columns.put(to, t);
        }
        if (notNull.remove(from)) {
            notNull.add(to);
        }
        notNullChecks.replaceAll((k, c) -> new NotNullCheck(
                c.columns().stream().map(col -> col.equals(from) ? to : col).toList(), c.validated()));
    }

    void addIndex(List<String> cols) {
        if (!cols.isEmpty()) {
            indexes.add(List.copyOf(cols));
        }
    }

    void primaryKey(List<String> cols) {
        primaryKey = List.copyOf(cols);
        notNull.addAll(cols);
        addIndex(cols);
    }

    TableModel copy(Relation newName, boolean created) {
        TableModel t = new TableModel(newName, created);
        t.columns.putAll(columns);
        indexes.forEach(t.indexes::add);
        t.primaryKey = primaryKey;
        t.notNull.addAll(notNull);
        t.notNullChecks.putAll(notNullChecks);
        t.allColumnsKnown = allColumnsKnown;
        t.size = size;
        return t;
    }
}
