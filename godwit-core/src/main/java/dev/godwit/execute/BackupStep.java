package dev.godwit.execute;

import dev.godwit.backup.BackupException;
import dev.godwit.config.BackupSettings;
import dev.godwit.backup.Backups;
import dev.godwit.backup.Manifest;
import dev.godwit.backup.Verification;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The pipeline's backup step ({@code [backup] before_migrate}): under the lock, with something pending,
 * take a backup and verify it before anything is applied. A backup that fails or does not verify ends the
 * run with nothing applied (exit 7).
 */
final class BackupStep {

    private BackupStep() {}

    static Optional<RunOutcome> run(RunContext ctx) throws SQLException, InterruptedException {
        BackupSettings settings = ctx.config.backup();
        if (!settings.beforeMigrate() || ctx.todo.isEmpty()) {
            return Optional.empty();
        }
        ctx.listener.on(new RunEvent.BackupStarted(settings.where()));
        long started = System.nanoTime();
        // The run's own stop: a signal (or a lost lock) stops pg_dump and removes what it wrote.
        Backups backups = new Backups(ctx.config, ctx.stop);
        Manifest m;
        Verification v;
        try {
            String to = ctx.todo.get(ctx.todo.size() - 1).script().label();
            m = backups.create(new Backups.Request(Optional.of("before migrating to " + to), false,
                    Manifest.PRE_MIGRATE, ctx.runId, Optional.empty()), n -> { });
            v = backups.verify(m, settings.deepVerify() ? Optional.of(Backups.Scratch.embedded()) : Optional.empty());
        } catch (BackupException e) {
            return Optional.of(new RunOutcome.BackupFailed("the backup before migrating failed, so nothing was"
                    + " applied: " + e.getMessage()));
        }
        if (!v.ok()) {
            Verification.Check f = v.firstFailure().orElseThrow();
            return Optional.of(new RunOutcome.BackupFailed("backup " + m.id() + " did not verify (" + f.name() + ": "
                    + f.detail() + "), so nothing was applied"));
        }
        String checks = String.join(", ", v.checks().stream().map(Verification.Check::name).toList());
        ctx.audit.backupCreated(ctx.connection, m.id(), m.sha256(), m.file(), m.encrypted(), checks);
        String where;
        try {
            where = backups.store().locate(m);
        } catch (BackupException e) {
            where = settings.where() + m.file();
        }
        ctx.listener.on(new RunEvent.BackupTaken(m.id(), where, m.size(),
                m.encrypted(), checks, Duration.ofNanos(System.nanoTime() - started)));
        return Optional.empty();
    }
}
