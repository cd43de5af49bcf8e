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

    /**
     * "pid 4242 (alice, psql, idle in transaction, in a transaction open for 2m13s): UPDATE accounts SET …". A field
     * PostgreSQL does not report (another user's session, a background worker) is left out, never printed empty or
     * as {@code null}; an age under a second is left out too.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (String field : new String[] {user, application, client == null ? null : "from " + client, state}) {
            if (field != null && !field.isBlank()) {
                parts.add(field);
            }
        }
        if (transactionAge != null && transactionAge.toSeconds() >= 1) {
            parts.add("in a transaction open for " + dev.godwit.base.Durations.format(
                    Duration.ofSeconds(transactionAge.toSeconds())));
        }
        StringBuilder sb = new StringBuilder("pid ").append(pid);
        if (!parts.isEmpty()) {
            sb.append(" (").append(String.join(", ", parts)).append(')');
        }
        if (query != null && !query.isBlank()) {
            sb.append(": ").append(query);
        }
        return sb.toString();
    }

    /**
     * Many sessions in one line a person can read: the longest-running first, three at most, then "and N more".
     */
    public static String summary(List<Blocker> blockers) {
        List<Blocker> sorted = blockers.stream().sorted(java.util.Comparator.comparing(
                (Blocker b) -> b.transactionAge() == null ? Duration.ZERO : b.transactionAge()).reversed()).toList();
        int shown = Math.min(3, sorted.size());
        String head = String.join("; ", sorted.subList(0, shown).stream().map(Blocker::describe).toList());
        return sorted.size() > shown ? head + "; and " + (sorted.size() - shown) + " more" : head;
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
