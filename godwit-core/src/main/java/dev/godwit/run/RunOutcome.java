package dev.godwit.run;

import dev.godwit.lock.LockTimeoutException;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.Version;
import java.util.List;
import java.util.Optional;

/**
 * How a `migrate` or `rollback` ended. Each kind maps to one exit code. Code that handles every kind does it through
 * {@link #accept(Visitor)}: adding a kind then fails to compile wherever it is not handled, instead of falling
 * through an {@code instanceof} chain at run time.
 */
public sealed interface RunOutcome {

    /** One method per kind of outcome. */
    interface Visitor<R> {
        R done(Done d);

        R invalid(Invalid i);

        R blocked(Blocked b);

        R notReady(NotReady n);

        R backupFailed(BackupFailed b);

        R refused(Refused r);

        R interrupted(Interrupted i);

        R lockTimedOut(LockTimedOut t);

        R failed(Failed f);

        R hookFailed(HookFailed h);
    }

    <R> R accept(Visitor<R> v);

    /** Nothing was applied, for whatever reason (every kind but {@link Done} and {@link Failed}). */
    default boolean changedNothing() {
        return !(this instanceof Done) && !(this instanceof Failed)
                && !(this instanceof HookFailed h && !h.appliedBefore().isEmpty());
    }

    /** Everything asked for was applied (or reverted); {@code applied} is empty when there was nothing to do. */
    record Done(List<MigrationScript> applied, Optional<Version> current) implements RunOutcome {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.done(this);
        }
    }

    /**
     * Nothing was applied: the files or the history are not in a state to migrate from. {@code problems} in words;
     * {@link #details()} the same as records with their file and line.
     */
    record Invalid(List<String> problems) implements RunOutcome {
        public List<Problem> details() {
            return problems.stream().map(Problem::of).toList();
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.invalid(this);
        }
    }

    /**
     * Nothing was applied: pending migrations have lint findings at or above {@code [lint] max_risk} that
     * their files do not allow.
     */
    record Blocked(List<dev.godwit.lint.Finding> blocking, dev.godwit.config.Risk maxRisk) implements RunOutcome {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.blocked(this);
        }
    }

    /** Nothing was applied: a readiness check failed ({@code [preflight]}; exit 8). */
    record NotReady(dev.godwit.preflight.PreflightReport report) implements RunOutcome {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.notReady(this);
        }
    }

    /** Nothing was applied: the backup taken before migrating failed or did not verify. */
    record BackupFailed(String message) implements RunOutcome {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.backupFailed(this);
        }
    }

    /**
     * Nothing was applied: the run cannot work safely with this configuration (a transaction-mode pooler in front
     * of the database; a role without a privilege on Godwit's own tables). Exit 2, with what to configure.
     */
    record Refused(String message) implements RunOutcome {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.refused(this);
        }
    }

    /** Nothing was applied: the run was asked to stop (SIGINT, SIGTERM) before it applied anything. */
    record Interrupted(String reason, String during) implements RunOutcome {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.interrupted(this);
        }
    }

    /** Nothing was applied: another run held the migration lock for the whole wait. */
    record LockTimedOut(LockTimeoutException cause) implements RunOutcome {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.lockTimedOut(this);
        }
    }

    /**
     * {@code failed} failed (its own transaction rolled back when it had one).
     *
     * @param appliedBefore what this run applied before it
     * @param reverted what was then reverted with down scripts ([safety] on_failure = "rollback-run")
     * @param notReverted why the rest of {@code appliedBefore} stays applied, one sentence each; empty when
     *     everything was reverted or nothing had been applied
     */
    record Failed(MigrationScript failed, Failure failure, List<MigrationScript> appliedBefore,
                  List<MigrationScript> reverted, List<String> notReverted) implements RunOutcome {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.failed(this);
        }
    }

    /**
     * A "before" hook (before_run, before_each, before_rollback) failed or timed out: the run stopped there, before
     * applying anything more (exit 11). {@code appliedBefore}: what this run had applied before a before_each hook
     * failed; it stays applied.
     */
    record HookFailed(dev.godwit.hooks.HookRun hook, List<MigrationScript> appliedBefore) implements RunOutcome {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.hookFailed(this);
        }
    }
}
