package dev.godwit.lint;

import dev.godwit.sql.analysis.Relation;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Index name → its table, for the indexes statements created (DROP INDEX names only the index), also by table
 * name, so that renaming or dropping a table looks at its own indexes rather than at every index known (which
 * made a long history of migrations quadratic in its renames).
 */
final class IndexTables {

    private final Map<String, Relation> tableOf = new HashMap<>();
    private final Map<String, Set<String>> byTableName = new HashMap<>();

    /** An independent copy, for linting on from here on another thread. */
    IndexTables copy() {
        IndexTables c = new IndexTables();
        tableOf.forEach(c::put);
        return c;
    }

    Optional<Relation> get(String index) {
        return Optional.ofNullable(tableOf.get(index));
    }

    void put(String index, Relation table) {
        remove(index);
        tableOf.put(index, table);
        byTableName.computeIfAbsent(table.name(), n -> new LinkedHashSet<>()).add(index);
    }

    /** Forgets {@code index}; returns the table it was on, or null. */
    Relation remove(String index) {
        Relation table = tableOf.remove(index);
        if (table != null) {
            Set<String> same = byTableName.get(table.name());
            same.remove(index);
            if (same.isEmpty()) {
                byTableName.remove(table.name());
            }
        }
        return table;
    }

    /** Every index on a table {@link Relation#sameAs} {@code from} is now on {@code to}. */
    void moveTable(Relation from, Relation to) {
        for (String index : on(from)) {
            put(index, to);
        }
    }

    /** Forgets the indexes on tables {@link Relation#sameAs} one of {@code dropped}. */
    void dropTables(List<Relation> dropped) {
        for (Relation table : dropped) {
            on(table).forEach(this::remove);
        }
    }

    /** The indexes on a table {@code sameAs} {@code table}: only those on a table of its name can be. */
    private List<String> on(Relation table) {
        Set<String> same = byTableName.getOrDefault(table.name(), Set.of());
        return same.stream().filter(ix -> tableOf.get(ix).sameAs(table)).toList();
    }
}
