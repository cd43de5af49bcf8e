package dev.godwit.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Managed PostgreSQL services set short {@code idle_in_transaction_session_timeout} and {@code idle_session_timeout}
 * for every session; Godwit's own long-lived sessions (a backup's exported snapshot, which must outlive pg_dump; the
 * migration lock's session, idle while a restore runs) turn them off for themselves, and nothing else. pg_dump and
 * pg_restore get the same through {@link #pgOptions}.
 */
public final class SessionTimeouts {

    /** {@code idle_session_timeout} is PostgreSQL 14's; an older server refuses the name. */
    static final int IDLE_SESSION_SINCE = 14;

    private SessionTimeouts() {}

    /** Turns both timeouts off for this session (not for its transaction only). */
    public static void keepAlive(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("select set_config(name, '0', false) from pg_settings"
                    + " where name in ('idle_in_transaction_session_timeout', 'idle_session_timeout')");
        }
    }

    /** The same for a libpq program's sessions, as {@code PGOPTIONS} words for a server of {@code serverMajor}. */
    public static String pgOptions(int serverMajor) {
        return "-c idle_in_transaction_session_timeout=0"
                + (serverMajor >= IDLE_SESSION_SINCE ? " -c idle_session_timeout=0" : "");
    }
}
