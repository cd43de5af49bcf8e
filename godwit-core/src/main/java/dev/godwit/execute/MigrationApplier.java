package dev.godwit.execute;

import dev.godwit.db.Connector;

import dev.godwit.plan.Reverts;
import dev.godwit.plan.PreparedMigration;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunListener;
import dev.godwit.run.Blocker;
import dev.godwit.run.Failure;
import dev.godwit.base.Durations;
import dev.godwit.config.SafetySettings;
import dev.godwit.snapshot.SnapshotOutcome;
import dev.godwit.snapshot.Snapshots;
import dev.godwit.history.HistoryTable;
import dev.godwit.integrity.GuardResult;
import dev.godwit.integrity.InvariantGuard;
import dev.godwit.history.AppliedVersions;
import dev.godwit.lock.LockLostException;
import dev.godwit.lock.MigrationLock;
import dev.godwit.lock.OwnSession;
import dev.godwit.migration.MigrationKind;
import dev.godwit.base.Cancellation;
import dev.godwit.migration.MigrationScript;
import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.Analyzer;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * Applies one prepared migration on the migration connection.
 *
 * <p>A transactional migration runs in one transaction under {@code SET LOCAL lock_timeout} and
 * {@code statement_timeout}, its history row written in the same transaction. When a statement cannot get
 * its lock in time (SQLSTATE 55P03) or loses a deadlock (40P01), the whole migration is rolled back, so
 * nothing queues behind it, and tried again after a backoff, naming the sessions that blocked it.
 *
 * <p>A non-transactional migration (CONCURRENTLY, VACUUM, …) runs statement by statement in autocommit;
 * a lock timeout retries only the statement that hit it, after dropping any INVALID index the failed
 * build left. When it fails for good, a failed history row records the statement it stopped at.
 */
public final class MigrationApplier implements AutoCloseable {

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String DEADLOCK = "40P01";

    final Connection connection;
    final MigrationLock lock;
    final HistoryTable history;
    final String runId;
    final RunListener listener;
    final int maxAttempts;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final int backendPid;
    private final int serverMajor;
    /** How long to wait for the tables a statement locks to be quiet ([migrations] quiet_wait). */
    private final Duration quietWait;
    private final SafetySettings safety;
    final AuditTrail audit;
    /** The snapshots the migration being applied took, for its audit entry. */
    private final List<String> snapshotsTaken = new java.util.ArrayList<>();
    private final Snapshots snapshots = new Snapshots(Snapshots.DEFAULT_SCHEMA);
    final InvariantGuard guard;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "godwit-blocker-watch");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<List<Blocker>> lastBlockers = new AtomicReference<>(List.of());
    /**
     * The tables the transactional migration being applied created so far: nobody else can see them until it
     * commits, so waiting for them to be quiet would only cost a round trip per statement.
     */
    private final List<Relation> createdHere = new ArrayList<>();
    /**
     * The tables earlier migrations of this run created (committed, so others could see them since): no
     * application had them before this run, so a statement on one skips the look in {@code pg_locks}. Its lock
     * timeout still guards it: should a session hold such a table after all, the statement gives up and retries.
     */
    private final List<Relation> createdThisRun = new ArrayList<>();
    /** The database's own guard against a second application of a version. */
    private final AppliedVersions appliedVersions;
    /** Where batched backfills stand ({@code -- godwit:batch}). */
    final dev.godwit.backfill.BackfillProgress backfills;
    private final Connector connector;
    final dev.godwit.config.BackfillSettings backfillSettings;
    private final Cancellation signals;
    /** The run's stop (a signal, or the lock found lost); none until {@link #watching} says. */
    Cancellation stop = Cancellation.none();
    private Cancellation.Registration cancelOnStop;
    private Cancellation.Registration cancelOnHardExit;
    /** Reverts after an interruption run on although the stop was requested (they must be let finish). */
    private volatile boolean finishing;
    /** When the running statement was sent, and whether the watcher already cancelled it once for a late stop. */
    private volatile long statementStartedNanos;
    private volatile boolean recancelled;

    public MigrationApplier(Connection connection, MigrationLock lock, RunSetup setup, AuditTrail audit,
                            RandomGenerator random) throws SQLException {
        var settings = setup.config().migrate();
        this.connection = connection;
        this.lock = lock;
        this.history = new HistoryTable(setup.config().schema());
        this.runId = setup.runId();
        this.listener = setup.listener();
        this.maxAttempts = settings.maxAttempts();
        this.backoff = new Backoff(settings.retryBaseDelay(), settings.retryMaxDelay());
        this.random = random;
        this.safety = setup.config().safety();
        this.audit = audit;
        this.guard = new InvariantGuard(setup.config().checks(), setup.config().lint().money(),
                setup.config().placeholders());
        this.appliedVersions = new AppliedVersions(setup.config().schema());
        this.backfills = new dev.godwit.backfill.BackfillProgress(setup.config().schema());
        this.connector = setup.connector();
        this.backfillSettings = setup.config().backfill();
        this.signals = setup.cancellation();
        OwnSession.prepare(connection);
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("select pg_backend_pid(), current_setting('server_version_num')::int")) {
            rs.next();
            this.backendPid = rs.getInt(1);
            this.serverMajor = rs.getInt(2) / 10000;
        }
        this.quietWait = settings.quietWait();
        // A second signal exits at once: the statement must not run on without Godwit on the server.
        this.cancelOnHardExit = signals.onHardExit(this::cancelStatement);
    }

    /**
     * Stops when {@code runStop} is requested: the running statement is cancelled on the server at once, and no
     * further statement starts; the transaction rolls back and the failure says why.
     */
    public MigrationApplier watching(Cancellation runStop) {
        this.stop = runStop;
        this.cancelOnStop = runStop.onRequest(this::cancelStatement);
        return this;
    }

    /** From now on statements run although a stop was requested: the reverts that put the database back. */
    void finishing() {
        this.finishing = true;
    }

    /** Asks the server to cancel whatever the migration session is running now (pgjdbc's cancel request). */
    private void cancelStatement() {
        try {
            connection.unwrap(org.postgresql.PGConnection.class).cancelQuery();
        } catch (SQLException | RuntimeException ignored) {
            // the session is gone already, which ends its statement too
        }
    }

    /** Throws when the run must stop before its next statement. */
    void checkStop() throws SQLException {
        if (lock.lost().isPresent()) {
            throw new LockLostException(lock.lost().get());
        }
        if (stop.requested() && !finishing) {
            throw new SQLException("interrupted by " + stop.reason().orElse("a stop request"), Failure.INTERRUPTED);
        }
    }

    /**
     * Before a history row: this run still holds the lock (one round trip, in the caller's transaction), and the
     * lock's connection is still on the session that holds it (one round trip on it: a transaction pooler that the
     * probe did not catch moves it, and the run stops before its COMMIT).
     */
    void fence() throws SQLException {
        checkStop();
        lock.fence().check(connection);
        try {
            lock.checkPinned();
        } catch (SQLException e) {
            if (MigrationLock.sessionGone(e)) {
                lock.lost("its lock session (PostgreSQL backend " + lock.fence().backendPid() + ") ended: "
                        + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")");
                throw new LockLostException(lock.lost().orElse("its lock session ended"));
            }
            throw e;
        }
    }

    /** In the migration's transaction: the database's guard that a version is applied at most once. */
    void guardVersion(PreparedMigration m) throws SQLException {
        MigrationScript s = m.script();
        if (s.version() == null) {
            return;
        }
        if (s.kind() == MigrationKind.VERSIONED) {
            appliedVersions.insert(connection, s.version(), runId);
        } else if (s.kind() == MigrationKind.UNDO) {
            appliedVersions.delete(connection, s.version());
        }
    }

    /** How one migration ended. */
    public sealed interface Outcome {
        record Applied(Duration took, int attempts) implements Outcome {}

        record Failed(Failure failure) implements Outcome {}
    }

    public Outcome apply(PreparedMigration m) throws InterruptedException {
        try {
            OwnSession.fresh(connection, serverMajor); // what an earlier migration SET ends with it
        } catch (SQLException e) {
            return failed(m, failure(m, null, e, true, List.of()));
        }
        java.util.Optional<dev.godwit.sql.BatchDirective> batch = BatchedApply.directive(m);
        if (batch.isPresent()) {
            return new BatchedApply(this, m, batch.get()).run();
        }
        return m.transactional() ? inTransaction(m) : statementByStatement(m);
    }

    private Outcome inTransaction(PreparedMigration m) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            SqlStatement current = null;
            snapshotsTaken.clear();  // a retried migration's earlier copies were rolled back with it
            createdHere.clear();
            try {
                connection.setAutoCommit(false);
                setTimeouts(m, "set local");
                InvariantGuard.Watch invariants = guard.before(connection, m.script(), sqlOf(m));
                for (PreparedMigration.Runnable r : m.statements()) {
                    current = r.source();
                    checkStop();
                    StatementAnalysis analysis = awaitQuiet(m, r);
                    snapshot(m, r);
                    executeLogged(m, r);
                    if (!r.source().words().contains("EXISTS")) { // IF NOT EXISTS may leave an existing table
                        analysis.of(Action.CreateTable.class).forEach(t -> createdHere.add(t.table()));
                    }
                }
                current = null;
                GuardResult checked = checked(m, invariants.after(connection));
                if (checked.violated()) {  // nothing of it is committed
                    rollbackQuietly();
                    return failed(m, Failure.integrity(m.script().script(), checked, List.of()));
                }
                long ms = elapsedMs(started);
                fence();
                if (m.script().kind() == MigrationKind.VERSIONED && m.script().version() != null) {
                    history.insert(connection, row(m, ms, true, null), appliedVersions); // one round trip for both
                } else {
                    guardVersion(m);
                    history.insert(connection, row(m, ms, true, null));
                }
                audit.applied(connection, m, ms, attempt, List.copyOf(snapshotsTaken));
                connection.commit();
                createdThisRun.addAll(createdHere);
                return new Outcome.Applied(Duration.ofMillis(ms), attempt);
            } catch (SQLException e) {
                rollbackQuietly();
                if (retryable(e) && attempt < maxAttempts && stopReason().isEmpty()) {
                    waitBeforeRetry(m, current, attempt);
                    continue;
                }
                return failed(m, failure(m, current, e, true, List.of()));
            } finally {
                autocommitQuietly();
            }
        }
    }

    private Outcome statementByStatement(PreparedMigration m) throws InterruptedException {
        long started = System.nanoTime();
        snapshotsTaken.clear();
        createdHere.clear();  // outside a transaction, what a statement creates is everyone's at once
        List<PreparedMigration.Runnable> statements = m.statements();
        InvariantGuard.Watch invariants;
        try {
            connection.setAutoCommit(true);
            claim(m);
        } catch (SQLException e) {
            return failed(m, failure(m, null, e, true, List.of()));
        }
        try {
            setTimeouts(m, "set");
            invariants = guard.before(connection, m.script(), sqlOf(m));
        } catch (SQLException e) {
            releaseClaim(m);
            return failed(m, failure(m, null, e, true, List.of()));
        }
        for (int i = 0; i < statements.size(); i++) {
            PreparedMigration.Runnable r = statements.get(i);
            for (int attempt = 1; ; attempt++) {
                // Only a CONCURRENTLY build can leave an INVALID index behind; no need to look otherwise.
                boolean concurrently = r.source().words().contains("CONCURRENTLY");
                List<String> invalidBefore = concurrently ? invalidIndexesQuietly() : List.of();
                if (concurrently && r.source().words().contains("CREATE")) {
                    invalidBefore = dropLeftoverInvalidIndexes(m.script(), r.source().text(), invalidBefore);
                }
                try {
                    fence();
                    awaitQuiet(m, r);
                    snapshot(m, r);
                    executeLogged(m, r);
                    break;
                } catch (SQLException e) {
                    if (stopReason().isPresent() || e instanceof LockLostException) {
                        return interruptedPartWay(m, i, r.source(), e, concurrently);
                    }
                    List<String> dropped = concurrently ? dropNewInvalidIndexes(m.script(), invalidBefore) : List.of();
                    if (retryable(e) && attempt < maxAttempts) {
                        waitBeforeRetry(m, r.source(), attempt);
                        continue;
                    }
                    return failedPartWay(m, i, r.source(), e, dropped, started);
                }
            }
        }
        try {
            GuardResult checked = checked(m, invariants.after(connection));
            if (checked.violated()) {
                releaseClaim(m); // its failed history row stops the next run until repair
                return failed(m, integrityAfterTheFact(m, checked, started));
            }
            resetTimeouts();
            long ms = elapsedMs(started);
            recordNonTransactional(m, ms);
            return new Outcome.Applied(Duration.ofMillis(ms), 1);
        } catch (SQLException e) {
            return failed(m, failure(m, null, e, false, List.of(
                    "all statements ran, but the history row was not written: run `godwit status` to check")));
        }
    }

    /** The history row, the applied version and the audit entry of a no-transaction migration: one transaction, fenced. */
    private void recordNonTransactional(PreparedMigration m, long ms) throws SQLException {
        connection.setAutoCommit(false);
        try {
            fence();
            if (m.script().kind() == MigrationKind.VERSIONED) {
                appliedVersions.complete(connection, m.script().version(), runId);
            } else {
                guardVersion(m);
            }
            history.insert(connection, row(m, ms, true, null));
            audit.applied(connection, m, ms, 1, List.copyOf(snapshotsTaken));
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        } finally {
            autocommitQuietly();
        }
    }

    /** Before a versioned no-transaction migration's first statement: its version is claimed (fenced, committed). */
    private void claim(PreparedMigration m) throws SQLException {
        if (m.script().kind() != MigrationKind.VERSIONED) {
            return;
        }
        connection.setAutoCommit(false);
        try {
            fence();
            appliedVersions.claim(connection, m.script().version(), runId);
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        } finally {
            autocommitQuietly();
        }
    }

    /** A no-transaction migration that did not complete gives its claim back (while the lock is still ours). */
    private void releaseClaim(PreparedMigration m) {
        if (m.script().kind() != MigrationKind.VERSIONED) {
            return; // only this run's own incomplete claim goes: safe with or without the lock
        }
        try {
            connection.setAutoCommit(true);
            appliedVersions.release(connection, m.script().version(), runId);
        } catch (SQLException ignored) {
            // the claim's session ends with this process; the next run releases a claim whose session is gone
        }
    }

    /**
     * A no-transaction migration stopped by a signal or a lost lock: like a crash, nothing records it as failed,
     * so the next run runs it again from its first statement; an INVALID index its cancelled build left is dropped
     * by that run, before it builds the index again.
     */
    private Outcome interruptedPartWay(PreparedMigration m, int index, SqlStatement s, SQLException e,
                                       boolean concurrently) {
        List<String> left = new ArrayList<>();
        int n = m.statements().size();
        left.add(index == 0 ? "none of its statements was applied (it runs outside a transaction, statement by"
                + " statement)" : "statements 1–" + index + " of " + n + " were applied and stay applied: it runs"
                + " outside a transaction, statement by statement");
        if (concurrently) {
            left.add("an INVALID index the cancelled build left is dropped by the next run before it builds it again");
        }
        left.add("no failed history row was written: the next `godwit migrate` runs it again from its first statement"
                + " (as after a crash)");
        releaseClaim(m);
        return failed(m, failure(m, s, e, index == 0, left));
    }

    /** Tells the listeners what the invariants found. */
    GuardResult checked(PreparedMigration m, GuardResult result) {
        if (!result.results().isEmpty()) {
            listener.on(new RunEvent.InvariantsChecked(m.script(), result));
        }
        return result;
    }

    /** A non-transactional migration broke an invariant: its statements stay; a failed history row says so. */
    private Failure integrityAfterTheFact(PreparedMigration m, GuardResult checked, long started) {
        List<String> left = new ArrayList<>(List.of("it ran outside a transaction, so Godwit could not roll it back:"
                + " all its statements stay applied; restore what it changed (see godwit snapshots list)"));
        try {
            resetTimeouts();
            fence();
            history.insert(connection, row(m, elapsedMs(started), false, "data integrity checks failed after all"
                    + " statements ran"));
            left.add("a failed history row records it; once the data is right, `godwit repair` and migrate again");
        } catch (SQLException e) {
            left.add("the failed history row could not be written either: " + e.getMessage());
        }
        return Failure.integrity(m.script().script(), checked, left);
    }

    private static List<String> sqlOf(PreparedMigration m) {
        return m.statements().stream().map(PreparedMigration.Runnable::sql).toList();
    }

    private Outcome failedPartWay(PreparedMigration m, int index, SqlStatement s, SQLException e,
                                  List<String> dropped, long started) {
        List<String> left = new ArrayList<>();
        int n = m.statements().size();
        left.add(index == 0
                ? "no statement of it was applied (it runs outside a transaction, statement by statement)"
                : "statements 1–" + index + " of " + n + " were applied and stay applied: it runs outside a"
                        + " transaction, statement by statement");
        dropped.forEach(ix -> left.add("the INVALID index " + ix + " left by the failed build was dropped"));
        String stoppedAt = "statement " + (index + 1) + " of " + n + " (" + m.location(s) + ")";
        releaseClaim(m);
        if (index == 0) {
            // Nothing of it ran (a failed CONCURRENTLY build's INVALID index is dropped above): there is nothing to
            // repair, so no failed row stops the next run; the audit log still records the failure.
            left.add("no failed history row was written, since nothing of it is left: fix the cause and migrate"
                    + " again");
            return failed(m, failure(m, s, e, true, left));
        }
        try {
            resetTimeouts();
            fence();
            history.insert(connection, row(m, elapsedMs(started), false, stoppedAt));
            left.add("a failed history row records it; fix the cause, then `godwit repair` and migrate again"
                    + " (write the file so that re-running it is safe, e.g. IF NOT EXISTS)");
        } catch (SQLException ignored) {
            left.add("the failed history row could not be written either: check the connection");
        }
        return failed(m, failure(m, s, e, false, left));
    }

    /** The audit log hears of every failure, in a transaction of its own (the migration's was rolled back). */
    Outcome failed(PreparedMigration m, Failure f) {
        try {
            connection.setAutoCommit(true);
            audit.failed(connection, m, f);
        } catch (SQLException onRunConnection) {
            // The migration's session may be gone (terminated, a crash): the failure is recorded on a fresh one.
            try (Connection fresh = connector.open()) {
                audit.failed(fresh, m, f);
            } catch (SQLException | dev.godwit.db.ConnectFailure e) {
                List<String> left = new java.util.ArrayList<>(f.leftBehind());
                left.add("the audit log could not record this failure: " + e.getMessage());
                return new Outcome.Failed(f.withLeftBehind(left));
            }
        }
        return new Outcome.Failed(f);
    }

    /** The timeouts and synchronous_commit ({@code set local} when {@code set} is "set local"). */
    void setTimeouts(PreparedMigration m, String set) throws SQLException {
        // A migration and its history row are durable once COMMIT returns, even on a server tuned with
        // synchronous_commit = off (which may lose the last confirmed commits in a crash): else a crash could
        // lose the history row of a no-transaction migration whose DDL stays, and Godwit would run it twice.
        // All three in one round trip.
        try (PreparedStatement ps = connection.prepareStatement("select set_config('lock_timeout', ?, ?),"
                + " set_config('statement_timeout', ?, ?), set_config('synchronous_commit', 'on', ?)")) {
            boolean local = set.equals("set local");
            ps.setString(1, Durations.toPostgres(m.lockTimeout()));
            ps.setBoolean(2, local);
            ps.setString(3, Durations.toPostgres(m.statementTimeout()));
            ps.setBoolean(4, local);
            ps.setBoolean(5, local);
            ps.executeQuery().close();
        }
    }

    private void resetTimeouts() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("reset lock_timeout");
            st.execute("reset statement_timeout");
        }
    }

    /** A connection of its own for the backfill's canary query; null when {@code [backfill] canary_query} is unset. */
    Connection canaryConnection() throws SQLException {
        if (backfillSettings.canaryQuery().isEmpty()) {
            return null;
        }
        try {
            Connection c = connector.open();
            c.setAutoCommit(true);
            return c;
        } catch (dev.godwit.db.ConnectFailure e) {
            throw new SQLException("could not open the connection for [backfill] canary_query: " + e.getMessage(),
                    "08001");
        }
    }

    /**
     * Copies what one batch of a batched DELETE or UPDATE is about to delete or overwrite, in the batch's transaction:
     * into a new snapshot for the first batch, appended to it for the others ([safety] snapshot).
     */
    void snapshotBatch(PreparedMigration m, dev.godwit.sql.SqlStatement source, String batchSql) throws SQLException {
        dev.godwit.sql.SqlStatement batch;
        try {
            batch = dev.godwit.sql.SqlScript.parse(batchSql).statements().get(0);
        } catch (dev.godwit.sql.SqlSyntaxException e) {
            throw new SQLException("the batch statement could not be read for its snapshot: " + e.problem());
        }
        MigrationScript s = m.script();
        java.util.Optional<SnapshotOutcome> o = snapshots.beforeBatch(connection, batch, source.line(), safety.snapshot(),
                safety.snapshotRowLimit(), runId, s.version() == null ? null : s.version().text(), s.script());
        if (o.isPresent()) {
            listener.on(new RunEvent.SnapshotTaken(s, m.location(source), o.get()));
        }
    }

    /** Copies what the statement is about to destroy, in the same transaction ([safety] snapshot). */
    private void snapshot(PreparedMigration m, PreparedMigration.Runnable r) throws SQLException {
        MigrationScript s = m.script();
        for (SnapshotOutcome o : snapshots.before(connection, r.source(), safety.snapshot(), safety.snapshotRowLimit(),
                runId, s.version() == null ? null : s.version().text(), s.script())) {
            listener.on(new RunEvent.SnapshotTaken(s, m.location(r.source()), o));
            if (o instanceof SnapshotOutcome.Taken t) {
                snapshotsTaken.add(t.snapshot().name());
            }
        }
    }

    /**
     * Before a statement that takes table locks: waits (up to quiet_wait), without asking for any lock,
     * until no other session holds or awaits a conflicting one — so that the statement's own request never
     * becomes the head of a queue that every application query on the table joins.
     */
    private StatementAnalysis awaitQuiet(PreparedMigration m, PreparedMigration.Runnable r)
            throws SQLException, InterruptedException {
        StatementAnalysis analysis = Analyzer.analyze(r.source());
        List<TableLock> locks = analysis.locks(serverMajor).stream()
                .filter(l -> createdHere.stream().noneMatch(l.relation()::sameAs)
                        && createdThisRun.stream().noneMatch(l.relation()::sameAs)).toList();
        if (locks.isEmpty() || quietWait.isZero()) {
            return analysis;
        }
        String wanted = String.join(", ", locks.stream().map(TableLock::describe).toList());
        try {
            QuietWait.await(lock, backendPid, locks, quietWait, finishing ? Cancellation.none() : stop, holders -> listener.on(
                    new RunEvent.WaitingForQuiet(m.script(), m.location(r.source()), wanted, holders)));
        } catch (SQLException e) {
            // QuietWait looks from the lock's session: its end is a lost lock, not a lost migration connection.
            if (MigrationLock.sessionGone(e)) {
                lock.lost("its lock session (PostgreSQL backend " + lock.fence().backendPid() + ") ended: "
                        + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")");
                throw new LockLostException(lock.lost().orElse("its lock session ended"));
            }
            throw e;
        }
        checkStop();
        return analysis;
    }

    /** One statement of a migration, with its place and time in the log ({@code -v}). */
    private void executeLogged(PreparedMigration m, PreparedMigration.Runnable r) throws SQLException {
        long started = System.nanoTime();
        running = new Running(m, m.location(r.source()), m.statements().indexOf(r) + 1, m.statements().size());
        try {
            execute(r.sql(), m.lockTimeout());
        } finally {
            running = null;
        }
        if (LOG.isInfoEnabled()) {
            LOG.info("{} ran in {} ms: {}", m.location(r.source()), (System.nanoTime() - started) / 1_000_000,
                    firstLine(r.sql()));
        }
    }

    private static String firstLine(String sql) {
        String line = sql.strip().lines().findFirst().orElse("");
        return line.length() > 100 ? line.substring(0, 100) + "..." : line;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MigrationApplier.class);

    /** The statement the watcher reports on while it runs. */
    private record Running(PreparedMigration migration, String location, int statement, int statements) {}

    private volatile Running running;
    private long lastProgressNanos;

    /** A statement is reported once it has run this long, then about once a second. */
    private static final long PROGRESS_AFTER_NANOS = 2_000_000_000L;

    /** What PostgreSQL reports of a statement's progress, for the kinds it reports on (PostgreSQL 14+ for COPY). */
    private static final String PROGRESS = """
            select 'CREATE INDEX: ' || phase, blocks_done, blocks_total, tuples_done, tuples_total
              from pg_stat_progress_create_index where pid = ?
            union all
            select lower(command) || ': ' || phase, heap_blks_scanned, heap_blks_total, heap_tuples_written, null
              from pg_stat_progress_cluster where pid = ?
            union all
            select 'copy ' || lower(type), bytes_processed, nullif(bytes_total, 0), tuples_processed, null
              from pg_stat_progress_copy where pid = ?""";

    /** From the watcher: a line about the running statement, about once a second after its first two. */
    private void reportProgress() {
        Running r = running;
        long now = System.nanoTime();
        if (r == null || now - statementStartedNanos < PROGRESS_AFTER_NANOS || now - lastProgressNanos < 900_000_000L) {
            return;
        }
        lastProgressNanos = now;
        java.util.Optional<String> progress = java.util.Optional.empty();
        java.util.Optional<Double> fraction = java.util.Optional.empty();
        try {
            Object[] row = lock.withConnection(c -> {
                try (java.sql.PreparedStatement ps = c.prepareStatement(PROGRESS)) {
                    ps.setInt(1, backendPid);
                    ps.setInt(2, backendPid);
                    ps.setInt(3, backendPid);
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? new Object[] {rs.getString(1), rs.getObject(2), rs.getObject(3),
                                rs.getObject(4), rs.getObject(5)} : null;
                    }
                }
            });
            if (row != null) {
                long done = row[1] == null ? 0 : ((Number) row[1]).longValue();
                long total = row[2] == null ? 0 : ((Number) row[2]).longValue();
                long tuples = row[3] == null ? 0 : ((Number) row[3]).longValue();
                long tuplesTotal = row[4] == null ? 0 : ((Number) row[4]).longValue();
                StringBuilder sb = new StringBuilder((String) row[0]);
                if (total > 0) {
                    fraction = java.util.Optional.of(Math.min(1.0, (double) done / total));
                    sb.append(", ").append(done).append(" of ").append(total).append(" blocks (")
                            .append(Math.round(fraction.get() * 100)).append("%)");
                } else if (tuplesTotal > 0) {
                    fraction = java.util.Optional.of(Math.min(1.0, (double) tuples / tuplesTotal));
                    sb.append(", ").append(tuples).append(" of ").append(tuplesTotal).append(" tuples (")
                            .append(Math.round(fraction.get() * 100)).append("%)");
                } else if (tuples > 0) {
                    sb.append(", ").append(tuples).append(" tuples");
                }
                progress = java.util.Optional.of(sb.toString());
            }
        } catch (SQLException e) {
            // Progress is a courtesy: an older server without a view, or a busy lock session, only loses a line.
        }
        List<Blocker> blockers = lastBlockers.get();
        listener.on(new RunEvent.StatementRunning(r.migration().script(), r.location(), r.statement(), r.statements(),
                java.time.Duration.ofNanos(now - statementStartedNanos), progress, fraction,
                blockers.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Blocker.summary(blockers))));
    }

    /** Runs one statement while a watcher notes who blocks it, so a lock timeout can name them. */
    int execute(String sql, Duration lockTimeout) throws SQLException {
        lastBlockers.set(List.of());
        long every = Math.max(50, Math.min(1000, lockTimeout.toMillis() / 2));
        ScheduledFuture<?> watch = watcher.scheduleAtFixedRate(this::noteBlockers, every, every, TimeUnit.MILLISECONDS);
        try (Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            checkStop();
            statementStartedNanos = System.nanoTime();
            recancelled = false;
            s.execute(sql);
            return s.getUpdateCount();
        } finally {
            watch.cancel(false);
        }
    }

    private void noteBlockers() {
        if (stopReason().isPresent()) {
            // A stop that came just before this statement started: its cancel found nothing to stop. Once, and only
            // then: a second cancel request could arrive late and hit the next statement (a revert that must run).
            long requestedAt = System.nanoTime() - stop.sinceRequest().toNanos();
            if (!recancelled && !finishing && requestedAt - statementStartedNanos <= 0) {
                recancelled = true;
                cancelStatement();
            }
            return;
        }
        try {
            List<Blocker> now = lock.withConnection(c -> Blocker.of(c, backendPid));
            if (!now.isEmpty()) {
                lastBlockers.set(now);
            }
            reportProgress();
        } catch (SQLException e) {
            // Naming blockers is a courtesy, but a lock session that is gone is the run's end: it no longer holds the lock.
            if (MigrationLock.sessionGone(e)) {
                lock.lost("its lock session (PostgreSQL backend " + lock.fence().backendPid() + ") ended: "
                        + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")");
            }
        }
    }

    void waitBeforeRetry(PreparedMigration m, SqlStatement at, int attempt) throws InterruptedException {
        Duration delay = backoff.delay(attempt, random);
        String where = at == null ? m.script().script() : m.location(at);
        listener.on(new RunEvent.LockRetry(m.script(), where, attempt, maxAttempts, delay, lastBlockers.get()));
        stop.await(delay); // a stop requested meanwhile ends the wait; the next try then stops before its first statement
    }

    static boolean retryable(SQLException e) {
        return LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || DEADLOCK.equals(e.getSQLState());
    }

    private List<String> invalidIndexesQuietly() {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("select i.indexrelid::regclass::text from pg_index i where not i.indisvalid")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            return List.of();
        }
    }

    /**
     * A build that a kill -9 or a server crash interrupted leaves an INVALID index of the name this statement
     * creates, which a re-run with IF NOT EXISTS would keep (and one without would trip over): drop it first, as
     * PostgreSQL's documentation advises. Only INVALID indexes the statement names; returns the others.
     */
    private List<String> dropLeftoverInvalidIndexes(MigrationScript script, String statement, List<String> invalid) {
        List<String> kept = new ArrayList<>();
        for (String ix : invalid) {
            String bare = ix.substring(ix.lastIndexOf('.') + 1).replace("\"", "");
            boolean named = java.util.regex.Pattern.compile("(?i)(?<![\\w$])" + java.util.regex.Pattern.quote(bare)
                    + "(?![\\w$])").matcher(statement).find();
            if (!named) {
                kept.add(ix);
                continue;
            }
            try (Statement s = connection.createStatement()) {
                s.execute("drop index concurrently if exists " + ix);
                listener.on(new RunEvent.InvalidIndexDropped(script, ix));
            } catch (SQLException e) {
                kept.add(ix); // the build then fails or skips as it would have; its message says why
            }
        }
        return kept;
    }

    /** A failed CREATE INDEX CONCURRENTLY leaves an INVALID index that slows every write: drop it. */
    private List<String> dropNewInvalidIndexes(MigrationScript script, List<String> before) {
        List<String> dropped = new ArrayList<>();
        for (String ix : invalidIndexesQuietly()) {
            if (before.contains(ix)) {
                continue;
            }
            try (Statement s = connection.createStatement()) {
                s.execute("drop index concurrently if exists " + ix);
                dropped.add(ix);
                listener.on(new RunEvent.InvalidIndexDropped(script, ix));
            } catch (SQLException e) {
                dropped.add(ix + " (could not drop it: " + e.getMessage() + "; drop it with DROP INDEX CONCURRENTLY)");
            }
        }
        return dropped;
    }

    HistoryTable.NewRow row(PreparedMigration m, long ms, boolean success, String failure) {
        MigrationScript s = m.script();
        return new HistoryTable.NewRow(s.version(), s.description(), s.kind(), s.script(), s.checksum(), ms,
                success, runId, failure, null, m.downChecksum());
    }

    Failure failure(PreparedMigration m, SqlStatement at, SQLException e, boolean rolledBack,
                            List<String> leftBehind) {
        String location = at == null ? m.script().script() : SqlErrors.location(m, at, e);
        String statement = at == null ? null : at.summary();
        boolean sessionGone = MigrationLock.sessionGone(e) || !alive();
        if (sessionGone && !MigrationLock.sessionGone(e)) {
            // The lock went with the whole server (a crash, a restart): say that, not that only the lock was lost.
            return new Failure(location, "lost the connection to the database: " + e.getMessage(), statement, "08006",
                    rolledBack, leftBehind);
        }
        if (!sessionGone && (lock.lost().isPresent() || e instanceof LockLostException)) {
            String why = lock.lost().orElse(e.getMessage().replaceFirst("^this run no longer holds the migration lock: ", ""));
            return new Failure(location, "this run lost the migration lock, so it stopped: " + why, statement,
                    Failure.LOCK_LOST, rolledBack, leftBehind);
        }
        if (!sessionGone && stop.requested() && !finishing && lock.lost().isEmpty()) {
            return new Failure(location, "interrupted by " + stop.reason().orElse("a stop request") + ": the running"
                    + " statement was cancelled on the server", statement, Failure.INTERRUPTED, rolledBack, leftBehind);
        }
        if (AppliedVersions.isDuplicate(e)) {
            return new Failure(location, m.script().label() + " is already applied: " + appliedVersions.qualifiedName()
                    + " refused to record it a second time (another run applied it while this one ran), so this"
                    + " transaction was rolled back", statement, Failure.ALREADY_APPLIED, rolledBack, leftBehind);
        }
        return new Failure(location, SqlErrors.message(e), statement, e.getSQLState(), rolledBack, leftBehind);
    }

    /** Whether the migration's own session still answers. */
    private boolean alive() {
        try {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Why the run must stop, if it must: the lock is gone, or a stop was requested (and this is not a revert). */
    java.util.Optional<String> stopReason() {
        if (lock.lost().isPresent()) {
            return lock.lost();
        }
        return finishing ? java.util.Optional.empty() : stop.reason();
    }

    void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the server rolls back what it had
        }
    }

    void autocommitQuietly() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // as above
        }
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public void close() {
        try {
            // the run's own queries after the last migration (audit, schema audit) must not see its SET either
            if (!connection.isClosed() && connection.getAutoCommit()) {
                OwnSession.fresh(connection, serverMajor);
            }
        } catch (SQLException sessionGone) {
            // nothing to reset: whatever comes next on this connection fails on its own and says why
        }
        watcher.shutdownNow();
        if (cancelOnStop != null) {
            cancelOnStop.close();
        }
        cancelOnHardExit.close();
    }
}
