package dev.godwit.lint;

import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.TypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the linter knows of one table: its columns, indexes and whether this run created it. */
public final class TableModel {

    private final Relation name;
    private final boolean createdInRun;
    private final Map<String, TypeName> columns = new LinkedHashMap<>();
    private final List<List<String>> indexes = new ArrayList<>();
    private List<String> primaryKey = List.of();

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

    void putColumn(String column, TypeName type) {
        columns.put(column, type);
    }

    void dropColumn(String column) {
        columns.remove(column);
    }

    void renameColumn(String from, String to) {
        TypeName t = columns.remove(from);
        if (t != null) {
            columns.put(to, t);
        }
    }

    void addIndex(List<String> cols) {
        if (!cols.isEmpty()) {
            indexes.add(List.copyOf(cols));
        }
    }

    void primaryKey(List<String> cols) {
        primaryKey = List.copyOf(cols);
        addIndex(cols);
    }

    TableModel copy(Relation newName, boolean created) {
        TableModel t = new TableModel(newName, created);
        t.columns.putAll(columns);
        indexes.forEach(t.indexes::add);
        t.primaryKey = primaryKey;
        return t;
    }
}
