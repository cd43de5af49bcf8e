package dev.godwit.api;

import dev.godwit.audit.AuditAction;
import dev.godwit.backup.BackupException;
import dev.godwit.backup.Backups;
import dev.godwit.backup.Manifest;
import dev.godwit.backup.Restored;
import dev.godwit.backup.Retention;
import dev.godwit.backup.Verification;
import dev.godwit.db.ConnectionSettings;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * {@code godwit backup}: verified, optionally encrypted pg_dump backups in {@code [backup] dir}. Each creation,
 * verification and restore is recorded in the audit log, as the CLI records it; a run stops cleanly when the
 * Godwit's cancellation is requested. What an interrupted earlier command left behind is removed first and listed in
 * {@link #swept()}.
 */
public final class BackupCommands {

    private final Godwit godwit;
    private final Backups backups;
    private final List<String> swept;
    private final List<String> warnings = new ArrayList<>();

    BackupCommands(Godwit godwit) {
        this.godwit = godwit;
        this.backups = new Backups(godwit.config(), godwit.cancellation());
        this.swept = backups.sweep();
    }

    /** What an interrupted earlier backup command left behind and was removed now. */
    public List<String> swept() {
        return swept;
    }

    /** Audit entries that could not be written (the backup itself is fine), in words. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** {@code backup create}: pg_dump on an exported snapshot, verified, encrypted when a key is set. */
    public Manifest create(Optional<String> label, boolean keep, Optional<Integer> jobs, LongConsumer bytesWritten) {
        if (jobs.isPresent() && (jobs.get() < 1 || jobs.get() > 64)) {
            throw new GodwitException(ExitCode.USAGE, "jobs must be from 1 to 64, not " + jobs.get());
        }
        String runId = Godwit.newRunId();
        Manifest m = call(() -> backups.create(new Backups.Request(label, keep, Manifest.MANUAL, runId, jobs),
                bytesWritten));
        audit(runId, "create", AuditAction.BACKUP_CREATED, Map.of("backup", m.id(), "sha256", m.sha256(), "file",
                m.file(), "encrypted", m.encrypted()));
        return m;
    }

    /** Where the backups are: the folder {@code [backup] dir}, or {@code s3://bucket/prefix/}. */
    public String where() {
        return godwit.config().backup().where();
    }

    /** Where a backup's file is: its path, or its object's URL. */
    public String locate(Manifest m) {
        return call(() -> backups.store().locate(m));
    }

    /** {@code backup keep ID [--off]}: marks a backup so that {@code prune} never removes it (or lifts the mark). */
    public Manifest keep(String id, boolean keep) {
        Manifest m = find(id);
        return call(() -> backups.keep(m, keep));
    }

    /** {@code backup list}: oldest first. */
    public List<Manifest> list() {
        return call(backups::list);
    }

    /** The backup with this id, or the one whose id starts with it. */
    public Manifest find(String id) {
        return call(() -> backups.find(id));
    }

    /**
     * {@code backup verify [--deep [--scratch-url]]}: checksum, decryption, pg_restore --list; deep restores it into
     * a scratch database ({@code scratch}: a server of your own, else an embedded PostgreSQL) and counts rows.
     */
    public Verification verify(String id, boolean deep, Optional<ConnectionSettings> scratch) {
        Manifest m = find(id);
        Verification v = call(() -> backups.verify(m, deep ? Optional.of(new Backups.Scratch(scratch))
                : Optional.empty()));
        if (v.ok()) {
            audit(Godwit.newRunId(), "verify", AuditAction.BACKUP_VERIFIED, Map.of("backup", m.id(), "sha256",
                    m.sha256(), "deep", deep));
        }
        return v;
    }

    /** {@code backup restore ID --into NEW_DB}: a new database on the same server. */
    public Restored restoreInto(String id, String database) {
        return restore(id, false, database);
    }

    /** {@code backup restore ID --replace --yes}: over the configured database, under the migration lock. */
    public Restored replace(String id) {
        return restore(id, true, godwit.config().connection().database());
    }

    private Restored restore(String id, boolean replace, String into) {
        Manifest m = find(id);
        String runId = Godwit.newRunId();
        Restored r;
        try {
            r = replace ? backups.replace(m, godwit.setup(runId, godwit.listener()).requester())
                    : backups.restoreInto(m, into);
        } catch (BackupException e) {
            if (e.kind() == BackupException.Kind.INTERRUPTED || e.kind() == BackupException.Kind.FAILED) {
                audit(runId, "restore", AuditAction.BACKUP_RESTORE_FAILED, Map.of("backup", m.id(), "into", into,
                        "replace", replace, "outcome", e.kind() == BackupException.Kind.INTERRUPTED ? "interrupted"
                                : "failed", "reason", godwit.redact(e.getMessage())));
            }
            throw failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ExitCode.BACKUP, "the restore was interrupted");
        }
        audit(runId, "restore", AuditAction.BACKUP_RESTORED, Map.of("backup", m.id(), "sha256", m.sha256(), "into",
                r.database(), "replace", replace));
        return r;
    }

    /** {@code backup prune [--dry-run]}: what the rules remove; removed only when {@code apply}. */
    public Retention.Plan prune(Retention.Rules rules, boolean apply) {
        return call(() -> backups.prune(rules, apply));
    }

    private interface Call<T> {
        T run() throws BackupException, InterruptedException;
    }

    private <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (BackupException e) {
            throw failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ExitCode.BACKUP, "the backup command was interrupted");
        }
    }

    /** A backup problem with the exit code the CLI prints for it. */
    GodwitException failure(BackupException e) {
        int code = switch (e.kind()) {
            case NOT_FOUND, REFUSED -> ExitCode.USAGE;
            case LOCKED -> ExitCode.LOCK_TIMEOUT;
            // An interrupted command's process then exits 128 + the signal (130, 143), as after any clean stop.
            case FAILED, INTERRUPTED -> ExitCode.BACKUP;
        };
        return new BackupFailedException(code, godwit.redact(e.getMessage()), e);
    }

    /** A failed backup command; {@link #interrupted()} when a stop was asked for. */
    public static final class BackupFailedException extends GodwitException {
        private final boolean interrupted;

        BackupFailedException(int code, String message, BackupException cause) {
            super(code, message, List.of(), cause);
            this.interrupted = cause.kind() == BackupException.Kind.INTERRUPTED;
        }

        public boolean interrupted() {
            return interrupted;
        }
    }

    /** An audit log that cannot be written is a warning, not a failure: the backup itself is done. */
    private void audit(String runId, String sub, AuditAction action, Map<String, Object> details) {
        try (Connection c = godwit.connector().open()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("command", "backup " + sub);
            d.put("database", godwit.config().connection().display());
            godwit.config().environment().ifPresent(e -> d.put("environment", e));
            d.putAll(details);
            godwit.auditLog().append(c, action, runId, null, godwit.actor(), d);
        } catch (Exception e) {
            warnings.add("the audit log could not record " + action.word() + ": " + godwit.redact(e.getMessage()));
        }
    }
}
