package dev.godwit.preflight;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * A target nothing can be written to: a hot standby ({@code pg_is_in_recovery()}), or a database, role or server
 * whose new transactions are read-only ({@code default_transaction_read_only = on}). Refused before anything runs
 * (preflight's {@code writable} check, exit 8), instead of failing on the first write with SQLSTATE 25006.
 * {@link #refusal} is the guard for commands that write without running preflight (baseline, repair).
 */
public final class ReadOnlyTarget {

    private ReadOnlyTarget() {}

    /** Why nothing can be written through {@code c}; empty when its transactions may write. */
    public static Optional<String> refusal(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_is_in_recovery(),"
                + " current_setting('transaction_read_only'), current_setting('default_transaction_read_only'),"
                + " (select source from pg_settings where name = 'default_transaction_read_only'), current_user,"
                + " current_database()")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return Optional.of("the server is a hot standby (pg_is_in_recovery() is true), so nothing can be"
                        + " written there; point the URL at the primary, or name every server with"
                        + " target_session_attrs=read-write (postgres://standby,primary/db?target_session_attrs"
                        + "=read-write) so that the primary is picked");
            }
            if ("on".equals(rs.getString(2))) {
                String source = rs.getString(4);
                String where = "on".equals(rs.getString(3)) ? "default_transaction_read_only = on" + (source == null
                        ? "" : ", set in " + source) : "set for this session";
                return Optional.of("new transactions are read-only (transaction_read_only is on: " + where + "), so"
                        + " nothing can be written to " + rs.getString(6) + "; turn it off for Godwit's role (ALTER"
                        + " ROLE " + rs.getString(5) + " SET default_transaction_read_only = off, or ALTER DATABASE"
                        + " " + rs.getString(6) + " SET default_transaction_read_only = off) or point the URL at a"
                        + " writable database");
            }
            return Optional.empty();
        }
    }

    /** Preflight's {@code writable} check: FAIL on a read-only target. */
    public static Check check(Connection c) throws SQLException {
        Optional<String> why = refusal(c);
        return why.map(w -> new Check("writable", Status.FAIL, w, "fail when pg_is_in_recovery() or"
                        + " transaction_read_only", List.of()))
                .orElseGet(() -> Check.pass("writable", "a primary, and new transactions may write",
                        "fail when pg_is_in_recovery() or transaction_read_only"));
    }
}
