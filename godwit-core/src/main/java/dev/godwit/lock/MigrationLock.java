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

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** Who is asking for the lock, written into the lease row. */
    public record Requester(String holder, String host, long osPid, String runId) {}

    private final Connection connection;
    private final String schema;
    private final ScheduledExecutorService heartbeat;

    private MigrationLock(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
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
            Thread.sleep(Math.min(pause, Math.max(1, (deadline - now) / 1_000_000)));
            pause = Math.min(1000, pause * 2);
        }
        MigrationLock lock = new MigrationLock(connection, schema);
        lock.writeLease(me);
        return lock;
    }

    private static boolean tryLock(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, key(schema));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void writeLease(Requester me) throws SQLException {
        String table = Identifiers.qualified(schema, "lock");
        try (Statement s = connection.createStatement()) {
            s.execute("create schema if not exists " + Identifiers.quote(schema));
            s.execute("create table if not exists " + table + " ("
                    + " id smallint primary key default 1 check (id = 1),"
                    + " holder text not null, host text not null, os_pid bigint not null,"
                    + " backend_pid integer not null, run_id text not null,"
                    + " acquired_at timestamptz not null, heartbeat_at timestamptz not null)");
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

    private void beat() {
        try {
            withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("update " + Identifiers.qualified(schema, "lock")
                            + " set heartbeat_at = now() where backend_pid = pg_backend_pid()");
                }
                return null;
            });
        } catch (SQLException ignored) {
            // A missed heartbeat only makes `status` show an older time; the advisory lock is what counts.
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
