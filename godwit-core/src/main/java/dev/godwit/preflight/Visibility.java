package dev.godwit.preflight;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Whether Godwit's role sees other roles' sessions whole. Without {@code pg_read_all_stats} (or superuser),
 * {@code pg_stat_activity} hides their state, transaction start and query: the long-transaction and
 * idle-in-transaction checks cannot count them, and a lock they hold cannot be told from ordinary traffic (so the
 * table-locks check can only WARN about it). Preflight says so, with the grant that fixes it.
 *
 * @param hidden sessions of other roles in this database whose details are hidden from this role
 */
record Visibility(String role, boolean full, long hidden) {

    static Visibility of(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_user,"
                + " (select rolsuper from pg_roles where rolname = current_user)"
                + " or pg_has_role(current_user, 'pg_read_all_stats', 'member'),"
                + " (select count(*) from pg_stat_activity where datname = current_database()"
                + " and pid <> pg_backend_pid() and query = '<insufficient privilege>')")) {
            rs.next();
            return new Visibility(rs.getString(1), rs.getBoolean(2), rs.getLong(3));
        }
    }

    String grant() {
        return "GRANT pg_read_all_stats TO " + dev.godwit.db.Identifiers.quote(role);
    }

    Check check() {
        String threshold = "warn when sessions of other roles are hidden (no pg_read_all_stats)";
        if (full) {
            return Check.pass("visibility", "role " + role + " sees every session's state, transaction age and"
                    + " query (superuser or pg_read_all_stats)", threshold);
        }
        if (hidden == 0) {
            return Check.pass("visibility", "role " + role + " lacks pg_read_all_stats, but no session of another"
                    + " role is open in this database now", threshold);
        }
        return new Check("visibility", Status.WARN, hidden + " session(s) of other roles are hidden from role " + role
                + ", which lacks pg_read_all_stats: their state, transaction age and query are unknown, so"
                + " long-transactions and idle-in-transaction cannot count them, and a conflicting lock they hold"
                + " is a WARN where a forgotten transaction would be a FAIL", threshold, List.of(grant()
                + " lets Godwit judge them"));
    }
}
