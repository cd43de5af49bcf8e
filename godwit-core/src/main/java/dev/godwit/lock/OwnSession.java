package dev.godwit.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What Godwit's own sessions (the lock's and the migration's) set for themselves, whatever the server's or the
 * role's defaults say, in one round trip:
 * <ul>
 * <li>{@code idle_session_timeout = 0} and {@code idle_in_transaction_session_timeout = 0}: managed services set
 * them; the lock session is idle for the whole run, and a migration transaction is idle while Godwit waits for
 * quiet tables, so either timeout would end the session (and the lock with it) in the middle of a run;</li>
 * <li>{@code default_transaction_isolation = 'read committed'}: under REPEATABLE READ the audit log's head would be
 * read from a snapshot taken before another process appended to it;</li>
 * <li>{@code client_connection_check_interval} (PostgreSQL 14+): a session whose Godwit process died is noticed by
 * the server during a long statement, which is then cancelled instead of running on with its locks.</li>
 * </ul>
 * {@code application_name = godwit} comes with the connection ({@code ConnectionSettings}).
 */
public final class OwnSession {

    /** How often the server checks that Godwit is still there while a statement runs. */
    static final String CLIENT_CHECK = "5s";

    private OwnSession() {}

    /**
     * Puts the session back as it was when it connected, then applies Godwit's settings again: what one migration
     * SET (search_path, TimeZone, a role) ends with it, so every migration starts from the same state whether it
     * runs alone or after others in one run, as each file does under {@code psql -f}. Values given when
     * connecting (the URL's {@code options}, the role's and database's defaults) are what RESET returns to.
     * Runs in autocommit, between migrations.
     */
    public static void fresh(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            // RESET ALL leaves the role alone (it is not reset by ALL); RESET ROLE undoes a migration's SET ROLE.
            s.execute("reset all; reset role");
        }
        prepare(c);
    }

    /**
     * {@link #fresh(Connection)} in one round trip, for a session whose server major version is known (it cannot
     * change while the session lasts): between two migrations this runs 500 times in a run of 500.
     */
    public static void fresh(Connection c, int major) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("reset all; reset role; " + settings(major));
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private static String settings(int major) {
        return "select set_config('idle_in_transaction_session_timeout', '0', false),"
                + " set_config('default_transaction_isolation', 'read committed', false)"
                + (major >= 14 ? ", set_config('idle_session_timeout', '0', false),"
                        + " set_config('client_connection_check_interval', '" + CLIENT_CHECK + "', false)" : "");
    }

    /** Applies the settings for the rest of the session; returns the server's major version. */
    public static int prepare(Connection c) throws SQLException {
        boolean autocommit = c.getAutoCommit();
        int major;
        try (PreparedStatement ps = c.prepareStatement("select current_setting('server_version_num')::int")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                major = rs.getInt(1) / 10000;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(settings(major))) {
            ps.executeQuery().close();
        }
        if (!autocommit) {
            c.commit();
        }
        return major;
    }
}
