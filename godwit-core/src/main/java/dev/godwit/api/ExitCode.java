package dev.godwit.api;

import dev.godwit.run.RunOutcome;

/**
 * The exit codes, the same for every command and every client: the CLI exits with them, the Java API's results and
 * exceptions carry them, and the README's "Exit codes" table lists them.
 */
public final class ExitCode {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int LOCK_TIMEOUT = 3;
    public static final int VALIDATION = 4;
    public static final int SAFETY_GATE = 5;
    public static final int INTEGRITY = 6;
    public static final int BACKUP = 7;
    public static final int NOT_READY = 8;
    /** {@code godwit await}: the timeout passed before the database reached the version. */
    public static final int AWAIT_TIMEOUT = 9;
    public static final int INTERNAL = 10;
    /** A before_run, before_each or before_rollback hook failed or timed out; nothing more was applied. */
    public static final int HOOK_FAILED = 11;
    /** A batched backfill stopped at its max_runtime; the next `godwit migrate` resumes it (docs/backfills.md). */
    public static final int BACKFILL_PAUSED = 12;

    private ExitCode() {}

    /** The exit code of a run's outcome; the compiler checks that every kind of outcome has one. */
    public static int of(RunOutcome outcome) {
        return outcome.accept(new RunOutcome.Visitor<Integer>() {
            public Integer done(RunOutcome.Done d) {
                return OK;
            }

            public Integer invalid(RunOutcome.Invalid i) {
                return VALIDATION;
            }

            public Integer blocked(RunOutcome.Blocked b) {
                return SAFETY_GATE;
            }

            public Integer notReady(RunOutcome.NotReady n) {
                return NOT_READY;
            }

            public Integer backupFailed(RunOutcome.BackupFailed b) {
                return BACKUP;
            }

            public Integer refused(RunOutcome.Refused r) {
                return USAGE;
            }

            public Integer interrupted(RunOutcome.Interrupted i) {
                return FAILED;
            }

            public Integer lockTimedOut(RunOutcome.LockTimedOut t) {
                return LOCK_TIMEOUT;
            }

            public Integer failed(RunOutcome.Failed f) {
                if (f.failure().backfillPaused()) {
                    return BACKFILL_PAUSED;
                }
                return f.failure().integrity() ? INTEGRITY : FAILED;
            }

            public Integer hookFailed(RunOutcome.HookFailed h) {
                return HOOK_FAILED;
            }
        });
    }
}
