package dev.godwit.run;

import dev.godwit.lock.LockHolder;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.Version;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What a run tells its listeners (the CLI's output, later audit, metrics and reports). Core never prints. */
public sealed interface RunEvent {

    /** @param current the version before the run */
    record RunStarted(String runId, String database, int pending, Optional<Version> current) implements RunEvent {}

    /**
     * The pending migrations were linted; {@code findings} include the allowed ones, with their reasons.
     * With {@code gate} off ({@code [lint] gate = false}) findings at or above max_risk are reported only.
     */
    record Linted(List<dev.godwit.lint.Finding> findings, dev.godwit.config.Risk maxRisk, boolean gate)
            implements RunEvent {}

    /**
     * Before a statement that needs {@code lock}, other sessions hold or await a conflicting one: Godwit waits
     * without asking for it (so nobody queues behind Godwit) until they are gone.
     */
    record WaitingForQuiet(MigrationScript migration, String location, String lock, List<Blocker> holders)
            implements RunEvent {}

    /** {@code [preflight]}: the readiness checks before anything else; a FAIL ends the run (exit 8). */
    record PreflightChecked(dev.godwit.preflight.PreflightReport report) implements RunEvent {}

    /** {@code --skip-preflight}: the checks did not run, and the audit log says so. */
    record PreflightSkipped() implements RunEvent {}

    record LockWaiting(Optional<LockHolder> holder) implements RunEvent {}

    record LockAcquired(Duration waited) implements RunEvent {}

    /** {@code [backup] before_migrate}: a backup is being taken into {@code dir} before anything is applied. */
    record BackupStarted(String dir) implements RunEvent {}

    /** The backup was taken and passed {@code verification} (the checks, in words). */
    record BackupTaken(String id, String file, long bytes, boolean encrypted, String verification, Duration took)
            implements RunEvent {}

    record MigrationStarted(MigrationScript migration, Optional<String> nonTransactionalBecause) implements RunEvent {}

    /** A statement hit lock_timeout; the migration was rolled back and is tried again after {@code delay}. */
    record LockRetry(MigrationScript migration, String location, int attempt, int maxAttempts, Duration delay,
                     List<Blocker> blockers) implements RunEvent {}

    /** Before a statement that destroys data: the copy taken (or why none was). */
    record SnapshotTaken(MigrationScript migration, String location, dev.godwit.snapshot.SnapshotOutcome outcome)
            implements RunEvent {}

    record InvalidIndexDropped(MigrationScript migration, String index) implements RunEvent {}

    /** A migration's data invariants, checked before its COMMIT; {@code result} says what they cost in time. */
    record InvariantsChecked(MigrationScript migration, dev.godwit.integrity.GuardResult result) implements RunEvent {}

    /** What the run introduced to the schema that the financial schema audit finds wrong. */
    record SchemaAudited(dev.godwit.integrity.AuditResult result) implements RunEvent {}

    /**
     * A statement that has been running for a while, about once a second: where it is, how long it has run, what
     * PostgreSQL reports of its progress (index builds, CLUSTER / VACUUM FULL, COPY), and who blocks it, if anyone.
     *
     * @param statement its number in the file's statements, from 1
     * @param progress  e.g. "CREATE INDEX: building index: scanning table, 1200 of 5000 blocks (24%)"; empty when PostgreSQL
     *                  reports none for this kind of statement
     * @param fraction  the part done, 0 to 1, when PostgreSQL gives a total
     * @param blockedBy the sessions it waits for, in words; empty when it waits for none
     */
    record StatementRunning(MigrationScript migration, String location, int statement, int statements, Duration elapsed,
                            Optional<String> progress, Optional<Double> fraction, Optional<String> blockedBy)
            implements RunEvent {}

    /**
     * A batched backfill ({@code -- godwit:batch}) after a batch, about once a second: rows changed so far (over all
     * runs), the rate of this run, and the time left when the table's size gives an estimate.
     *
     * @param keysDone  keys walked so far (rows of the table, changed or not)
     * @param fraction  keys walked of the table's estimated rows, 0 to 1
     * @param resumed   this run went on from where an earlier one stopped
     * @param waited    how much of {@code elapsed} the throttles held the next batch back
     */
    record BackfillProgress(MigrationScript migration, long rowsDone, long keysDone, long batches,
                            Optional<String> lastKey, double rowsPerSecond, Optional<Double> fraction,
                            Optional<Duration> timeLeft, Duration elapsed, boolean resumed, Duration waited)
            implements RunEvent {}

    /** A batched backfill waits before its next batch, and why (replication lag, lock waits); about every 5 s. */
    record BackfillWaiting(MigrationScript migration, String reason, Duration waited) implements RunEvent {}

    record MigrationApplied(MigrationScript migration, Duration took, int attempts) implements RunEvent {}

    record MigrationFailed(MigrationScript migration, Failure failure) implements RunEvent {}

    /** A failed run is being reverted: {@code count} down scripts follow. */
    record RollingBack(int count) implements RunEvent {}

    record RunFinished(List<MigrationScript> applied, Optional<Version> current, Duration took) implements RunEvent {}

    /** A hook ran ({@code [[hooks]]}, or a Flyway callback file): how it ended, its output redacted. */
    record HookRan(dev.godwit.hooks.HookRun run) implements RunEvent {}

    /**
     * Where the server's WAL was at a moment of the run: {@code moment} is "run-start", "before", "after" (a
     * migration, named) or "run-end". The run-start position is the recovery target for the moment before the run.
     */
    record WalMarked(String moment, Optional<MigrationScript> migration, dev.godwit.pitr.WalPosition position)
            implements RunEvent {}
}
