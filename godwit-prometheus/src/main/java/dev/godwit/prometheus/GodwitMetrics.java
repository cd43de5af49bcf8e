package dev.godwit.prometheus;

import dev.godwit.run.RunEvent;
import dev.godwit.run.RunListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import dev.godwit.metrics.State;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Godwit's Prometheus metrics (docs/operations.md lists them with their meanings), in a registry of their
 * own. Two sources feed them: a run's events ({@link #listener}) — counters, durations, waits, what this
 * process saw — and the {@link State} of the database and the backup folder ({@link #update}) — the
 * lock, pending migrations, the last success, backups, integrity and the audit chain, true for any process.
 */
public final class GodwitMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();

    final Gauge databaseUp = gauge("godwit_database_up", "1 when Godwit could read the database's state");
    final Gauge lockActive = gauge("godwit_migration_lock_active", "1 while a session holds the migration lock");
    final Gauge inProgress = gauge("godwit_migration_in_progress", "1 while a migrate or rollback run is under way");
    final Histogram duration = Histogram.builder().name("godwit_migration_duration_seconds")
            .help("How long each applied migration took, retries included").classicOnly()
            .classicUpperBounds(0.1, 0.5, 1, 5, 15, 60, 300, 900, 1800, 3600).register(registry);
    final Counter applied = counter("godwit_migrations_applied_total", "Migrations this process applied (or reverted)");
    final Counter failed = counter("godwit_migrations_failed_total", "Migrations that failed in this process");
    final Gauge lockWait = gauge("godwit_lock_wait_seconds", "How long the last run waited for the migration lock");
    final Counter retries = counter("godwit_lock_retries_total",
            "Statements retried because a table lock was not free within lock_timeout");
    final Gauge pending = gauge("godwit_pending_migrations", "Migrations found in the files and not yet applied");
    final Gauge lastSuccess = gauge("godwit_last_success_timestamp_seconds",
            "When a migration last applied successfully (Unix time; 0: never)");
    final Gauge lastFailure = gauge("godwit_last_failure_timestamp_seconds",
            "When a migration last failed, from the audit log (Unix time; 0: never)");
    final Gauge lastBackup = gauge("godwit_backup_last_success_timestamp_seconds",
            "When the newest verified backup was taken (Unix time; 0: none)");
    final Gauge integrityOk = gauge("godwit_integrity_check_ok",
            "1 when the schema audit and this process's data invariants found nothing wrong");
    final Gauge auditOk = gauge("godwit_audit_chain_ok", "1 when the audit log's hash chain verifies");
    final Gauge preflightStatus = gauge("godwit_preflight_status",
            "The last readiness check's verdict in this process: 0 pass, 1 warn, 2 fail");

    /** A run's invariant failure outlives the state's schema audit: it is this process's finding. */
    private volatile boolean invariantsFailed;

    private Gauge gauge(String name, String help) {
        return Gauge.builder().name(name).help(help).register(registry);
    }

    private Counter counter(String name, String help) {
        return Counter.builder().name(name).help(help).register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** Sets the state metrics from what the database says now. */
    public void update(State s) {
        databaseUp.set(1);
        lockActive.set(s.lockActive() ? 1 : 0);
        if (s.lockActive()) {
            inProgress.set(1);
        }
        pending.set(s.pending());
        lastSuccess.set(seconds(s.lastSuccess()));
        lastFailure.set(seconds(s.lastFailure()));
        lastBackup.set(seconds(s.lastBackup()));
        integrityOk.set(s.integrityProblems().isEmpty() && !invariantsFailed ? 1 : 0);
        auditOk.set(s.auditBreak().isEmpty() ? 1 : 0);
    }

    /** The database could not be read: the state metrics keep their last values, and up says so. */
    public void databaseDown() {
        databaseUp.set(0);
    }

    /** The end of a run, however it ended: nothing is in progress any more in this process. */
    public void runEnded() {
        inProgress.set(0);
        lockActive.set(0);
    }

    /** Updates the run metrics from a run's events. */
    public RunListener listener() {
        return this::on;
    }

    private void on(RunEvent e) {
        if (e instanceof RunEvent.RunStarted) {
            inProgress.set(1);
        } else if (e instanceof RunEvent.PreflightChecked p) {
            preflightStatus.set(p.report().status().ordinal());
        } else if (e instanceof RunEvent.LockAcquired l) {
            lockActive.set(1);
            lockWait.set(l.waited().toNanos() / 1e9);
        } else if (e instanceof RunEvent.LockRetry) {
            retries.inc();
        } else if (e instanceof RunEvent.BackupTaken) {
            lastBackup.set(seconds(Optional.of(Instant.now())));
        } else if (e instanceof RunEvent.InvariantsChecked i && !i.result().violations().isEmpty()) {
            invariantsFailed = true;
            integrityOk.set(0);
        } else if (e instanceof RunEvent.MigrationApplied a) {
            applied.inc();
            duration.observe(a.took().toNanos() / 1e9);
            lastSuccess.set(seconds(Optional.of(Instant.now())));
        } else if (e instanceof RunEvent.MigrationFailed f) {
            failed.inc();
            lastFailure.set(seconds(Optional.of(Instant.now())));
            if (f.failure().integrity()) {
                invariantsFailed = true;
                integrityOk.set(0);
            }
        } else if (e instanceof RunEvent.RunFinished) {
            runEnded();
        }
    }

    /** The Prometheus text format (version 0.0.4), as node_exporter's textfile collector reads it. */
    public String text() {
        return new String(exposition(null).body(), StandardCharsets.UTF_8);
    }

    /** A scrape's body and content type. */
    public record Exposition(String contentType, byte[] body) {}

    /**
     * The metrics in the format an {@code Accept} header asks for: OpenMetrics text when it names
     * {@code application/openmetrics-text}, else the Prometheus text format 0.0.4. No protobuf: the text formats
     * are what Prometheus, node_exporter and every agent read, and the protobuf writer is most of the client's size.
     */
    public Exposition exposition(String accept) {
        boolean open = accept != null && accept.contains("application/openmetrics-text");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (open) {
                OpenMetricsTextFormatWriter w = OpenMetricsTextFormatWriter.create();
                w.write(out, registry.scrape());
                return new Exposition(w.getContentType(), out.toByteArray());
            }
            PrometheusTextFormatWriter w = PrometheusTextFormatWriter.create();
            w.write(out, registry.scrape());
            return new Exposition(w.getContentType(), out.toByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double seconds(Optional<Instant> t) {
        return t.map(i -> i.toEpochMilli() / 1000.0).orElse(0.0);
    }
}
