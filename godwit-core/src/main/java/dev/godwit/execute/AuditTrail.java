package dev.godwit.execute;

import dev.godwit.plan.PreparedMigration;
import dev.godwit.run.Failure;
import dev.godwit.run.RunOutcome;
import dev.godwit.audit.AuditAction;
import dev.godwit.base.Durations;
import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.Version;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit entries of one run. A migration's entry is written on its own connection before COMMIT, so the
 * audit log can never say a migration was applied that was not, or miss one that was.
 */
public final class AuditTrail {

    private final RunSetup setup;
    private final String command;
    private String backupId;
    /** The WAL positions this run's entries carry (point-in-time recovery): at run start, before the migration. */
    private dev.godwit.pitr.WalPosition walAtStart;
    private dev.godwit.pitr.WalPosition walBefore;
    private dev.godwit.pitr.WalPosition walAtEnd;

    public AuditTrail(RunSetup setup, String command) {
        this.setup = setup;
        this.command = command;
    }

    void runStarted(Connection c, List<PreparedMigration> todo, Duration lockWaited) throws SQLException {
        Map<String, Object> d = details();
        d.put("migrations", todo.stream().map(m -> Map.of("script", m.script().script(),
                "checksum", m.script().checksum())).toList());
        d.put("lockWaitMs", lockWaited.toMillis());
        if (backupId != null) {
            d.put("backup", backupId);
        }
        if (walAtStart != null) {
            d.put("wal", walAtStart.toMap());
        }
        append(c, AuditAction.RUN_STARTED, null, d);
        if (lockWaited.toMillis() >= 1000) {
            Map<String, Object> w = details();
            w.put("waited", Durations.format(Duration.ofMillis(lockWaited.toMillis())));
            append(c, AuditAction.LOCK_WAITED, null, w);
        }
    }

    /** {@code --skip-preflight}: who skipped the readiness checks, for which migrations. */
    void preflightSkipped(Connection c, List<PreparedMigration> todo) throws SQLException {
        Map<String, Object> d = details();
        d.put("migrations", todo.stream().map(m -> m.script().script()).toList());
        append(c, AuditAction.PREFLIGHT_SKIPPED, null, d);
    }

    /** The verified backup taken before the run changes anything; its id also goes into run_started. */
    public void backupCreated(Connection c, String id, String sha256, String file, boolean encrypted, String verified)
            throws SQLException {
        backupId = id;
        Map<String, Object> d = details();
        d.put("backup", id);
        d.put("sha256", sha256);
        d.put("file", file);
        d.put("encrypted", encrypted);
        d.put("verified", verified);
        append(c, AuditAction.BACKUP_CREATED, null, d);
    }

    /** On the migration's connection, inside its transaction when it has one. */
    void applied(Connection c, PreparedMigration m, long ms, int attempts, List<String> snapshots)
            throws SQLException {
        Map<String, Object> d = details();
        d.put("script", m.script().script());
        d.put("checksum", m.script().checksum());
        if (m.downChecksum() != null) {
            d.put("downChecksum", m.downChecksum());
        }
        d.put("transactional", m.transactional());
        d.put("durationMs", ms);
        d.put("attempts", attempts);
        if (!snapshots.isEmpty()) {
            d.put("snapshots", snapshots);
        }
        if (walBefore != null) {
            d.put("walBefore", walBefore.toMap());
        }
        AuditAction action = m.script().kind() == MigrationKind.UNDO ? AuditAction.MIGRATION_REVERTED
                : AuditAction.MIGRATION_APPLIED;
        append(c, action, m.script().version(), d);
    }

    /** A batched backfill's milestone ({@code started}, {@code resumed}, {@code batches}, {@code finished}), with its figures. */
    void backfill(Connection c, PreparedMigration m, String phase, Map<String, Object> figures) throws SQLException {
        Map<String, Object> d = details();
        d.put("script", m.script().script());
        d.put("checksum", m.script().checksum());
        d.put("phase", phase);
        d.putAll(figures);
        append(c, AuditAction.BACKFILL_PROGRESS, m.script().version(), d);
    }

    void failed(Connection c, PreparedMigration m, Failure f) throws SQLException {
        Map<String, Object> d = details();
        d.put("script", m.script().script());
        d.put("checksum", m.script().checksum());
        d.put("location", f.location());
        d.put("sqlState", f.sqlState());
        d.put("message", f.message());
        d.put("rolledBack", f.rolledBack());
        d.put("leftBehind", f.leftBehind());
        append(c, AuditAction.MIGRATION_FAILED, m.script().version(), d);
    }

    /** Where the WAL was at {@code moment}, for the entries written next. */
    void wal(String moment, dev.godwit.pitr.WalPosition p) {
        switch (moment) {
            case "run-start" -> walAtStart = p;
            case "before" -> walBefore = p;
            case "run-end" -> walAtEnd = p;
            default -> { } // "after" goes into the report only: the next entry is the next migration's
        }
    }

    void finished(Connection c, RunOutcome outcome, Duration took) throws SQLException {
        Map<String, Object> d = details();
        d.put("durationMs", took.toMillis());
        if (walAtEnd != null) {
            d.put("wal", walAtEnd.toMap());
        }
        if (outcome instanceof RunOutcome.Done done) {
            d.put("applied", scripts(done.applied()));
            d.put("current", done.current().map(Version::text).orElse(null));
            append(c, AuditAction.RUN_FINISHED, null, d);
        } else if (outcome instanceof RunOutcome.Failed f) {
            d.put("failed", f.failed().script());
            d.put("appliedBefore", scripts(f.appliedBefore()));
            d.put("reverted", scripts(f.reverted()));
            d.put("notReverted", f.notReverted());
            append(c, AuditAction.RUN_FAILED, f.failed().version(), d);
        } else if (outcome instanceof RunOutcome.HookFailed h) {
            d.put("hook", h.hook().name());
            d.put("at", h.hook().at().word());
            d.put("appliedBefore", scripts(h.appliedBefore()));
            append(c, AuditAction.RUN_FAILED, null, d);
        }
    }

    /** A hook that ran, on the run's connection (autocommit). */
    void hookRan(Connection c, dev.godwit.hooks.HookRun r) throws SQLException {
        Map<String, Object> d = details();
        d.put("hook", r.name());
        d.put("at", r.at().word());
        d.put("kind", r.kind());
        d.put("origin", r.origin());
        r.migration().ifPresent(m -> d.put("migration", m));
        d.put("status", r.status().word());
        r.exitCode().ifPresent(x -> d.put("exitCode", x));
        d.put("durationMs", r.took().toMillis());
        String out = r.output().strip();
        d.put("output", out.length() <= 2000 ? out : "…" + out.substring(out.length() - 2000));
        append(c, AuditAction.HOOK_RAN, null, d);
    }

    /** A change made under the lock by repair, baseline or clean; {@code changes} says what, in words. */
    public void change(Connection c, AuditAction action, List<String> changes) throws SQLException {
        Map<String, Object> d = details();
        d.put("changes", changes);
        append(c, action, null, d);
    }

    private Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("command", command);
        d.put("database", setup.config().connection().display());
        setup.config().environment().ifPresent(e -> d.put("environment", e));
        return d;
    }

    private void append(Connection c, AuditAction action, Version version, Map<String, Object> details)
            throws SQLException {
        setup.audit().append(c, action, setup.runId(), Optional.ofNullable(version).map(Version::text).orElse(null),
                setup.actor(), details);
    }

    private static List<String> scripts(List<MigrationScript> list) {
        return list.stream().map(MigrationScript::script).toList();
    }
}
