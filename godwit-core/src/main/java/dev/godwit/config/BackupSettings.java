package dev.godwit.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The resolved {@code [backup]} settings.
 *
 * @param dir           where backups and their manifests go (absolute)
 * @param beforeMigrate {@code migrate} takes and verifies a backup before applying anything pending
 *                      (default: true in an environment named {@code production})
 * @param deepVerify    that backup is also restored into a scratch database and its row counts compared
 * @param pgBinDir      a folder holding {@code pg_dump} and {@code pg_restore}, looked at first
 * @param key           the encryption key ({@code GODWIT_BACKUP_KEY} or {@code key_file}); none: plain backups
 * @param keepLast      {@code prune} keeps this many newest backups; 0: no count limit
 * @param maxAge        {@code prune} removes backups older than this; zero: no age limit
 * @param jobs          1: one custom-format file; more: pg_dump's directory format with that many jobs
 * @param location      {@code [backup] location}: an S3-compatible bucket instead of {@code dir}; empty: the folder
 */
public record BackupSettings(Path dir, boolean beforeMigrate, boolean deepVerify, Optional<Path> pgBinDir,
                             Optional<BackupKey> key, int keepLast, Duration maxAge, int jobs, Encryption encryption,
                             Optional<BackupLocation> location) {

    /** Backups in the folder {@code dir}. */
    public BackupSettings(Path dir, boolean beforeMigrate, boolean deepVerify, Optional<Path> pgBinDir,
                          Optional<BackupKey> key, int keepLast, Duration maxAge, int jobs, Encryption encryption) {
        this(dir, beforeMigrate, deepVerify, pgBinDir, key, keepLast, maxAge, jobs, encryption, Optional.empty());
    }

    /** Where backups go, as messages say it: the folder, or {@code s3://bucket/prefix/}. */
    public String where() {
        return location.map(BackupLocation::display).orElse(dir.toString());
    }

    /**
     * {@code [backup] encryption}: {@code auto} encrypts when a key is set and refuses a plaintext backup of the
     * environment named production; {@code required} refuses one anywhere; {@code none} says plaintext is meant.
     */
    public enum Encryption { AUTO, REQUIRED, NONE }

    /** Why a backup may not be written in plaintext here, when it may not: a key is missing where one is needed. */
    public Optional<String> plaintextRefusal(Optional<String> environment) {
        if (key.isPresent() || encryption == Encryption.NONE) {
            return Optional.empty();
        }
        boolean production = environment.filter("production"::equals).isPresent();
        if (encryption == Encryption.REQUIRED || production) {
            return Optional.of("refusing to write an unencrypted backup" + (production ? " of the production"
                    + " environment" : "") + " (a full copy of the data) to " + where() + ": set GODWIT_BACKUP_KEY or"
                    + " [backup] key_file, or set [backup] encryption = \"none\" if plaintext is intended");
        }
        return Optional.empty();
    }

    public BackupSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(pgBinDir, "pgBinDir");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(location, "location");
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
    }

    /** No backup before migrating, plain backups in {@code ./backups}, no retention limits. */
    public static BackupSettings defaults() {
        return defaults(Path.of("backups").toAbsolutePath());
    }

    public static BackupSettings defaults(Path dir) {
        return new BackupSettings(dir, false, false, Optional.empty(), Optional.empty(), 0, Duration.ZERO, 1,
                Encryption.AUTO);
    }

    public BackupSettings withDir(Path d) {
        return new BackupSettings(d, beforeMigrate, deepVerify, pgBinDir, key, keepLast, maxAge, jobs,
                encryption, location);
    }

    public BackupSettings withBeforeMigrate(boolean on) {
        return new BackupSettings(dir, on, deepVerify, pgBinDir, key, keepLast, maxAge, jobs, encryption, location);
    }

    public BackupSettings withKey(Optional<BackupKey> k) {
        return new BackupSettings(dir, beforeMigrate, deepVerify, pgBinDir, k, keepLast, maxAge, jobs,
                encryption, location);
    }

    public BackupSettings withPgBinDir(Optional<Path> bin) {
        return new BackupSettings(dir, beforeMigrate, deepVerify, bin, key, keepLast, maxAge, jobs,
                encryption, location);
    }

    public BackupSettings withRetention(int last, Duration age) {
        return new BackupSettings(dir, beforeMigrate, deepVerify, pgBinDir, key, last, age, jobs, encryption, location);
    }

    public BackupSettings withJobs(int n) {
        return new BackupSettings(dir, beforeMigrate, deepVerify, pgBinDir, key, keepLast, maxAge, n,
                encryption, location);
    }

    public BackupSettings withLocation(Optional<BackupLocation> l) {
        return new BackupSettings(dir, beforeMigrate, deepVerify, pgBinDir, key, keepLast, maxAge, jobs, encryption, l);
    }

    public BackupSettings withDeepVerify(boolean on) {
        return new BackupSettings(dir, beforeMigrate, on, pgBinDir, key, keepLast, maxAge, jobs, encryption, location);
    }
}
