package dev.godwit.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a run in the log, at INFO (the CLI's {@code -v}; an application's own logging configuration): the
 * run, preflight, the gate, the lock, the backup, each migration and its retries, how it ended. Every run of the API
 * has it; with INFO off it costs one check per event.
 */
public final class RunLog implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.godwit.run");

    @Override
    public void on(RunEvent e) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String line = describe(e);
        if (line != null) {
            LOG.info(line);
        }
    }

    /** One line per event; null for the events that only drive a display. */
    static String describe(RunEvent e) {
        if (e instanceof RunEvent.RunStarted s) {
            return "run " + s.runId() + " on " + s.database() + ": " + s.pending() + " to apply, now at "
                    + s.current().map(v -> "version " + v).orElse("no version");
        }
        if (e instanceof RunEvent.PreflightChecked p) {
            return "preflight: " + p.report().status();
        }
        if (e instanceof RunEvent.PreflightSkipped) {
            return "preflight skipped (--skip-preflight)";
        }
        if (e instanceof RunEvent.Linted l) {
            return "lint: " + l.findings().size() + " finding(s), max_risk " + l.maxRisk().word();
        }
        if (e instanceof RunEvent.LockWaiting w) {
            return "waiting for the migration lock" + w.holder().map(h -> ", held by " + h.describe()).orElse("");
        }
        if (e instanceof RunEvent.LockAcquired a) {
            return "migration lock taken after " + a.waited().toMillis() + " ms";
        }
        if (e instanceof RunEvent.BackupStarted b) {
            return "backup into " + b.dir();
        }
        if (e instanceof RunEvent.BackupTaken b) {
            return "backup " + b.id() + ": " + b.bytes() + " bytes in " + b.took().toMillis() + " ms";
        }
        if (e instanceof RunEvent.MigrationStarted m) {
            return "applying " + m.migration().label() + m.nonTransactionalBecause().map(w -> " (no transaction: "
                    + w + ")").orElse(" in one transaction");
        }
        if (e instanceof RunEvent.LockRetry r) {
            return r.location() + ": lock not free, attempt " + r.attempt() + " of " + r.maxAttempts() + ", retry in "
                    + r.delay().toMillis() + " ms";
        }
        if (e instanceof RunEvent.StatementRunning r) {
            return r.location() + " still running after " + r.elapsed().toSeconds() + " s"
                    + r.progress().map(p -> ": " + p).orElse("") + r.blockedBy().map(b -> "; waiting for " + b).orElse("");
        }
        if (e instanceof RunEvent.BackfillProgress b) {
            return b.migration().label() + " backfill: " + b.rowsDone() + " rows in " + b.batches() + " batches, up to key "
                    + b.lastKey().orElse("-");
        }
        if (e instanceof RunEvent.BackfillWaiting w) {
            return w.migration().label() + " backfill waiting: " + w.reason();
        }
        if (e instanceof RunEvent.MigrationApplied a) {
            return "applied " + a.migration().label() + " in " + a.took().toMillis() + " ms";
        }
        if (e instanceof RunEvent.MigrationFailed f) {
            return "failed " + f.migration().label() + ": " + f.failure().message();
        }
        if (e instanceof RunEvent.RunFinished f) {
            return "run finished: " + f.applied().size() + " applied in " + f.took().toMillis() + " ms";
        }
        return null;
    }
}
