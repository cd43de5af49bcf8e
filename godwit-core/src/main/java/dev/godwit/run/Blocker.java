package dev.godwit.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A session that blocks one of ours: what a DBA would want to see before deciding what to do about it. */
public record Blocker(int pid, String user, String application, String client, String state,
                      Duration transactionAge, String query) {

    /** "pid 4242 (alice, psql, idle in transaction for 2m13s): UPDATE accounts SET …". */
    public String describe() {
        StringBuilder sb = new StringBuilder("pid ").append(pid).append(" (").append(user);
        if (application != null && !application.isEmpty()) {
            sb.append(", ").append(application);
        }
        if (client != null) {
            sb.append(", from ").append(client);
        }
        sb.append(", ").append(state);
        if (transactionAge != null) {
            sb.append(" in a transaction open for ").append(dev.godwit.base.Durations.format(
                    Duration.ofSeconds(transactionAge.toSeconds())));
        }
        sb.append(')');
        if (query != null && !query.isBlank()) {
            sb.append(": ").append(query);
        }
        return sb.toString();
    }

    /** The sessions that block backend {@code pid} right now, from {@code pg_blocking_pids}. */
    public static List<Blocker> of(Connection c, int pid) throws SQLException {
        List<Blocker> blockers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select a.pid, a.usename, a.application_name,"
                + " host(a.client_addr), a.state, extract(epoch from now() - a.xact_start),"
                + " left(regexp_replace(a.query, '\\s+', ' ', 'g'), 120)"
                + " from unnest(pg_blocking_pids(?)) b(pid) join pg_stat_activity a on a.pid = b.pid"
                + " order by a.xact_start")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double age = rs.getDouble(6);
                    blockers.add(new Blocker(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.wasNull() ? null : Duration.ofMillis((long) (age * 1000)),
                            rs.getString(7)));
                }
            }
        }
        return blockers;
    }
}
