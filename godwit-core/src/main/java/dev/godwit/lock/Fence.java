package dev.godwit.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The proof, asked for inside the migration's own transaction right before it writes history or commits, that
 * this run still holds the migration lock: the session the run took it on (its backend pid and start time, so a
 * reused pid cannot pass) still holds the advisory lock. One round trip. Any other session that takes the lock
 * later makes the check fail, so a run that lost its lock cannot commit.
 *
 * @param backendPid the lock session's backend, read when the lock was taken
 * @param backendStart that backend's start time, from {@code pg_stat_activity}
 * @param key the advisory lock's key
 */
public record Fence(int backendPid, OffsetDateTime backendStart, long key) {

    private static final String HELD = """
            select exists(select 1 from pg_locks l join pg_stat_activity a on a.pid = l.pid
                           where l.locktype = 'advisory' and l.granted and l.objsubid = 1 and l.pid = ?
                             and a.backend_start = ?
                             and l.database = (select oid from pg_database where datname = current_database())
                             and ((l.classid::bigint << 32) | l.objid::bigint) = ?)""";

    /** Whether the lock session still holds the lock, seen from {@code c} (any session of the database). */
    public boolean holds(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HELD)) {
            ps.setInt(1, backendPid);
            ps.setObject(2, backendStart);
            ps.setLong(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Throws {@link LockLostException} unless the lock session still holds the lock. */
    public void check(Connection c) throws SQLException {
        if (!holds(c)) {
            throw new LockLostException("its lock session (PostgreSQL backend " + backendPid + ") no longer holds it"
                    + " (the session was terminated or timed out, or a connection pooler moved it)");
        }
    }
}
