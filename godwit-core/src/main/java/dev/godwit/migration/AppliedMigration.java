package dev.godwit.migration;

import java.time.Instant;

/**
 * One row of Godwit's history table.
 *
 * @param version null for repeatable migrations
 * @param failure for a failed non-transactional migration: the statement it stopped at; otherwise null
 * @param note what a repair changed and why; otherwise null
 * @param downChecksum the checksum of the down script when the migration was applied, so that a down script
 *     edited after deployment is caught before it runs; null when there was none
 */
public record AppliedMigration(int rank, Version version, String description, MigrationKind kind, String script,
                               String checksum, String appliedBy, Instant appliedAt, long executionMs,
                               boolean success, String runId, String failure, String note,
                               String downChecksum) {

    public String label() {
        return switch (kind) {
            case REPEATABLE -> "R " + description;
            case BASELINE -> "B" + version + " " + description;
            case UNDO -> "U" + version + " " + description;
            case VERSIONED -> "V" + version + " " + description;
        };
    }
}
