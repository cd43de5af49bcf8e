package dev.godwit.preflight;

import dev.godwit.config.PreflightSettings;

import dev.godwit.backup.BackupException;
import dev.godwit.backup.BackupStore;
import dev.godwit.backup.Manifest;
import dev.godwit.config.BackupSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Room for a backup, and how old the newest verified one is. */
final class BackupChecks {

    private final PreflightSettings s;
    private final BackupSettings backup;

    BackupChecks(PreflightSettings s, BackupSettings backup) {
        this.s = s;
        this.backup = backup;
    }

    /**
     * Free space where backups go against the database's size (a dump is usually smaller, never much
     * larger). Only fails when {@code migrate} would take a backup ({@code [backup] before_migrate}).
     */
    Check disk(Connection c) throws SQLException {
        long size;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select pg_database_size(current_database())")) {
            rs.next();
            size = rs.getLong(1);
        }
        if (backup.location().isPresent() && backup.jobs() == 1) {
            return new Check("disk", Status.PASS, "backups stream to " + backup.where() + " without a local copy"
                    + " (database " + mb(size) + ")", "", List.of());
        }
        long free;
        try {
            free = Files.getFileStore(existingAncestor(backup.dir())).getUsableSpace();
        } catch (IOException e) {
            return new Check("disk", Status.WARN, "cannot tell the free space for " + backup.dir() + ": "
                    + e.getMessage(), "", List.of());
        }
        long percent = size == 0 ? Long.MAX_VALUE : free * 100 / size;
        Status status = Status.PASS;
        if (s.diskFailPercent() > 0 && percent < s.diskFailPercent()) {
            status = backup.beforeMigrate() ? Status.FAIL : Status.WARN;
        } else if (s.diskWarnPercent() > 0 && percent < s.diskWarnPercent()) {
            status = Status.WARN;
        }
        return new Check("disk", status, mb(free) + " free for " + backup.dir() + ", database " + mb(size)
                + (size == 0 ? "" : percent >= 1000 ? " (free space is " + percent / 100 + " times its size)"
                        : " (free space is " + percent + "% of its size)"), "warn under "
                + ServerChecks.off(s.diskWarnPercent()) + ", fail under " + ServerChecks.off(s.diskFailPercent())
                + (backup.beforeMigrate() ? "" : " (only warns: [backup] before_migrate is off)"), List.of());
    }

    Check newestBackup(Instant now) {
        Optional<Manifest> newest;
        try {
            newest = newestVerified(backup);
        } catch (BackupException e) {
            return new Check("backup-age", Status.WARN, e.getMessage(), "", List.of());
        }
        String threshold = "warn at " + ServerChecks.off(s.backupWarnAge()) + ", fail at "
                + ServerChecks.off(s.backupFailAge()) + (backup.beforeMigrate() ? "; migrate takes one first" : "");
        if (newest.isEmpty()) {
            Status status = backup.beforeMigrate() ? Status.PASS
                    : !s.backupFailAge().isZero() ? Status.FAIL : s.backupWarnAge().isZero() ? Status.PASS : Status.WARN;
            return new Check("backup-age", status, "no verified backup in " + backup.where(), threshold, List.of());
        }
        Duration age = Duration.between(newest.get().created(), now);
        Status status = backup.beforeMigrate() ? Status.PASS
                : ServerChecks.level(age, s.backupWarnAge(), s.backupFailAge());
        return new Check("backup-age", status, "newest verified backup " + newest.get().id() + " is "
                + Backend.format(age) + " old", threshold, List.of());
    }

    /** The newest backup in the store that passed {@code verify} (a pre-migrate backup always did). */
    public static Optional<Manifest> newestVerified(dev.godwit.config.BackupSettings settings) throws BackupException {
        try (BackupStore store = BackupStore.of(settings)) {
            return store.list().stream().filter(m -> m.lastVerified().isPresent())
                    .max(Comparator.comparing(Manifest::created));
        }
    }

    private static Path existingAncestor(Path p) {
        Path at = p.toAbsolutePath();
        while (at != null && !Files.exists(at)) {
            at = at.getParent();
        }
        return at == null ? Path.of("/") : at;
    }

    private static String mb(long bytes) {
        return bytes >= 10L << 30 ? (bytes >> 30) + " GB" : bytes >= 10L << 20 ? (bytes >> 20) + " MB"
                : (bytes >> 10) + " kB";
    }
}
