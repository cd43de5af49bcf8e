package dev.godwit.lock;

import dev.godwit.db.Catalog;
import dev.godwit.db.Identifiers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The migration lock: a session-level {@code pg_advisory_lock} held on a connection of its own for the
 * whole run, plus a visible lease row in {@code <schema>.lock} for people and {@code godwit status}.
 * The advisory lock is the truth: it dies with the session, so a crashed run never leaves a stuck lock.
 * The row is only a label; a row whose backend no longer holds the advisory lock is shown as stale.
 */
public final class MigrationLock implements AutoCloseable {

    /** How often the lock session proves it is alive and still holds the lock (and refreshes the lease row). */
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);

    /** Who is asking for the lock, written into the lease row. */
    public record Requester(String holder, String host, long osPid, String runId) {}

    private final Connection connection;
    private final String schema;
    private final ScheduledExecutorService heartbeat;
    private final Fence fence;
    private volatile String lostBecause;
    private volatile Runnable onLost = () -> { };

    private MigrationLock(Connection connection, String schema, Fence fence) {
        this.connection = connection;
        this.schema = schema;
        this.fence = fence;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "godwit-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The advisory lock key for a history schema: the first 8 bytes of SHA-256("godwit:" + schema). */
    public static long key(String schema) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("godwit:" + schema).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (d[i] & 0xff);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes the lock, waiting up to {@code wait}. While waiting it tells {@code onWait} who holds it (at once,
     * then every 10 seconds). {@code connection} must be in autocommit and is used for nothing else while
     * the lock is held, except through {@link #withConnection}.
     */
    public static MigrationLock acquire(Connection connection, String schema, Requester me, Duration wait,
                                        Consumer<Optional<LockHolder>> onWait)
            throws SQLException, LockTimeoutException, InterruptedException {
        return acquire(connection, schema, me, wait, onWait, d -> {
            Thread.sleep(d.toMillis());
            return false;
        });
    }

    /** A pause between tries that ends early, returning true, when the run is asked to stop. */
    @FunctionalInterface
    public interface Pause {
        boolean await(Duration d) throws InterruptedException;
    }

    /**
     * The same, giving up (with {@link InterruptedException}) as soon as {@code stop} is requested. The lock
     * session's settings are made Godwit's own first ({@link OwnSession}).
     */
    public static MigrationLock acquire(Connection connection, String schema, Requester me, Duration wait,
                                        Consumer<Optional<LockHolder>> onWait, Pause stop)
            throws SQLException, LockTimeoutException, InterruptedException {
        OwnSession.prepare(connection);
        long started = System.nanoTime();
        long deadline = started + wait.toNanos();
        long nextReport = started;
        long pause = 100;
        while (!tryLock(connection, schema)) {
            long now = System.nanoTime();
            if (now >= nextReport) {
                onWait.accept(holder(connection, schema));
                nextReport = now + Duration.ofSeconds(10).toNanos();
            }
            if (now >= deadline) {
                throw new LockTimeoutException(wait, holder(connection, schema));
            }
            if (stop.await(Duration.ofMillis(Math.min(pause, Math.max(1, (deadline - now) / 1_000_000))))) {
                throw new InterruptedException("stopped while waiting for the migration lock");
            }
            pause = Math.min(1000, pause * 2);
        }
        MigrationLock lock = new MigrationLock(connection, schema, fenceOf(connection, schema));
        if (!lock.fence.holds(connection)) {
            lock.close();
            throw new LockLostException("the lock was taken, but PostgreSQL does not show it held by this run's"
                    + " session (backend " + lock.fence.backendPid() + "): is a connection pooler in transaction mode"
                    + " in between? " + SessionPinning.advice("the lock is not where it was taken"));
        }
        lock.writeLease(me);
        return lock;
    }

    /**
     * Takes the lock only when nobody holds it: asking {@code pg_try_advisory_lock} on a server session that
     * already holds it (a transaction pooler's) would succeed again, re-entrantly, and let two runs in.
     */
    private static boolean tryLock(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select case when held then false"
                + " else pg_try_advisory_lock(?) end from (select exists(select 1 from pg_locks l"
                + " where l.locktype = 'advisory' and l.granted and l.objsubid = 1"
                + " and l.database = (select oid from pg_database where datname = current_database())"
                + " and ((l.classid::bigint << 32) | l.objid::bigint) = ?) held) b")) {
            ps.setLong(1, key(schema));
            ps.setLong(2, key(schema));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static Fence fenceOf(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pid, backend_start from pg_stat_activity where pid = pg_backend_pid()")) {
            rs.next();
            return new Fence(rs.getInt(1), rs.getObject(2, java.time.OffsetDateTime.class), key(schema));
        }
    }

    /** The proof the run's transactions ask for before they commit. */
    public Fence fence() {
        return fence;
    }

    /** Why the lock was lost, once the heartbeat (or the blocker watcher) found it gone; empty while it is held. */
    public Optional<String> lost() {
        return Optional.ofNullable(lostBecause);
    }

    /** What to do (once) when the lock is found lost: stop the run. */
    public void onLost(Runnable action) {
        this.onLost = action;
        if (lostBecause != null) {
            action.run();
        }
    }

    /**
     * The lock session failed or no longer holds the lock: remembered, and the run is told (once). Called from
     * the heartbeat, and by the run when a query on the lock session fails.
     */
    public void lost(String why) {
        synchronized (this) {
            if (lostBecause != null) {
                return;
            }
            lostBecause = why;
        }
        heartbeat.shutdown();
        onLost.run();
    }

    /**
     * Throws {@link LockLostException} (and marks the lock lost) when the lock's connection is no longer on the
     * session that took the lock: a connection pooler in transaction mode moved it.
     */
    public void checkPinned() throws SQLException {
        int now = withConnection(SessionPinning::pid);
        if (now != fence.backendPid()) {
            String why = "the lock's connection moved from PostgreSQL backend " + fence.backendPid() + " to " + now
                    + " between two transactions; " + SessionPinning.advice("a session moved");
            lost(why);
            throw new LockLostException(why);
        }
    }

    /** Whether {@code e}, from a query on the lock session, means the session is gone. */
    public static boolean sessionGone(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }

    private void writeLease(Requester me) throws SQLException {
        String table = Identifiers.qualified(schema, "lock");
        // Only what is missing is created: a deploy role with USAGE and DML on Godwit's schema needs no CREATE.
        if (!Catalog.exists(connection, table)) {
            try (Statement s = connection.createStatement()) {
                if (!dev.godwit.db.Catalog.schemaExists(connection, schema)) {
                    s.execute("create schema if not exists " + Identifiers.quote(schema));
                }
                s.execute("create table if not exists " + table + " ("
                        + " id smallint primary key default 1 check (id = 1),"
                        + " holder text not null, host text not null, os_pid bigint not null,"
                        + " backend_pid integer not null, run_id text not null,"
                        + " acquired_at timestamptz not null, heartbeat_at timestamptz not null)");
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("insert into " + table
                + " values (1, ?, ?, ?, pg_backend_pid(), ?, now(), now()) on conflict (id) do update set"
                + " holder = excluded.holder, host = excluded.host, os_pid = excluded.os_pid,"
                + " backend_pid = excluded.backend_pid, run_id = excluded.run_id,"
                + " acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at")) {
            ps.setString(1, me.holder());
            ps.setString(2, me.host());
            ps.setLong(3, me.osPid());
            ps.setString(4, me.runId());
            ps.executeUpdate();
        }
    }

    /**
     * Proves, from the lock session itself, that it is the session the lock was taken on and still holds it, and
     * refreshes the lease row. A failure on a session that is gone, or a proof that fails, is a lost lock: the run
     * is told at once (it must not go on as if it held it). Any other failure (the lease row's table dropped by
     * {@code clean}) only leaves {@code status} an older time.
     */
    private void beat() {
        try {
            boolean held = withConnection(c -> {
                if (SessionPinning.pid(c) != fence.backendPid()) {
                    return false;
                }
                boolean holds = fence.holds(c);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("update " + Identifiers.qualified(schema, "lock")
                            + " set heartbeat_at = now() where backend_pid = pg_backend_pid()");
                } catch (SQLException leaseOnly) {
                    if (sessionGone(leaseOnly)) {
                        throw leaseOnly;
                    }
                }
                return holds;
            });
            if (!held) {
                lost("its lock session (PostgreSQL backend " + fence.backendPid() + ") no longer holds it, or a"
                        + " connection pooler moved the connection to another session");
            }
        } catch (SQLException e) {
            if (sessionGone(e)) {
                lost("its lock session (PostgreSQL backend " + fence.backendPid() + ") ended: " + e.getMessage()
                        + " (SQLSTATE " + e.getSQLState() + "; terminated by an administrator, ended by a server"
                        + " timeout, or the network broke)");
            }
        }
    }

    /** Work that needs a connection other than the migration's (looking at blockers) while the lock is held. */
    public interface ConnectionWork<T> {
        T run(Connection c) throws SQLException;
    }

    public synchronized <T> T withConnection(ConnectionWork<T> work) throws SQLException {
        return work.run(connection);
    }

    /** Who holds the lock now, if anyone; a lease row whose backend no longer holds it is reported as stale. */
    public static Optional<LockHolder> holder(Connection c, String schema) throws SQLException {
        Integer backend = null;
        String application = null;
        try (PreparedStatement ps = c.prepareStatement("select l.pid, a.application_name from pg_locks l"
                + " left join pg_stat_activity a on a.pid = l.pid"
                + " where l.locktype = 'advisory' and l.granted and l.objsubid = 1"
                + " and l.database = (select oid from pg_database where datname = current_database())"
                + " and ((l.classid::bigint << 32) | l.objid::bigint) = ?")) {
            ps.setLong(1, key(schema));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    backend = rs.getInt(1);
                    application = rs.getString(2);
                }
            }
        }
        Optional<LockHolder> lease = lease(c, schema, backend);
        if (lease.isPresent()) {
            return lease;
        }
        return backend == null ? Optional.empty()
                : Optional.of(new LockHolder(backend, null, null, null, null, null, null, application, true));
    }

    private static Optional<LockHolder> lease(Connection c, String schema, Integer liveBackend) throws SQLException {
        String table = Identifiers.qualified(schema, "lock");
        if (!Catalog.exists(c, table)) {
            return Optional.empty();
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select backend_pid, holder, host, os_pid, run_id, acquired_at,"
                     + " heartbeat_at from " + table)) {
            if (!rs.next()) {
                return Optional.empty();
            }
            int backend = rs.getInt(1);
            boolean live = liveBackend != null && liveBackend == backend;
            return Optional.of(new LockHolder(backend, rs.getString(2), rs.getString(3), rs.getLong(4),
                    rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), null, live));
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * Removes the lease row (when its table still exists: `clean` drops it) and always releases the
     * advisory lock. Closing the session would release it too.
     */
    @Override
    public synchronized void close() throws SQLException {
        heartbeat.shutdownNow();
        if (lostBecause != null) {
            return; // nothing of ours to release on a session that is gone or was never ours
        }
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("delete from " + Identifiers.qualified(schema, "lock")
                    + " where backend_pid = pg_backend_pid()");
        } catch (SQLException leaseGone) {
            // The lease row is only a label; what matters is releasing the lock below.
        } finally {
            try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                ps.setLong(1, key(schema));
                ps.execute();
            }
        }
    }
}
