package dev.godwit.execute;

import dev.godwit.db.Grants;
import dev.godwit.plan.PreparedMigration;
import dev.godwit.plan.Planner;
import dev.godwit.run.RunEvent;
import dev.godwit.run.Failure;
import dev.godwit.run.RunOutcome;
import dev.godwit.db.ConnectFailure;
import dev.godwit.history.AppliedVersions;
import dev.godwit.history.HistoryTable;
import dev.godwit.lock.SessionPinning;
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
    private Optional<dev.godwit.sql.Phase> phase = Optional.empty();
    private dev.godwit.hooks.Hooks hooks = dev.godwit.hooks.Hooks.none();

    public Migrate(RunSetup setup) {
        this.setup = setup;
    }

    /** The run's hooks (docs/hooks.md); none by default. */
    public Migrate withHooks(dev.godwit.hooks.Hooks hooks) {
        this.hooks = hooks;
        return this;
    }

    /** {@code --skip-preflight}: no readiness checks; the run's audit log records that they were skipped. */
    public Migrate skippingPreflight(boolean skip) {
        this.skipPreflight = skip;
        return this;
    }

    /** {@code --phase expand|contract}: only that phase's migrations; empty (the default) runs every phase. */
    public Migrate phase(Optional<dev.godwit.sql.Phase> phase) {
        this.phase = phase;
        return this;
    }

    static List<Step> steps() {
        return List.of(Migrate::validate, PreflightStep::run, Migrate::lintGate, Migrate::lock,
                Migrate::replanUnderLock, BackupStep::run, HookStep::beforeRun, Migrate::auditStart,
                Migrate::applyThenAuditSchema);
    }

    public RunOutcome run(Optional<Version> target) throws ConnectFailure, SQLException, InterruptedException {
        try (RunContext ctx = new RunContext(setup, "migrate", target, setup.connector().open())) {
            ctx.lockConnection = setup.connector().open();
            // Both sessions are Godwit's own from the start: a server's idle timeouts would end the lock's while
            // validation, the lint gate or a backup run.
            dev.godwit.lock.OwnSession.prepare(ctx.connection);
            dev.godwit.lock.OwnSession.prepare(ctx.lockConnection);
            ctx.revertOnFailure = true;
            ctx.skipPreflight = skipPreflight;
            ctx.phase = phase;
            ctx.hooks = hooks;
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
            Optional<RunOutcome> end = ctx.stopReason().isPresent() && !ctx.started
                    ? Optional.of(new RunOutcome.Interrupted(ctx.stopReason().get(), "before anything was applied"))
                    : runStep(ctx, step);
            if (end.isPresent()) {
                HookStep.after(ctx, end.get());
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                if (end.get() instanceof RunOutcome.Done done) {
                    ctx.listener.on(new RunEvent.RunFinished(done.applied(), done.current(), took));
                }
                boolean changed = end.get() instanceof RunOutcome.Failed
                        || end.get() instanceof RunOutcome.Done d && !d.applied().isEmpty()
                        || end.get() instanceof RunOutcome.HookFailed h && !h.appliedBefore().isEmpty();
                if (changed) {
                    markWal(ctx, "run-end", Optional.empty());
                    auditFinished(ctx, end.get(), took);
                }
                return end.get();
            }
        }
        throw new IllegalStateException("the apply step always ends the run");
    }

    /**
     * One step; a stop request while it waits, a transaction-mode pooler's symptom and a missing privilege on
     * Godwit's own tables end the run with what to do rather than with an error Godwit did not expect.
     */
    private static Optional<RunOutcome> runStep(RunContext ctx, Step step) throws SQLException, InterruptedException {
        try {
            return step.run(ctx);
        } catch (InterruptedException e) {
            if (ctx.stopReason().isPresent()) {
                return Optional.of(new RunOutcome.Interrupted(ctx.stopReason().get(), "while waiting for the migration"
                        + " lock, before anything was applied"));
            }
            throw e;
        } catch (SQLException e) {
            if (Grants.denied(e)) {
                return Optional.of(new RunOutcome.Refused(Grants.advice(e, ctx.config.connection().user(),
                        ctx.config.schema(), ctx.config.connection().database())));
            }
            if (SessionPinning.symptom(e)) {
                return Optional.of(new RunOutcome.Refused(SessionPinning.advice("pgjdbc's prepared statement was not"
                        + " on the server session it was prepared on (" + e.getMessage() + ")")));
            }
            throw e;
        }
    }

    /**
     * How a run that changed something ended, in the audit log: on the run's connection, or on a fresh one when
     * that one is gone (a terminated session, a restarted server), so that no failure goes unrecorded.
     */
    private static void auditFinished(RunContext ctx, RunOutcome end, Duration took) {
        try {
            ctx.connection.setAutoCommit(true);
            ctx.audit.finished(ctx.connection, end, took);
        } catch (SQLException onRunConnection) {
            try (java.sql.Connection fresh = ctx.setup.connector().open()) {
                ctx.audit.finished(fresh, end, took);
            } catch (SQLException | ConnectFailure e) {
                // the outcome says the connection was lost; the migration's own entry was written, or said not to be
            }
        }
    }

    /** Fails fast, before waiting for the lock, on anything in the files or history that stops the run. */
    static Optional<RunOutcome> validate(RunContext ctx) throws SQLException {
        ctx.planned = Planner.plan(ctx.config, ctx.connection, ctx.target, ctx.phase);
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
        LintReport report = LintGate.lint(ctx.config, ctx.connection, ctx.todo, ctx.phase);
        if (!report.problems().isEmpty()) {
            return Optional.of(new RunOutcome.Invalid(report.problems()));
        }
        ctx.listener.on(new RunEvent.Linted(report.findings(), report.maxRisk(), ctx.config.lint().gate()));
        ctx.lint = report;
        return report.blocks() && ctx.config.lint().gate()
                ? Optional.of(new RunOutcome.Blocked(report.blocking(), report.maxRisk())) : Optional.empty();
    }

    static Optional<RunOutcome> lock(RunContext ctx) throws SQLException, InterruptedException {
        Optional<String> pooled = SessionPinning.problem(ctx.lockConnection, ctx.connection);
        if (pooled.isPresent()) {
            return Optional.of(new RunOutcome.Refused(SessionPinning.advice(pooled.get())));
        }
        long started = System.nanoTime();
        try {
            ctx.lock = MigrationLock.acquire(ctx.lockConnection, ctx.config.schema(), ctx.requester,
                    ctx.config.migrate().lockWait(), holder -> ctx.listener.on(new RunEvent.LockWaiting(holder)), ctx.stop::await);
        } catch (LockTimeoutException e) {
            return Optional.of(new RunOutcome.LockTimedOut(e));
        }
        ctx.lock.onLost(() -> ctx.stop.request("the migration lock was lost"));
        ctx.lockWaited = Duration.ofNanos(System.nanoTime() - started);
        ctx.listener.on(new RunEvent.LockAcquired(ctx.lockWaited));
        HistoryTable history = new HistoryTable(ctx.config.schema());
        history.create(ctx.connection);
        ensureAppliedVersions(ctx, history);
        return Optional.empty();
    }

    /** Databases migrated by an earlier release get the applied-versions guard, filled from their history. */
    private static void ensureAppliedVersions(RunContext ctx, HistoryTable history) throws SQLException {
        AppliedVersions applied = new AppliedVersions(ctx.config.schema());
        if (applied.exists(ctx.connection)) {
            return;
        }
        ctx.connection.setAutoCommit(false);
        try {
            ctx.lock.fence().check(ctx.connection);
            applied.createFrom(ctx.connection, history);
            ctx.connection.commit();
        } catch (SQLException e) {
            ctx.connection.rollback();
            throw e;
        } finally {
            ctx.connection.setAutoCommit(true);
        }
    }

    /** Another run may have applied migrations while this one waited for the lock: plan again. */
    static Optional<RunOutcome> replanUnderLock(RunContext ctx) throws SQLException, InterruptedException {
        List<AppliedVersions.Claim> live = claimsOfOthers(ctx);
        if (!live.isEmpty()) {
            return Optional.of(new RunOutcome.Invalid(live.stream().map(c -> "version " + c.version() + " is still being"
                    + " applied outside a transaction by PostgreSQL backend " + c.backendPid() + " (run " + c.runId()
                    + "), which no longer holds the migration lock: let it end, or end it with pg_cancel_backend("
                    + c.backendPid() + "), then migrate again").toList()));
        }
        ctx.planned = Planner.replan(ctx.planned, ctx.config, ctx.connection, ctx.target, ctx.phase);
        if (!ctx.planned.valid()) {
            return Optional.of(new RunOutcome.Invalid(ctx.planned.problems()));
        }
        if (ctx.planned.prepared().isEmpty()) {
            return Optional.of(new RunOutcome.Done(List.of(), ctx.planned.plan().current()));
        }
        ctx.todo = ctx.planned.prepared();
        return Optional.empty();
    }

    /**
     * The claims of no-transaction migrations that other runs left: those whose session has ended are released; the
     * statement of a session still alive (a killed run's orphaned index build, which the server ends once it notices
     * its client is gone; a run that lost the lock) is cancelled, since that run no longer holds the lock, and its
     * claim waited for up to lock_wait. What remains is returned.
     */
    private static List<AppliedVersions.Claim> claimsOfOthers(RunContext ctx) throws SQLException, InterruptedException {
        AppliedVersions applied = new AppliedVersions(ctx.config.schema());
        long deadline = System.nanoTime() + ctx.config.migrate().lockWait().toNanos();
        while (true) {
            List<AppliedVersions.Claim> live = applied.releaseDeadClaims(ctx.connection);
            if (live.isEmpty() || System.nanoTime() > deadline) {
                return live;
            }
            for (AppliedVersions.Claim c : live) {
                try (var ps = ctx.connection.prepareStatement("select pg_cancel_backend(?)")) {
                    ps.setInt(1, c.backendPid());
                    ps.execute();
                } catch (SQLException notAllowed) {
                    // another role's session: it is waited for, and named if it outlasts the wait
                }
            }
            if (ctx.stop.await(Duration.ofMillis(200))) {
                throw new InterruptedException("stopped while waiting for another run's claim");
            }
        }
    }

    /** The run changes something from here on: say so in the audit log first. */
    static Optional<RunOutcome> auditStart(RunContext ctx) throws SQLException {
        ctx.lock.fence().check(ctx.connection);
        markWal(ctx, "run-start", Optional.empty());
        ctx.audit.runStarted(ctx.connection, ctx.todo, ctx.lockWaited);
        ctx.started = true;
        return Optional.empty();
    }

    /**
     * Reads where the WAL is (point-in-time recovery: the run-start position is the moment before the run) for the
     * report and the next audit entry. On the run's connection, outside any transaction; a server that cannot say
     * (or a lost connection) leaves no mark, and the run goes on.
     */
    static void markWal(RunContext ctx, String moment, Optional<dev.godwit.migration.MigrationScript> m) {
        try {
            if ("run-end".equals(moment)) {
                ctx.connection.setAutoCommit(true); // a failed migration's transaction was rolled back already
            }
            if (!ctx.connection.getAutoCommit()) {
                return;
            }
        } catch (SQLException gone) {
            return;
        }
        dev.godwit.pitr.WalPosition.read(ctx.connection).ifPresent(p -> {
            ctx.audit.wal(moment, p);
            ctx.listener.on(new RunEvent.WalMarked(moment, m, p));
        });
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
        // Not RandomGenerator.getDefault(): it finds its algorithm through ServiceLoader and the context class
        // loader, which in a Maven plugin realm does not see the JDK's providers. The jitter needs no quality.
        try (MigrationApplier applier = new MigrationApplier(ctx.connection, ctx.lock, ctx.setup, ctx.audit,
                new java.util.SplittableRandom()).watching(ctx.stop)) {
            for (PreparedMigration m : ctx.todo) {
                Optional<RunOutcome> refused = HookStep.beforeEach(ctx, m.script());
                if (refused.isPresent()) {
                    return refused;
                }
                markWal(ctx, "before", Optional.of(m.script()));
                Optional<Failure> failed = applyOne(ctx, applier, m);
                if (failed.isPresent()) {
                    return Optional.of(ctx.revertOnFailure ? AutoRollback.revert(ctx, applier, m.script(), failed.get())
                            : new RunOutcome.Failed(m.script(), failed.get(), List.copyOf(ctx.applied), List.of(),
                                    List.of()));
                }
                ctx.applied.add(m.script());
                markWal(ctx, "after", Optional.of(m.script()));
                HookStep.afterEach(ctx, m.script());
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
        ctx.took.put(m.script(), a.took());
        ctx.listener.on(new RunEvent.MigrationApplied(m.script(), a.took(), a.attempts()));
        return Optional.empty();
    }

    /** The newest version applied now, read back from the history (rollbacks lower it). */
    static Optional<Version> currentVersion(RunContext ctx) throws SQLException {
        return MigrationPlan.of(ctx.planned.files(), new HistoryTable(ctx.config.schema()).read(ctx.connection),
                MigrationPlan.Options.defaults()).current();
    }
}
