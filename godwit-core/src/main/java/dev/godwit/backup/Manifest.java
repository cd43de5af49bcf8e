package dev.godwit.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code <id>.json} beside each backup says about it. {@code sha256} and {@code size} are those of the
 * backup file as written (encrypted when {@code encrypted}), so {@code sha256sum} checks it by hand.
 *
 * @param file             the backup's file name in the backup folder
 * @param format           {@code custom} (pg_dump -Fc) or {@code directory} (pg_dump -Fd, kept as one tar file)
 * @param migrationVersion Godwit's current version in the dumped snapshot; null when none was applied
 * @param purpose          {@code manual} or {@code pre-migrate}
 * @param rowCounts        {@code schema.table} to its exact row count, in the snapshot that was dumped
 * @param verified         the last successful verification; null when never verified
 * @param wal              the server's WAL position just before the dump's snapshot (point-in-time recovery to the
 *                         backup's moment); null when the server could not say, or the backup predates it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(int manifestVersion, String id, String database, String serverVersion, int serverMajor,
                       String pgDumpVersion, String migrationVersion, String createdAt, long size, String sha256,
                       boolean encrypted, String keyId, String format, int jobs, String file, String label,
                       boolean keep, String purpose, String runId, Map<String, Long> rowCounts, Verified verified,
                       dev.godwit.pitr.WalPosition wal) {

    /** Without a WAL position. */
    public Manifest(int manifestVersion, String id, String database, String serverVersion, int serverMajor,
                    String pgDumpVersion, String migrationVersion, String createdAt, long size, String sha256,
                    boolean encrypted, String keyId, String format, int jobs, String file, String label,
                    boolean keep, String purpose, String runId, Map<String, Long> rowCounts, Verified verified) {
        this(manifestVersion, id, database, serverVersion, serverMajor, pgDumpVersion, migrationVersion, createdAt,
                size, sha256, encrypted, keyId, format, jobs, file, label, keep, purpose, runId, rowCounts, verified,
                null);
    }

    public static final int VERSION = 1;
    public static final String PRE_MIGRATE = "pre-migrate";
    public static final String MANUAL = "manual";

    /** When a backup last passed {@code verify}, and whether that restored it ({@code --deep}). */
    public record Verified(String at, boolean deep) {}

    public Instant created() {
        return Instant.parse(createdAt);
    }

    public Optional<Verified> lastVerified() {
        return Optional.ofNullable(verified);
    }

    public long totalRows() {
        return rowCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    public Manifest withKeep(boolean k) {
        return new Manifest(manifestVersion, id, database, serverVersion, serverMajor, pgDumpVersion, migrationVersion,
                createdAt, size, sha256, encrypted, keyId, format, jobs, file, label, k, purpose, runId, rowCounts,
                verified, wal);
    }

    public Manifest withVerified(Verified v) {
        return new Manifest(manifestVersion, id, database, serverVersion, serverMajor, pgDumpVersion, migrationVersion,
                createdAt, size, sha256, encrypted, keyId, format, jobs, file, label, keep, purpose, runId, rowCounts,
                v, wal);
    }

    public Manifest withWal(dev.godwit.pitr.WalPosition position) {
        return new Manifest(manifestVersion, id, database, serverVersion, serverMajor, pgDumpVersion, migrationVersion,
                createdAt, size, sha256, encrypted, keyId, format, jobs, file, label, keep, purpose, runId, rowCounts,
                verified, position);
    }
}
