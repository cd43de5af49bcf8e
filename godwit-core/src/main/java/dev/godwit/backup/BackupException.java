package dev.godwit.backup;

/**
 * A backup command that could not do what was asked, said for people: what failed, where, what to do.
 * {@link Kind} decides the exit code: a bad request (2) or a backup that failed or did not verify (7).
 */
public final class BackupException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * NOT_FOUND and REFUSED are the user's to fix (exit 2); LOCKED: the migration lock was not free in time
     * (exit 3); FAILED: the backup, its verification or its restore failed (exit 7); INTERRUPTED: a stop request
     * (SIGINT/SIGTERM) ended it, its child process stopped and its files removed.
     */
    public enum Kind { NOT_FOUND, REFUSED, LOCKED, FAILED, INTERRUPTED }

    private final Kind kind;

    public BackupException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
        this.kind = Kind.FAILED;
    }

    public static BackupException failed(String message) {
        return new BackupException(Kind.FAILED, message);
    }

    public Kind kind() {
        return kind;
    }
}
