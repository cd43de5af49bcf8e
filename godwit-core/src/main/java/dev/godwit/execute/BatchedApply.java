package dev.godwit.execute;

import dev.godwit.backfill.BackfillProgress;
import dev.godwit.backfill.BatchKey;
import dev.godwit.backfill.Throttle;
import dev.godwit.base.Durations;
import dev.godwit.integrity.GuardResult;
import dev.godwit.integrity.InvariantGuard;
import dev.godwit.migration.MigrationScript;
import dev.godwit.plan.PreparedMigration;
import dev.godwit.run.Failure;
import dev.godwit.run.RunEvent;
import dev.godwit.sql.BatchDirective;
import dev.godwit.sql.BatchStatement;
import dev.godwit.sql.SqlScript;
import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.SqlSyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@code -- godwit:batch} migration: its one data statement in keyset batches over the table's key, each
 * batch a short transaction of its own (lock_timeout, retries, invariants, the fence before COMMIT) that also writes
 * how far the backfill got. The history row is written by the last batch's transaction only, so a run that stops
 * (kill -9, SIGTERM, max_runtime) leaves the migration pending with its progress, and the next run resumes after the
 * last committed key: every row is changed exactly once. Between batches: the pause, and the throttle's waits.
 */
final class BatchedApply {

    /** An audit entry every this many batches (besides start, stop and end). */
    static final int AUDIT_EVERY = 100;
    private static final long EVENT_EVERY_NANOS = 1_000_000_000L;
    private static final long WAIT_EVENT_EVERY_NANOS = 5_000_000_000L;
    /** A throttle's wait doubles from 250 ms up to this, between two looks. */
    static final Duration MAX_WAIT = Duration.ofSeconds(2);

    private final MigrationApplier a;
    private final PreparedMigration m;
    private final BatchDirective d;
    private final MigrationScript script;
    private final SqlStatement source;

    private BatchKey key;
    private BatchStatement statement;
    private Optional<String> last = Optional.empty();
    private long rowsDone;
    private long keysDone;
    private long batches;
    private boolean resumed;
    private long estimatedRows;
    private final long startedNanos = System.nanoTime();
    private long rowsThisRun;
    private long batchesThisRun;
    private long keysThisRun;
    private long lastEventNanos;
    private Duration waited = Duration.ZERO;

    BatchedApply(MigrationApplier applier, PreparedMigration m, BatchDirective d) {
        this.a = applier;
        this.m = m;
        this.d = d;
        this.script = m.script();
        this.source = m.statements().get(0).source();
    }

    /** The file's batch directive, if it has one (the preparer checked the file's statement already). */
    static Optional<BatchDirective> directive(PreparedMigration m) {
        if (m.statements().size() != 1) {
            return Optional.empty();
        }
        try {
            return SqlScript.parse(m.script().text()).directives().batch();
        } catch (SqlSyntaxException e) {
            return Optional.empty(); // not prepared then: the preparer reported it
        }
    }

    MigrationApplier.Outcome run() throws InterruptedException {
        try {
            a.connection.setAutoCommit(true);
            start();
        } catch (SQLException e) {
            return a.failed(m, a.failure(m, source, e, true, List.of()));
        }
        try (java.sql.Connection canaryConnection = a.canaryConnection()) {
            return batches(new Throttle(d.maxLag(), key.oid(), Optional.ofNullable(canaryConnection).map(c ->
                    new Throttle.Canary(c, a.backfillSettings.canaryQuery().orElseThrow(),
                            a.backfillSettings.canaryMax()))));
        } catch (SQLException e) {
            return a.failed(m, a.failure(m, source, e, batches == 0, leftBehind()));
        }
    }

    private MigrationApplier.Outcome batches(Throttle throttle) throws InterruptedException {
        while (true) {
            try {
                a.checkStop();
                Optional<MigrationApplier.Outcome> paused = pausedIfOverRuntime();
                if (paused.isPresent()) {
                    return paused.get();
                }
                paused = awaitThrottle(throttle);
                if (paused.isPresent()) {
                    return paused.get();
                }
            } catch (SQLException e) {
                return a.failed(m, a.failure(m, source, e, batches == 0, leftBehind()));
            }
            Optional<MigrationApplier.Outcome> end = batch(throttle);
            if (end.isPresent()) {
                return end.get();
            }
            a.stop.await(d.pause()); // a stop requested meanwhile ends the wait; the check above then stops the run
        }
    }

    /** The key, the statement with room for a key range, and where an earlier run stopped. */
    private void start() throws SQLException {
        try {
            statement = BatchStatement.of(SqlScript.parse(m.statements().get(0).sql()).statements().get(0));
        } catch (SqlSyntaxException e) {
            throw new SQLException(e.problem(), BatchKey.NO_KEY);
        }
        key = BatchKey.resolve(a.connection, statement.table(), d.key());
        a.backfills.create(a.connection);
        Optional<BackfillProgress.Row> prior = a.backfills.read(a.connection, script.script());
        if (prior.isPresent()) {
            BackfillProgress.Row p = prior.get();
            if (!p.checksum().equals(script.checksum())) {
                throw new SQLException(script.script() + " changed since its backfill started (" + p.batches()
                        + " batches, " + p.rowsDone() + " rows done up to key " + p.lastKey().orElse("-") + "), so"
                        + " resuming it could change rows in two ways: restore the file as it was, or start over by"
                        + " deleting its progress (delete from " + a.backfills.qualifiedName() + " where script = '"
                        + script.script() + "') when running the new statement over the done rows again is safe",
                        BatchKey.NO_KEY);
            }
            if (!p.keyColumn().equals(key.column())) {
                throw new SQLException("the backfill of " + script.script() + " walked key " + p.keyColumn()
                        + " and now would walk " + key.column() + ": restore key=" + p.keyColumn(), BatchKey.NO_KEY);
            }
            last = p.lastKey();
            rowsDone = p.rowsDone();
            keysDone = p.keysDone();
            batches = p.batches();
            resumed = true;
        }
        try (Statement s = a.connection.createStatement();
             ResultSet rs = s.executeQuery("select greatest(reltuples, 0)::bigint from pg_class where oid = " + key.oid())) {
            estimatedRows = rs.next() ? rs.getLong(1) : 0;
        }
        Map<String, Object> f = figures();
        f.put("table", statement.table());
        f.put("key", key.column());
        f.put("size", d.size());
        a.audit.backfill(a.connection, m, resumed ? "resumed" : "started", f);
        progress(true);
    }

    /** One batch with its retries; the outcome when it was the last one (or the backfill stopped). */
    private Optional<MigrationApplier.Outcome> batch(Throttle throttle) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            try {
                a.connection.setAutoCommit(false);
                a.setTimeouts(m, "set local");
                Optional<String> upper = upperKey();
                String sql = statement.sql(key.range(statement.qualifier(), last, upper));
                InvariantGuard.Watch invariants = a.guard.before(a.connection, script, List.of(sql), Optional.of(
                        new InvariantGuard.Scope(key.oid(), key.range("", last, upper))));
                if (statement.kind().equals("DELETE") || statement.kind().equals("UPDATE")) {
                    a.snapshotBatch(m, source, sql);
                }
                a.checkStop();
                int changed = Math.max(0, a.execute(sql, m.lockTimeout()));
                GuardResult checked = invariants.after(a.connection);
                if (checked.violated() || batchesThisRun == 0) {
                    a.checked(m, checked); // what the checks are is said once; a violation, whenever it comes
                }
                if (checked.violated()) {
                    a.rollbackQuietly();
                    return Optional.of(a.failed(m, Failure.integrity(m.location(source), checked, leftBehind())));
                }
                long keys = upper.isPresent() ? d.size() : 0;
                boolean lastBatch = upper.isEmpty();
                BackfillProgress.Row row = new BackfillProgress.Row(script.script(),
                        script.version() == null ? null : script.version().text(), script.checksum(), key.column(),
                        upper, rowsDone + changed, keysDone + keys, batches + 1, a.runId, null, null);
                if (lastBatch) {
                    a.fence();
                    a.guardVersion(m);
                    long ms = (System.nanoTime() - startedNanos) / 1_000_000;
                    a.history.insert(a.connection, a.row(m, ms, true, null));
                    a.backfills.delete(a.connection, script.script());
                    rowsDone += changed;
                    batches++;
                    a.audit.backfill(a.connection, m, "finished", figures());
                    a.audit.applied(a.connection, m, ms, 1, List.of());
                    a.connection.commit();
                    progress(true);
                    return Optional.of(new MigrationApplier.Outcome.Applied(Duration.ofMillis(ms), 1));
                }
                a.backfills.save(a.connection, row);
                if ((batches + 1) % AUDIT_EVERY == 0) {
                    Map<String, Object> f = figures();
                    f.put("batches", batches + 1);
                    f.put("rowsDone", rowsDone + changed);
                    f.put("lastKey", upper.get());
                    a.audit.backfill(a.connection, m, "batches", f);
                }
                a.fence();
                a.connection.commit();
                last = upper;
                rowsDone += changed;
                keysDone += keys;
                batches++;
                rowsThisRun += changed;
                batchesThisRun++;
                keysThisRun += keys;
                a.autocommitQuietly();
                throttle.committed(a.connection);
                progress(false);
                return Optional.empty();
            } catch (SQLException e) {
                a.rollbackQuietly();
                if (MigrationApplier.retryable(e) && attempt < a.maxAttempts && a.stopReason().isEmpty()) {
                    a.waitBeforeRetry(m, source, attempt);
                    continue;
                }
                return Optional.of(stopped(e));
            } finally {
                a.autocommitQuietly();
            }
        }
    }

    /** The key that ends the next batch; empty when fewer than {@code size} keys are left (the last batch). */
    private Optional<String> upperKey() throws SQLException {
        try (Statement s = a.connection.createStatement();
             ResultSet rs = s.executeQuery(key.nextUpperSql(last, d.size()))) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** Waits while the throttle says so; the outcome when max_runtime ends the wait. */
    private Optional<MigrationApplier.Outcome> awaitThrottle(Throttle throttle) throws SQLException, InterruptedException {
        long since = System.nanoTime();
        long reported = 0;
        Duration wait = Duration.ofMillis(250);
        Optional<String> reason;
        while ((reason = throttle.reason(a.connection)).isPresent()) {
            long now = System.nanoTime();
            if (reported == 0 || now - reported >= WAIT_EVENT_EVERY_NANOS) {
                reported = now;
                a.listener.on(new RunEvent.BackfillWaiting(script, reason.get(), Duration.ofNanos(now - since)));
            }
            Optional<MigrationApplier.Outcome> paused = pausedIfOverRuntime();
            if (paused.isPresent()) {
                return paused;
            }
            a.stop.await(wait);
            wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            a.checkStop();
        }
        waited = waited.plusNanos(System.nanoTime() - since);
        return Optional.empty();
    }

    /** Past max_runtime: stops cleanly between batches (exit 12); the next run resumes. */
    private Optional<MigrationApplier.Outcome> pausedIfOverRuntime() {
        if (d.maxRuntime().isEmpty() || System.nanoTime() - startedNanos < d.maxRuntime().get().toNanos()) {
            return Optional.empty();
        }
        String message = "stopped after max_runtime=" + Durations.format(d.maxRuntime().get()) + ", as the file asks"
                + " (line " + d.line() + "), between two batches";
        Failure f = new Failure(m.location(source), message, source.summary(), Failure.BACKFILL_PAUSED, batches == 0,
                leftBehind());
        auditStopped("paused");
        return Optional.of(a.failed(m, f));
    }

    private MigrationApplier.Outcome stopped(SQLException e) {
        auditStopped("stopped");
        return a.failed(m, a.failure(m, source, e, batches == 0, leftBehind()));
    }

    /** The audit log hears of a backfill that stopped part-way, with its figures (best effort: the session may be gone). */
    private void auditStopped(String phase) {
        if (batches == 0) {
            return;
        }
        try {
            a.connection.setAutoCommit(true);
            a.audit.backfill(a.connection, m, phase, figures());
        } catch (SQLException ignored) {
            // the failure's own audit entry says why it stopped; the progress row says how far it got
        }
    }

    /** What a backfill that stopped part-way leaves, and what the next run does. */
    private List<String> leftBehind() {
        List<String> left = new ArrayList<>();
        if (batches == 0) {
            left.add("no batch of the backfill was committed");
            return left;
        }
        left.add(rowsDone + " row(s) in " + batches + " batch(es) are committed, up to key " + key.column() + " = "
                + last.orElse("-") + " (recorded in " + a.backfills.qualifiedName() + ")");
        left.add("the migration is not recorded as applied: the next `godwit migrate` resumes after that key, so no"
                + " row is changed twice (`godwit status` shows it in progress)");
        return left;
    }

    private Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("rowsDone", rowsDone);
        f.put("batches", batches);
        f.put("lastKey", last.orElse(null));
        return f;
    }

    /** A progress event: the first, the last, and about one a second between. */
    private void progress(boolean always) {
        long now = System.nanoTime();
        if (!always && now - lastEventNanos < EVENT_EVERY_NANOS) {
            return;
        }
        lastEventNanos = now;
        Duration elapsed = Duration.ofNanos(now - startedNanos);
        double seconds = Math.max(1e-3, elapsed.minus(waited).toNanos() / 1e9);
        double rate = rowsThisRun / seconds;
        Optional<Double> fraction = estimatedRows > 0
                ? Optional.of(Math.min(1.0, (double) keysDone / estimatedRows)) : Optional.empty();
        Optional<Duration> left = Optional.empty();
        if (estimatedRows > keysDone && keysThisRun > 0) {
            left = Optional.of(Duration.ofSeconds(Math.round((estimatedRows - keysDone) / (keysThisRun / seconds))));
        }
        a.listener.on(new RunEvent.BackfillProgress(script, rowsDone, keysDone, batches, last, rate, fraction, left,
                elapsed, resumed, waited));
    }
}
