package dev.godwit.cli.commands;

import dev.godwit.cli.Output;
import dev.godwit.config.Durations;
import dev.godwit.execute.Blocker;
import dev.godwit.execute.RunEvent;
import dev.godwit.execute.RunListener;
import java.time.Duration;

/** Tells a person what a run is doing, one line per event (to stderr under --json). */
final class RunPrinter implements RunListener {

    private final Output out;

    RunPrinter(Output out) {
        this.out = out;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted e) {
            out.line(out.bold("Migrating") + " " + e.database() + ": " + e.pending() + " pending (run "
                    + e.runId().substring(0, 8) + ")");
        } else if (event instanceof RunEvent.LockWaiting e) {
            out.line("  waiting for the migration lock, held by "
                    + e.holder().map(h -> h.describe()).orElse("a session that has just released it"));
        } else if (event instanceof RunEvent.LockAcquired e) {
            if (e.waited().toMillis() >= 1000) {
                out.line("  took the migration lock after " + seconds(e.waited()));
            }
        } else if (event instanceof RunEvent.MigrationStarted e) {
            e.nonTransactionalBecause().ifPresent(why ->
                    out.line("  " + e.migration().label() + " runs outside a transaction: " + why));
        } else if (event instanceof RunEvent.LockRetry e) {
            retry(e);
        } else if (event instanceof RunEvent.InvalidIndexDropped e) {
            out.line("  " + out.yellow("dropped the INVALID index " + e.index()) + " left by the failed build");
        } else if (event instanceof RunEvent.MigrationApplied e) {
            out.line("  " + out.green("applied") + " " + e.migration().label() + " in " + e.took().toMillis() + " ms"
                    + (e.attempts() > 1 ? " (try " + e.attempts() + ")" : ""));
        } else if (event instanceof RunEvent.MigrationFailed e) {
            out.line("  " + out.red("failed ") + " " + e.migration().label());
        } else if (event instanceof RunEvent.RunFinished e) {
            out.line(e.applied().isEmpty()
                    ? "Nothing to migrate: " + e.current().map(v -> "at version " + v).orElse("no migrations") + "."
                    : out.green("Done") + ": " + e.applied().size() + " migration(s) applied in " + seconds(e.took())
                            + e.current().map(v -> "; now at version " + v).orElse("") + ".");
        }
    }

    private void retry(RunEvent.LockRetry e) {
        out.line("  " + out.yellow("lock_timeout") + " at " + e.location() + " (try " + e.attempt() + " of "
                + e.maxAttempts() + "): rolled back so that nothing queues behind it; trying again in "
                + Durations.format(e.delay()));
        if (e.blockers().isEmpty()) {
            out.line("    the session holding the lock had finished by the time Godwit looked");
        }
        for (Blocker b : e.blockers()) {
            out.line("    blocked by " + b.describe());
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
