package dev.godwit.snapshot;

/** What happened before one statement, for each thing it destroys that held data. */
public sealed interface SnapshotOutcome {

    /** The data was copied. */
    record Taken(Snapshot snapshot) implements SnapshotOutcome {}

    /** The data was not copied, and why: too many rows, or the copy itself failed. */
    record Skipped(String table, String why) implements SnapshotOutcome {}
}
