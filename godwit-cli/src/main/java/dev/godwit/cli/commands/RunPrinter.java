package dev.godwit.cli.commands;

import dev.godwit.cli.Output;
import dev.godwit.cli.check.IntegrityOutput;
import dev.godwit.base.Durations;
import dev.godwit.run.Blocker;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunListener;
import dev.godwit.migration.MigrationKind;
import dev.godwit.snapshot.SnapshotOutcome;
import java.time.Duration;

/** Tells a person what a run is doing, one line per event (to stderr under --json). */
final class RunPrinter implements RunListener {

    /** The copies taken for the migration now running: a failure that rolls it back rolls them back too. */
    private final java.util.List<String> copiesOfCurrent = new java.util.ArrayList<>();


    private final Output out;
    private final boolean rollback;

    RunPrinter(Output out) {
        this(out, false);
    }

    /** @param rollback the run is a `godwit rollback`: it reverts instead of applying */
    RunPrinter(Output out, boolean rollback) {
        this(out, rollback, java.time.Duration.ofSeconds(10), false);
    }

    /**
     * @param every    off a terminal, the time between two progress lines of one statement
     * @param terminal progress is one line redrawn in place (the next line of output replaces it)
     */
    RunPrinter(Output out, boolean rollback, java.time.Duration every, boolean terminal) {
        this.out = out;
        this.rollback = rollback;
        this.every = every;
        this.terminal = terminal;
    }

    private final java.time.Duration every;
    private final boolean terminal;
    private String progressOf;
    private long lastProgressMs = -1;

    /**
     * A long statement, live: on a terminal one line redrawn every second; elsewhere (CI logs) a plain line every
     * {@code every}. "V7 fees, statement 2 of 3 (V7__fees.sql:4:1), 42s: building index: scanning table, 1200 of
     * 5000 blocks (24%), about 2m left".
     */
    private void running(RunEvent.StatementRunning e) {
        long ms = e.elapsed().toMillis();
        if (!e.location().equals(progressOf)) {
            progressOf = e.location();
            lastProgressMs = -1;
        }
        if (!terminal && lastProgressMs >= 0 && ms - lastProgressMs < every.toMillis()) {
            return;
        }
        lastProgressMs = ms;
        StringBuilder sb = new StringBuilder("  ").append(e.migration().label()).append(", statement ")
                .append(e.statement()).append(" of ").append(e.statements()).append(" (").append(e.location())
                .append("), running ").append(Durations.format(java.time.Duration.ofSeconds(e.elapsed().toSeconds())));
        e.progress().ifPresent(p -> sb.append(": ").append(p));
        e.fraction().filter(f -> f > 0.02 && f < 1).ifPresent(f -> sb.append(", about ").append(Durations.format(
                java.time.Duration.ofSeconds(Math.round(e.elapsed().toSeconds() * (1 - f) / f)))).append(" left"));
        e.blockedBy().ifPresent(b -> sb.append("; waiting for ").append(b));
        if (terminal) {
            out.status(sb.toString());
        } else {
            out.line(sb.toString());
        }
    }

    private long lastBackfillMs = -1;

    /**
     * A batched backfill, live: "V7 backfill: 120000 rows in 12 batches (34%), 8000 rows/s, about 1m left (key id up
     * to 120000)"; on a terminal redrawn about once a second, elsewhere a line every {@code every}.
     */
    private void backfill(RunEvent.BackfillProgress e) {
        long ms = e.elapsed().toMillis();
        boolean first = e.batches() == 0 || (e.resumed() && lastBackfillMs < 0);
        if (!terminal && !first && lastBackfillMs >= 0 && ms - lastBackfillMs < every.toMillis()) {
            return;
        }
        lastBackfillMs = ms;
        StringBuilder sb = new StringBuilder("  ").append(e.migration().label()).append(" backfill");
        if (first && e.resumed()) {
            sb.append(" resumed after key ").append(e.lastKey().orElse("-")).append(" (").append(e.rowsDone())
                    .append(" rows in ").append(e.batches()).append(" batches done before)");
        } else if (first) {
            sb.append(" started");
        } else {
            sb.append(": ").append(e.rowsDone()).append(" rows in ").append(e.batches()).append(" batches");
            e.fraction().ifPresent(f -> sb.append(" (").append(Math.round(f * 100)).append("%)"));
            sb.append(", ").append(Math.round(e.rowsPerSecond())).append(" rows/s");
            e.timeLeft().ifPresent(t -> sb.append(", about ").append(Durations.format(t)).append(" left"));
        }
        if (terminal && !first) {
            out.status(sb.toString());
        } else {
            out.line(sb.toString());
        }
    }

    /** One line per allowed finding (with the file's reason) and a count of those below the gate. */
    private void linted(RunEvent.Linted e) {
        long below = e.findings().stream().filter(f -> !f.allowed() && !f.blocks(e.maxRisk())).count();
        e.findings().stream().filter(dev.godwit.lint.Finding::allowed).forEach(f -> out.line("  lint: "
                + f.location() + " " + f.rule() + " (" + f.risk().word() + ") allowed: " + f.allowedBecause().get()));
        if (below > 0) {
            out.line("  lint: " + below + " finding(s) below max_risk " + e.maxRisk().word()
                    + "; `godwit plan` or `godwit lint` shows them");
        }
        if (!e.gate()) {
            e.findings().stream().filter(f -> f.blocks(e.maxRisk())).forEach(f -> out.line("  " + out.yellow("lint")
                    + ": " + f.location() + " " + f.rule() + " (" + f.risk().word() + ") — not refused: [lint] gate"
                    + " is off"));
        }
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted e) {
            out.line(out.bold(rollback ? "Rolling back" : "Migrating") + " " + e.database() + ": " + e.pending()
                    + (rollback ? " to revert" : " pending") + " (run " + e.runId().substring(0, 8) + ")");
        } else if (event instanceof RunEvent.PreflightChecked e) {
            out.line("  preflight: " + dev.godwit.cli.ops.PreflightOutput.word(out, e.report().status()) + " ("
                    + e.report().checks().size() + " checks; `godwit preflight` shows them all)");
            dev.godwit.cli.ops.PreflightOutput.print(out, e.report(), false);
        } else if (event instanceof RunEvent.PreflightSkipped) {
            out.line("  preflight: " + out.yellow("skipped") + " (--skip-preflight; recorded in the audit log)");
        } else if (event instanceof RunEvent.Linted e) {
            linted(e);
        } else if (event instanceof RunEvent.WaitingForQuiet e) {
            out.line("  " + out.yellow("waiting") + " before " + e.location() + " (needs " + e.lock()
                    + "), without queuing, for: " + Blocker.summary(e.holders()));
        } else if (event instanceof RunEvent.LockWaiting e) {
            out.line("  waiting for the migration lock, held by "
                    + e.holder().map(h -> h.describe()).orElse("a session that has just released it"));
        } else if (event instanceof RunEvent.LockAcquired e) {
            if (e.waited().toMillis() >= 1000) {
                out.line("  took the migration lock after " + seconds(e.waited()));
            }
        } else if (event instanceof RunEvent.HookRan e) {
            out.line("  " + (e.run().ok() ? "hook: " + e.run().describe() : out.yellow("hook") + ": "
                    + e.run().describe()));
        } else if (event instanceof RunEvent.BackupStarted e) {
            out.line("  taking a backup before migrating ([backup] before_migrate) into " + e.dir());
        } else if (event instanceof RunEvent.BackupTaken e) {
            out.line("  " + out.green("backup " + e.id()) + ": " + BackupCommand.size(e.bytes())
                    + (e.encrypted() ? ", encrypted" : "") + ", verified (" + e.verification() + ") in "
                    + seconds(e.took()));
        } else if (event instanceof RunEvent.MigrationStarted e) {
            e.nonTransactionalBecause().ifPresent(why ->
                    out.line("  " + e.migration().label() + " " + nonTransactional(why)));
        } else if (event instanceof RunEvent.LockRetry e) {
            retry(e);
        } else if (event instanceof RunEvent.SnapshotTaken e) {
            if (e.outcome() instanceof SnapshotOutcome.Taken t) {
                copiesOfCurrent.add(t.snapshot().name());
                out.line("  kept a copy of " + t.snapshot().rows() + " row(s) that " + e.location() + " destroys ("
                        + t.snapshot().reason() + "): godwit snapshots show " + t.snapshot().name());
            } else if (e.outcome() instanceof SnapshotOutcome.Skipped k) {
                out.line("  " + out.yellow("no copy") + " of " + k.table() + " before " + e.location() + ": " + k.why());
            }
        } else if (event instanceof RunEvent.InvalidIndexDropped e) {
            out.line("  " + out.yellow("dropped the INVALID index " + e.index()) + " left by the failed build");
        } else if (event instanceof RunEvent.InvariantsChecked e) {
            IntegrityOutput.invariants(out, e.migration(), e.result());
        } else if (event instanceof RunEvent.SchemaAudited e) {
            IntegrityOutput.schemaAudit(out, e.result());
        } else if (event instanceof RunEvent.RollingBack e) {
            out.line("  " + out.yellow("rolling back") + " the " + e.count() + " migration(s) this run applied,"
                    + " newest first ([safety] on_failure = \"rollback-run\")");
        } else if (event instanceof RunEvent.StatementRunning e) {
            running(e);
        } else if (event instanceof RunEvent.BackfillProgress e) {
            backfill(e);
        } else if (event instanceof RunEvent.BackfillWaiting e) {
            out.line("  " + e.migration().label() + " backfill " + out.yellow("waiting") + " ("
                    + Durations.format(Duration.ofSeconds(e.waited().toSeconds())) + " so far): " + e.reason());
        } else if (event instanceof RunEvent.MigrationApplied e) {
            copiesOfCurrent.clear();
            String verb = e.migration().kind() == MigrationKind.UNDO ? "reverted" : "applied";
            out.line("  " + out.green(verb) + " " + e.migration().label() + " in " + e.took().toMillis() + " ms"
                    + (e.attempts() > 1 ? " (try " + e.attempts() + ")" : ""));
        } else if (event instanceof RunEvent.MigrationFailed e) {
            out.line("  " + out.red("failed ") + " " + e.migration().label());
            if (e.failure().rolledBack() && !copiesOfCurrent.isEmpty()) {
                // The copies were taken in the migration's transaction: they are gone with it, as is what they kept.
                out.line("  the copy " + String.join(", ", copiesOfCurrent) + " was rolled back with the migration"
                        + " (nothing it copied was lost)");
            }
            copiesOfCurrent.clear();
        } else if (event instanceof RunEvent.RunFinished e) {
            String at = e.current().map(v -> "at version " + v).orElse("no version applied");
            out.line(e.applied().isEmpty()
                    ? (rollback ? "Nothing to roll back: " : "Nothing to migrate: ") + at + "."
                    : out.green("Done") + ": " + e.applied().size() + " migration(s) " + (rollback ? "reverted" : "applied")
                            + " in " + seconds(e.took()) + "; now " + at + ".");
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

    /**
     * Why Godwit runs a file without a transaction, in Godwit's words: "... cannot run inside a transaction block"
     * alone read like a PostgreSQL error that had happened.
     */
    static String nonTransactional(String why) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\S+\\.sql:\\d+(?::\\d+)?): (.+) cannot run inside a"
                + " transaction block$").matcher(why);
        if (m.matches()) {
            return "runs without a transaction, one statement at a time: PostgreSQL does not allow " + m.group(2)
                    + " (" + m.group(1) + ") inside one, so Godwit chose this mode for the file";
        }
        return "runs without a transaction, one statement at a time (Godwit chose this mode: " + why + ")";
    }
}
