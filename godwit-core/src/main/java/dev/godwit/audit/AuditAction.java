package dev.godwit.audit;

/** Provisional: replaced by the audit branch. */
public enum AuditAction {
    RUN_STARTED, RUN_FINISHED, RUN_FAILED, MIGRATION_APPLIED, MIGRATION_FAILED, MIGRATION_REVERTED, LOCK_WAITED,
    REPAIR, BASELINE, CLEAN, CLEAN_REFUSED, REFUSED, SNAPSHOT_TAKEN, BACKUP_CREATED, BACKUP_VERIFIED,
    BACKUP_RESTORED, LINT_BLOCKED, LINT_ALLOWED, INTEGRITY_FAILED;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
