package dev.godwit.lock;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Detects a connection pooler in transaction (or statement) mode between Godwit and PostgreSQL, before anything
 * runs. A session advisory lock only means something when each of Godwit's connections stays on one server
 * session: under transaction pooling the lock stays on a server session that the pooler hands to other clients
 * (another run then "gets" it, re-entrantly) while Godwit's next statements land elsewhere.
 *
 * <p>The probe asks each connection for its backend pid in several transactions, with the other connection's
 * transaction held open in between (so a pooler must hand out a different server session if it is switching
 * them): two client connections that share a backend, or a connection whose backend changes, can only be a
 * pooler that does not pin sessions. A session pooler (PgBouncer {@code pool_mode = session}) passes.
 * A transaction pooler that happens to keep the same server session through the probe is still caught later:
 * the heartbeat checks the lock session's pid, and the fence refuses a COMMIT when the lock is not where it was.
 */
public final class SessionPinning {

    private SessionPinning() {}

    /** How many times the probe is asked: other clients' traffic on a pool can hide one round, rarely five. */
    static final int ROUNDS = 5;

    /** Why these two connections are not each pinned to a server session of their own, if they are not. */
    public static Optional<String> problem(Connection lock, Connection other) throws SQLException {
        for (int round = 0; round < ROUNDS; round++) {
            Optional<String> seen = probe(lock, other);
            if (seen.isPresent()) {
                return seen;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> probe(Connection lock, Connection other) throws SQLException {
        boolean otherAuto = other.getAutoCommit();
        try {
            int lock1 = pid(lock);
            other.setAutoCommit(false);
            int other1 = pid(other);
            int lock2 = pid(lock); // the other connection's transaction is open: its server session is taken
            other.rollback();
            other.setAutoCommit(true);
            int other2 = pid(other);
            int lock3 = pid(lock);
            if (lock1 == other1 || lock2 == other1 || lock3 == other2) {
                return Optional.of("two of Godwit's connections were given the same PostgreSQL session (backend "
                        + other1 + ")");
            }
            if (lock1 != lock2 || lock2 != lock3 || other1 != other2) {
                return Optional.of("one of Godwit's connections moved between PostgreSQL sessions from one"
                        + " transaction to the next (backends " + lock1 + ", " + lock2 + ", " + lock3 + ")");
            }
            return Optional.empty();
        } finally {
            if (!other.getAutoCommit()) {
                other.rollback();
            }
            other.setAutoCommit(otherAuto);
        }
    }

    /** The advice that goes with a problem: what it means and what to configure. */
    public static String advice(String problem) {
        return "the database connection goes through a connection pooler in transaction mode (such as PgBouncer"
                + " with pool_mode = transaction): " + problem + ". The migration lock is a session lock, and"
                + " through such a pooler two runs could both think they hold it, so nothing was run. Give Godwit a"
                + " direct or session-pooled URL for migrations: [database] migration_url in godwit.toml, or"
                + " GODWIT_MIGRATION_URL (the application keeps its pooled url); see docs/operations.md, \"Connection"
                + " poolers\"";
    }

    /** pgjdbc's prepared statements on a pooled server session: the other symptom of transaction pooling. */
    public static boolean symptom(SQLException e) {
        return "26000".equals(e.getSQLState()) || "42P05".equals(e.getSQLState());
    }

    static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
