package dev.godwit.execute;

import dev.godwit.plan.RollbackPreview;
import dev.godwit.plan.Planner;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import dev.godwit.db.ConnectFailure;
import dev.godwit.migration.MigrationPlan;
import dev.godwit.migration.Version;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@code godwit rollback}: reverts the last applied migration (or {@code --steps N}, or everything above
 * {@code --to V}) with down scripts, newest first, each in its own transaction under the same lock, lock
 * timeouts and retries as {@code migrate}. History stays append-only: each revert adds an undo row, and the
 * version shows as pending again. When any of them has no usable down script, nothing is reverted.
 */
public final class Rollback {

    /** What to revert: {@code to} wins over {@code steps}; neither means one step. */
    public record Request(Optional<Integer> steps, Optional<Version> to) {}

    private final RunSetup setup;
    private dev.godwit.hooks.Hooks hooks = dev.godwit.hooks.Hooks.none();

    public Rollback(RunSetup setup) {
        this.setup = setup;
    }

    /** The run's hooks: before_rollback and after_rollback (docs/hooks.md). */
    public Rollback withHooks(dev.godwit.hooks.Hooks hooks) {
        this.hooks = hooks;
        return this;
    }

    public RunOutcome run(Request request) throws ConnectFailure, SQLException, InterruptedException {
        try (RunContext ctx = new RunContext(setup, "rollback", Optional.empty(), setup.connector().open())) {
            ctx.lockConnection = setup.connector().open();
            // Both sessions are Godwit's own from the start: a server's idle timeouts would end the lock's while
            // validation, the lint gate or a backup run.
            dev.godwit.lock.OwnSession.prepare(ctx.connection);
            dev.godwit.lock.OwnSession.prepare(ctx.lockConnection);
            ctx.hooks = hooks;
            Migrate.Step plan = c -> plan(c, request);
            return Migrate.runSteps(ctx, List.of(plan, Migrate::lock, plan, HookStep::beforeRun, Migrate::auditStart,
                    Migrate::apply));
        }
    }

    /** Before the lock to fail fast, and again under it, since another run may have changed the history. */
    private static Optional<RunOutcome> plan(RunContext ctx, Request request) throws SQLException {
        RollbackPreview p = RollbackPreview.of(ctx.config, ctx.connection, request.steps(), request.to());
        if (!p.problems().isEmpty()) {
            return Optional.of(new RunOutcome.Invalid(p.problems()));
        }
        ctx.planned = new Planner.Planned(p.files(), p.history(), MigrationPlan.of(p.files(), p.history(),
                MigrationPlan.Options.defaults()), List.of(), List.of());
        if (p.downs().isEmpty()) {
            return Optional.of(new RunOutcome.Done(List.of(), ctx.planned.plan().current()));
        }
        boolean first = ctx.todo.isEmpty();
        ctx.todo = p.downs();
        if (first) {
            ctx.listener.on(new RunEvent.RunStarted(ctx.runId, ctx.config.connection().display(), p.downs().size(),
                    ctx.planned.plan().current()));
        }
        return Optional.empty();
    }
}
