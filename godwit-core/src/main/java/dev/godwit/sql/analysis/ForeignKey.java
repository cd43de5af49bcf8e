package dev.godwit.sql.analysis;

import java.util.List;
import java.util.Objects;

/** {@code REFERENCES table (columns)}: the columns may be empty, meaning the referenced table's primary key. */
public record ForeignKey(Relation table, List<String> columns) {

    public ForeignKey {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
    }
}
