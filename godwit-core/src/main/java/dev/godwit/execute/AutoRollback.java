package dev.godwit.execute;

import dev.godwit.plan.Reverts;
import dev.godwit.plan.MigrationPreparer;
import dev.godwit.plan.PreparedMigration;
import dev.godwit.run.RunEvent;
import dev.godwit.run.Failure;
import dev.godwit.run.RunOutcome;
import dev.godwit.config.SafetySettings;
import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.MigrationScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When migration k of a run fails, its own transaction is already rolled back; with
 * {@code [safety] on_failure = "rollback-run"} (the default) this reverts the migrations the run applied
 * before it, newest first, with their down scripts, so the database is as it was before the run. When one
 * of them cannot be reverted (no down script, a down script that does not parse), none is, and the
 * outcome says which and why.
 */
final class AutoRollback {

    private AutoRollback() {}

    static RunOutcome.Failed revert(RunContext ctx, MigrationApplier applier, MigrationScript failed, Failure failure)
            throws InterruptedException {
        List<MigrationScript> before = List.copyOf(ctx.applied);
        List<String> notReverted = new ArrayList<>();
        before.stream().filter(m -> m.kind() == MigrationKind.REPEATABLE).forEach(m -> notReverted.add(
                m.label() + " stays applied: repeatable migrations have no down script"));
        List<Reverts.Target> targets = Reverts.targetsOf(before);
        if (targets.isEmpty()) {
            return new RunOutcome.Failed(failed, failure, before, List.of(), notReverted);
        }
        if (failure.lockLost()) {
            notReverted.add("this run no longer holds the migration lock, so it reverted nothing (another run may hold"
                    + " it now): the " + targets.size() + " migration(s) it applied before stay applied (`godwit rollback"
                    + " --steps " + targets.size() + "` reverts them)");
            return new RunOutcome.Failed(failed, failure, before, List.of(), notReverted);
        }
        if (failure.interrupted() && !fitsGrace(ctx, before)) {
            notReverted.add("reverting the " + targets.size() + " migration(s) this run applied before would not end"
                    + " within the stop grace period ([migrations] stop_grace = "
                    + dev.godwit.base.Durations.format(ctx.config.migrate().stopGrace()) + "), so they stay applied:"
                    + " `godwit rollback --steps " + targets.size() + "` reverts them, or `godwit migrate` goes on");
            return new RunOutcome.Failed(failed, failure, before, List.of(), notReverted);
        }
        if (failure.connectionLost()) {
            notReverted.add("the connection is gone, so the " + targets.size() + " migration(s) this run applied before"
                    + " it were not reverted; they stay applied (`godwit rollback --steps " + targets.size()
                    + "` reverts them once the database is back)");
            return new RunOutcome.Failed(failed, failure, before, List.of(), notReverted);
        }
        if (backfillPartWay(applier, failed)) {
            notReverted.add("the backfill of " + failed.label() + " committed batches and resumes at the next `godwit"
                    + " migrate`, which needs what the " + targets.size() + " migration(s) before it created: they stay"
                    + " applied");
            return new RunOutcome.Failed(failed, failure, before, List.of(), notReverted);
        }
        if (ctx.config.safety().onFailure() == SafetySettings.OnFailure.STOP) {
            notReverted.add("[safety] on_failure = \"stop\": the " + targets.size() + " migration(s) this run applied"
                    + " before the failure stay applied; `godwit rollback --steps " + targets.size() + "` reverts them");
            return new RunOutcome.Failed(failed, failure, before, List.of(), notReverted);
        }
        MigrationPreparer preparer = new MigrationPreparer(ctx.config.placeholders(), ctx.config.migrate());
        Reverts.Plan plan = Reverts.plan(targets, ctx.planned.files(), preparer);
        if (!plan.valid()) {
            notReverted.addAll(plan.problems());
            notReverted.add("so nothing this run applied was reverted: the database is at "
                    + before.get(before.size() - 1).label());
            return new RunOutcome.Failed(failed, failure, before, List.of(), notReverted);
        }
        if (failure.interrupted()) {
            applier.finishing(); // the reverts run to their end although the stop was requested
        }
        ctx.listener.on(new RunEvent.RollingBack(plan.downs().size()));
        List<MigrationScript> reverted = new ArrayList<>();
        for (PreparedMigration down : plan.downs()) {
            Optional<Failure> f = Migrate.applyOne(ctx, applier, down);
            if (f.isPresent()) {
                notReverted.add("reverting with " + down.script().script() + " failed: " + f.get().describe()
                        + "\n  the migrations not yet reverted stay applied; fix the down script and run"
                        + " `godwit rollback`");
                break;
            }
            reverted.add(down.script());
        }
        return new RunOutcome.Failed(failed, failure, before, List.copyOf(reverted), notReverted);
    }

    /**
     * Whether the reverts can end within what is left of the grace period: down scripts usually take about as long
     * as the migrations they revert, so twice what those took (and a second) must fit.
     */
    /** A batched backfill that stopped with batches committed: its progress row stands. */
    private static boolean backfillPartWay(MigrationApplier applier, MigrationScript failed) {
        try {
            return applier.backfills.read(applier.connection, failed.script()).isPresent();
        } catch (java.sql.SQLException e) {
            return true; // cannot tell: reverting what a resumed backfill needs is the worse mistake
        }
    }

    static boolean fitsGrace(RunContext ctx, List<MigrationScript> applied) {
        java.time.Duration estimate = java.time.Duration.ofSeconds(1);
        for (MigrationScript m : applied) {
            estimate = estimate.plus(ctx.took.getOrDefault(m, java.time.Duration.ZERO).multipliedBy(2));
        }
        java.time.Duration left = ctx.config.migrate().stopGrace().minus(ctx.stop.sinceRequest());
        return estimate.compareTo(left) < 0;
    }
}
