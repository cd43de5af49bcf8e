package dev.godwit.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One copy of data a statement destroyed, as recorded in {@code <schema>.snapshots}.
 *
 * @param name        the copy's table name inside the snapshot schema
 * @param version     the migration's version; null for a repeatable migration
 * @param line        the line of the statement in {@code script}
 * @param sourceTable the table the data came from, as PostgreSQL prints it
 * @param columns     the columns copied; empty means whole rows
 * @param reason      {@link DataLoss#describe()} of what the statement destroyed
 * @param rows        rows in the copy
 */
public record Snapshot(String name, String runId, String version, String script, int line, String sourceTable,
        List<String> columns, String reason, long rows, Instant createdAt) {

    public Snapshot {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }
}
