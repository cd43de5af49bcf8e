package dev.godwit.execute;

import dev.godwit.plan.PreparedMigration;
import dev.godwit.plan.Planner;
import dev.godwit.run.RunListener;
import dev.godwit.config.GodwitConfig;
import dev.godwit.lock.MigrationLock;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.Version;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the steps of one `migrate` run share. Closing it releases the lock and the connections. */
public final class RunContext implements AutoCloseable {

    final RunSetup setup;
    final GodwitConfig config;
    final RunListener listener;
    final String runId;
    final MigrationLock.Requester requester;
    final AuditTrail audit;
    final Optional<Version> target;
    final Connection connection;
    Connection lockConnection;
    MigrationLock lock;
    Duration lockWaited = Duration.ZERO;
    Planner.Planned planned;
    /** What the apply step runs, in order: pending up migrations, or the down scripts of a rollback. */
    List<PreparedMigration> todo = List.of();
    /** The lint of the pending migrations, once the gate has run: the applier waits for quiet by it. */
    dev.godwit.lint.LintReport lint;
    /** {@code migrate --phase expand|contract}: empty runs every phase. */
    Optional<dev.godwit.sql.Phase> phase = Optional.empty();
    /** {@code migrate --skip-preflight}: the readiness checks do not run (and the audit log says so). */
    boolean skipPreflight;
    /** On failure, revert what this run applied ([safety] on_failure permitting); false for rollbacks. */
    boolean revertOnFailure;
    final List<MigrationScript> applied = new ArrayList<>();
    /**
     * This run's own stop: requested by the setup's cancellation (a signal) or by the lock when it is lost. What
     * stops the work quickly (cancelling the running statement) registers here.
     */
    final dev.godwit.base.Cancellation stop = new dev.godwit.base.Cancellation();
    private final dev.godwit.base.Cancellation.Registration signal;
    /** How long each migration this run applied took: reverting them after a signal must fit the grace period. */
    final java.util.Map<MigrationScript, Duration> took = new java.util.HashMap<>();
    /** Whether run_started was written: from then on, how the run ended is audited too. */
    boolean started;
    /** migrate or rollback. */
    final String command;
    /** The run's hooks ({@code [[hooks]]}, Flyway callbacks); none unless the API gave them. */
    dev.godwit.hooks.Hooks hooks = dev.godwit.hooks.Hooks.none();
    /** Whether the before_run / before_rollback hooks were reached: then the after hooks run whatever the end. */
    boolean hooksArmed;

    RunContext(RunSetup setup, String command, Optional<Version> target, Connection connection) {
        this.setup = setup;
        this.config = setup.config();
        this.listener = setup.listener();
        this.runId = setup.runId();
        this.requester = setup.requester();
        this.audit = new AuditTrail(setup, command);
        this.command = command;
        this.target = target;
        this.connection = connection;
        this.signal = setup.cancellation().onRequest(() -> stop.request(setup.cancellation().reason().orElse("stop")));
    }

    /** Why the run must stop, if it must: the lock is gone, or a stop was requested. */
    java.util.Optional<String> stopReason() {
        if (lock != null && lock.lost().isPresent()) {
            return lock.lost();
        }
        return stop.reason();
    }

    @Override
    public void close() {
        signal.close();
        try {
            if (lock != null) {
                lock.close();
            }
        } catch (SQLException ignored) {
            // closing the lock's session below releases the advisory lock anyway
        }
        closeQuietly(lockConnection);
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing left to do with it
            }
        }
    }
}
