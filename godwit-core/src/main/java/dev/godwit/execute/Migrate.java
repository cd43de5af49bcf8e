package dev.godwit.execute;

import dev.godwit.run.RunEvent;
import dev.godwit.run.Failure;
import dev.godwit.run.RunOutcome;
import dev.godwit.db.ConnectFailure;
import dev.godwit.history.HistoryTable;
import dev.godwit.integrity.SchemaAudit;
import dev.godwit.snapshot.Snapshots;
import dev.godwit.lock.LockTimeoutException;
import dev.godwit.lock.MigrationLock;
import dev.godwit.lint.LintReport;
import dev.godwit.migration.MigrationPlan;
import dev.godwit.migration.Version;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * {@code godwit migrate}: an ordered list of small steps, each of which either lets the run go on or ends
 * it with an outcome. Later guards (lint gate, backup, invariants) are more steps in this list.
 */
public final class Migrate {

    /** One stage of the pipeline. */
    @FunctionalInterface
    interface Step {
        Optional<RunOutcome> run(RunContext ctx) throws SQLException, InterruptedException;
    }

    private final RunSetup setup;
    private boolean skipPreflight;

    public Migrate(RunSetup setup) {
        this.setup = setup;
    }

    /** {@code --skip-preflight}: no readiness checks; the run's audit log records that they were skipped. */
    public Migrate skippingPreflight(boolean skip) {
        this.skipPreflight = skip;
        return this;
    }

    static List<Step> steps() {
        return List.of(Migrate::validate, PreflightStep::run, Migrate::lintGate, Migrate::lock,
                Migrate::replanUnderLock, BackupStep::run, Migrate::auditStart, Migrate::applyThenAuditSchema);
    }

    public RunOutcome run(Optional<Version> target) throws ConnectFailure, SQLException, InterruptedException {
        try (RunContext ctx = new RunContext(setup, "migrate", target, setup.connector().open())) {
            ctx.lockConnection = setup.connector().open();
            ctx.revertOnFailure = true;
            ctx.skipPreflight = skipPreflight;
            return runSteps(ctx, steps());
        }
    }

    /**
     * Runs {@code steps} until one ends the run, and audits how a run that changed something ended (unless the
     * connection is gone: the failure says so, and the audit log keeps each migration's own entry).
     */
    static RunOutcome runSteps(RunContext ctx, List<Step> steps) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        for (Step step : steps) {
            Optional<RunOutcome> end = step.run(ctx);
            if (end.isPresent()) {
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                if (end.get() instanceof RunOutcome.Done done) {
                    ctx.listener.on(new RunEvent.RunFinished(done.applied(), done.current(), took));
                }
                boolean changed = end.get() instanceof RunOutcome.Failed f && !f.failure().connectionLost()
                        || end.get() instanceof RunOutcome.Done d && !d.applied().isEmpty();
                if (changed) {
                    ctx.audit.finished(ctx.connection, end.get(), took);
                }
                return end.get();
            }
        }
        throw new IllegalStateException("the apply step always ends the run");
    }

    /** Fails fast, before waiting for the lock, on anything in the files or history that stops the run. */
    static Optional<RunOutcome> validate(RunContext ctx) throws SQLException {
        ctx.planned = Planner.plan(ctx.config, ctx.connection, ctx.target);
        if (!ctx.planned.valid()) {
            return Optional.of(new RunOutcome.Invalid(ctx.planned.problems()));
        }
        ctx.todo = ctx.planned.prepared();
        ctx.listener.on(new RunEvent.RunStarted(ctx.runId, ctx.config.connection().display(),
                ctx.planned.prepared().size(), ctx.planned.plan().current()));
        return Optional.empty();
    }

    /** Refuses, before the lock and before any backup, pending migrations with findings at or above max_risk. */
    static Optional<RunOutcome> lintGate(RunContext ctx) throws SQLException {
        if (ctx.todo.isEmpty()) {
            return Optional.empty();
        }
        LintReport report = LintGate.lint(ctx.config, ctx.connection, ctx.todo);
        if (!report.problems().isEmpty()) {
            return Optional.of(new RunOutcome.Invalid(report.problems()));
        }
        ctx.listener.on(new RunEvent.Linted(report.findings(), report.maxRisk(), ctx.config.lint().gate()));
        ctx.lint = report;
        return report.blocks() && ctx.config.lint().gate()
                ? Optional.of(new RunOutcome.Blocked(report.blocking(), report.maxRisk())) : Optional.empty();
    }

    static Optional<RunOutcome> lock(RunContext ctx) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        try {
            ctx.lock = MigrationLock.acquire(ctx.lockConnection, ctx.config.schema(), ctx.requester,
                    ctx.config.migrate().lockWait(), holder -> ctx.listener.on(new RunEvent.LockWaiting(holder)));
        } catch (LockTimeoutException e) {
            return Optional.of(new RunOutcome.LockTimedOut(e));
        }
        ctx.lockWaited = Duration.ofNanos(System.nanoTime() - started);
        ctx.listener.on(new RunEvent.LockAcquired(ctx.lockWaited));
        new HistoryTable(ctx.config.schema()).create(ctx.connection);
        return Optional.empty();
    }

    /** Another run may have applied migrations while this one waited for the lock: plan again. */
    static Optional<RunOutcome> replanUnderLock(RunContext ctx) throws SQLException {
        ctx.planned = Planner.plan(ctx.config, ctx.connection, ctx.target);
        if (!ctx.planned.valid()) {
            return Optional.of(new RunOutcome.Invalid(ctx.planned.problems()));
        }
        if (ctx.planned.prepared().isEmpty()) {
            return Optional.of(new RunOutcome.Done(List.of(), ctx.planned.plan().current()));
        }
        ctx.todo = ctx.planned.prepared();
        return Optional.empty();
    }

    /** The run changes something from here on: say so in the audit log first. */
    static Optional<RunOutcome> auditStart(RunContext ctx) throws SQLException {
        ctx.audit.runStarted(ctx.connection, ctx.todo, ctx.lockWaited);
        return Optional.empty();
    }

    /** Applies; then, when that applied something, reports what it introduced that the schema audit finds wrong. */
    static Optional<RunOutcome> applyThenAuditSchema(RunContext ctx) throws SQLException, InterruptedException {
        if (!ctx.config.checks().auditAfterMigrate()) {
            return apply(ctx);
        }
        SchemaAudit.Watch schema = new SchemaAudit(ctx.config.checks(), ctx.config.lint().money(),
                List.of(ctx.config.schema(), Snapshots.DEFAULT_SCHEMA)).watch(ctx.connection);
        Optional<RunOutcome> end = apply(ctx);
        if (end.isPresent() && end.get() instanceof RunOutcome.Done d && !d.applied().isEmpty()) {
            ctx.listener.on(new RunEvent.SchemaAudited(schema.introduced(ctx.connection)));
        }
        return end;
    }

    static Optional<RunOutcome> apply(RunContext ctx) throws SQLException, InterruptedException {
        try (MigrationApplier applier = new MigrationApplier(ctx.connection, ctx.lock, ctx.setup, ctx.audit,
                RandomGenerator.getDefault())) {
            for (PreparedMigration m : ctx.todo) {
                Optional<Failure> failed = applyOne(ctx, applier, m);
                if (failed.isPresent()) {
                    return Optional.of(ctx.revertOnFailure ? AutoRollback.revert(ctx, applier, m.script(), failed.get())
                            : new RunOutcome.Failed(m.script(), failed.get(), List.copyOf(ctx.applied), List.of(),
                                    List.of()));
                }
                ctx.applied.add(m.script());
            }
        }
        return Optional.of(new RunOutcome.Done(List.copyOf(ctx.applied), currentVersion(ctx)));
    }

    /** Runs one migration with its events; the failure, if it failed. */
    static Optional<Failure> applyOne(RunContext ctx, MigrationApplier applier, PreparedMigration m)
            throws InterruptedException {
        ctx.listener.on(new RunEvent.MigrationStarted(m.script(), m.nonTransactionalBecause()));
        MigrationApplier.Outcome outcome = applier.apply(m);
        if (outcome instanceof MigrationApplier.Outcome.Failed f) {
            ctx.listener.on(new RunEvent.MigrationFailed(m.script(), f.failure()));
            return Optional.of(f.failure());
        }
        MigrationApplier.Outcome.Applied a = (MigrationApplier.Outcome.Applied) outcome;
        ctx.listener.on(new RunEvent.MigrationApplied(m.script(), a.took(), a.attempts()));
        return Optional.empty();
    }

    /** The newest version applied now, read back from the history (rollbacks lower it). */
    static Optional<Version> currentVersion(RunContext ctx) throws SQLException {
        return MigrationPlan.of(ctx.planned.files(), new HistoryTable(ctx.config.schema()).read(ctx.connection),
                MigrationPlan.Options.defaults()).current();
    }
}
