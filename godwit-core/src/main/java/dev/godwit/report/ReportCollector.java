package dev.godwit.report;

import dev.godwit.run.Blocker;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunListener;
import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.Version;
import dev.godwit.snapshot.SnapshotOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hears a run's events and keeps what its report needs. One per run. */
public final class ReportCollector implements RunListener {

    private Instant startedAt = Instant.now();
    private Optional<Version> before = Optional.empty();
    private final List<RunReport.Entry> entries = new ArrayList<>();
    private Builder current;
    private String backupId;
    private final List<String> lint = new java.util.ArrayList<>();
    private final List<String> hooks = new java.util.ArrayList<>();
    private final List<RunReport.WalMark> wal = new java.util.ArrayList<>();
    private dev.godwit.pitr.WalPosition walAtStart;

    private static final class Builder {
        final MigrationScript script;
        final String mode;
        final List<String> retries = new ArrayList<>();
        final List<String> snapshots = new ArrayList<>();
        final List<String> checks = new ArrayList<>();
        RunEvent.BackfillProgress progress;
        /** What the throttles waited for (lock waits, replication lag, canary query), in the order first seen. */
        final java.util.Set<String> waitedFor = new java.util.LinkedHashSet<>();

        Builder(MigrationScript script, String mode) {
            this.script = script;
            this.mode = mode;
        }

        RunReport.Entry build(String action, long ms, int attempts, String failure) {
            return new RunReport.Entry(script.label(), script.script(), script.checksum(), action, ms, attempts, mode,
                    List.copyOf(retries), List.copyOf(snapshots), failure, List.copyOf(checks), backfill());
        }

        /** A batched backfill's last progress: rows, batches, rate, and how long it waited and for what. */
        List<String> backfill() {
            if (progress == null) {
                return List.of();
            }
            return List.of(String.format(java.util.Locale.ROOT, "backfill: %,d rows changed in %,d batches%s; %,.0f"
                    + " rows/s in this run of %s, %s of it waiting%s", progress.rowsDone(), progress.batches(),
                    progress.resumed() ? " (over every run, this one resumed)" : "", progress.rowsPerSecond(),
                    dev.godwit.base.Durations.format(progress.elapsed()),
                    dev.godwit.base.Durations.format(progress.waited()),
                    waitedFor.isEmpty() ? "" : " (" + String.join(", ", waitedFor) + ")"));
        }
    }

    @Override
    public synchronized void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted e) {
            startedAt = Instant.now();
            before = e.current();
        } else if (event instanceof RunEvent.Linted e) {
            e.findings().forEach(f -> lint.add(f.location() + " " + f.risk().word() + " " + f.rule() + ": "
                    + f.message() + f.allowedBecause().map(r -> " — allowed: " + r).orElse("")));
        } else if (event instanceof RunEvent.HookRan e) {
            hooks.add(e.run().describe() + (e.run().ok() || e.run().output().isBlank() ? ""
                    : "\n" + e.run().output().strip()));
        } else if (event instanceof RunEvent.WalMarked e) {
            var p = e.position();
            wal.add(new RunReport.WalMark(e.moment(), e.migration().map(MigrationScript::script).orElse(null), p.lsn(),
                    p.timeline(), p.walFile(), p.serverTime(), p.nextXid()));
            if ("run-start".equals(e.moment())) {
                walAtStart = p;
            }
        } else if (event instanceof RunEvent.BackupTaken e) {
            backupId = e.id();
        } else if (event instanceof RunEvent.MigrationStarted e) {
            current = new Builder(e.migration(), e.nonTransactionalBecause()
                    .map(why -> "outside a transaction: " + why).orElse("one transaction"));
        } else if (event instanceof RunEvent.LockRetry e && current != null) {
            current.retries.add("try " + e.attempt() + " hit lock_timeout at " + e.location() + "; waited "
                    + e.delay().toMillis() + " ms" + (e.blockers().isEmpty() ? ""
                    : "; blocked by " + String.join("; ", e.blockers().stream().map(Blocker::describe).toList())));
        } else if (event instanceof RunEvent.BackfillProgress e && current != null) {
            current.progress = e;
        } else if (event instanceof RunEvent.BackfillWaiting e && current != null) {
            // The kind of wait, not its figures: "lock waits: 2 session(s) …" is "lock waits".
            int colon = e.reason().indexOf(':');
            current.waitedFor.add(e.reason().startsWith("canary query") ? "canary query"
                    : colon > 0 ? e.reason().substring(0, colon) : e.reason());
        } else if (event instanceof RunEvent.SnapshotTaken e && current != null) {
            current.snapshots.add(describe(e));
        } else if (event instanceof RunEvent.InvariantsChecked e && current != null) {
            current.checks.clear(); // a retried migration's earlier checks were rolled back with it
            e.result().results().forEach(r -> current.checks.add(r.describe() + ": " + r.status().words() + " ("
                    + r.how() + ")"));
            current.checks.add("the checks took " + e.result().added().toMillis() + " ms");
        } else if (event instanceof RunEvent.MigrationApplied e && current != null) {
            String action = e.migration().kind() == MigrationKind.UNDO ? "reverted" : "applied";
            entries.add(current.build(action, e.took().toMillis(), e.attempts(), null));
            current = null;
        } else if (event instanceof RunEvent.MigrationFailed e && current != null) {
            entries.add(current.build("failed", 0, 0, e.failure().describe()));
            current = null;
        }
    }

    private static String describe(RunEvent.SnapshotTaken e) {
        if (e.outcome() instanceof SnapshotOutcome.Taken t) {
            return t.snapshot().name() + ": " + t.snapshot().rows() + " row(s) before " + e.location() + " ("
                    + t.snapshot().reason() + ")";
        }
        SnapshotOutcome.Skipped s = (SnapshotOutcome.Skipped) e.outcome();
        return "no copy of " + s.table() + " before " + e.location() + ": " + s.why();
    }

    public synchronized Instant startedAt() {
        return startedAt;
    }

    public synchronized Optional<Version> versionBefore() {
        return before;
    }

    /** The id of the backup taken before the run, if one was. */
    /** Every lint finding of the pending migrations, allowed ones with their reasons. */
    public synchronized List<String> lint() {
        return List.copyOf(lint);
    }

    /** Every hook that ran, in order, described; a failed one with its (redacted) output. */
    public synchronized List<String> hooks() {
        return List.copyOf(hooks);
    }

    public synchronized List<RunReport.WalMark> wal() {
        return List.copyOf(wal);
    }

    /** How to restore to the moment before the run, when its WAL position is known. */
    public synchronized List<String> recovery() {
        return walAtStart == null ? List.of() : dev.godwit.pitr.RecoveryTarget.before(walAtStart);
    }

    public synchronized Optional<String> backupId() {
        return Optional.ofNullable(backupId);
    }

    public synchronized List<RunReport.Entry> entries() {
        return List.copyOf(entries);
    }
}
