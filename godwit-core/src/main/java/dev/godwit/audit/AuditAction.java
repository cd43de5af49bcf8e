package dev.godwit.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an audit entry records. The table stores {@link #word()}, so renaming a constant is a format change. */
public enum AuditAction {
    RUN_STARTED, RUN_FINISHED, RUN_FAILED,
    MIGRATION_APPLIED, MIGRATION_FAILED, MIGRATION_REVERTED,
    LOCK_WAITED, REPAIR, BASELINE, CLEAN, CLEAN_REFUSED,
    /** A command refused for separation of duties (no ticket, or the approver is the actor). */
    REFUSED,
    BACKUP_CREATED, BACKUP_VERIFIED, BACKUP_RESTORED,
    /** {@code backup restore} failed or was interrupted (SIGINT/SIGTERM); details say which, and what was left. */
    BACKUP_RESTORE_FAILED,
    LINT_BLOCKED, LINT_ALLOWED, INTEGRITY_FAILED,
    /** {@code migrate --skip-preflight}: the readiness checks were skipped on purpose. */
    PREFLIGHT_SKIPPED,
    /** {@code snapshots restore}: a copy of destroyed data was put back, or into a new table. */
    SNAPSHOT_RESTORED,
    /** {@code snapshots prune}: copies older than a given age were dropped. */
    SNAPSHOTS_PRUNED,
    /** A batched backfill started or resumed, passed another 100 batches, stopped part-way, or finished. */
    BACKFILL_PROGRESS,
    /** A hook ran ({@code [[hooks]]} or a Flyway callback): where, how it ended, its redacted output's end. */
    HOOK_RAN;

    /** {@code migration_applied}: what the table stores and what {@code --action} takes. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a word as typed: {@code migration_applied}, {@code MIGRATION_APPLIED}, {@code migration-applied}. */
    public static Optional<AuditAction> fromWord(String word) {
        if (word == null) {
            return Optional.empty();
        }
        String w = word.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(a -> a.word().equals(w)).findFirst();
    }

    /** Every word, comma-separated: for error messages that list the choices. */
    public static String words() {
        return Arrays.stream(values()).map(AuditAction::word).collect(Collectors.joining(", "));
    }
}
