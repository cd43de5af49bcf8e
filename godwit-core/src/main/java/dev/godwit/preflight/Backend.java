package dev.godwit.preflight;

import dev.godwit.base.Durations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A PostgreSQL session as a DBA looks at it before a change: who, from where, doing what, for how long.
 *
 * @param transactionAge how long its transaction has been open; null outside a transaction
 * @param stateAge       how long it has been in {@code state} (for "idle in transaction": how long idle)
 * @param waiting        what it waits for ({@code Lock:relation}); null when it waits for nothing
 * @param query          its current or last query, whitespace squeezed, at most 120 characters
 */
public record Backend(int pid, String user, String application, String client, String state,
                      Duration transactionAge, Duration stateAge, String waiting, String query) {

    /** The columns {@link #read} expects, from {@code pg_stat_activity a}, in this order. */
    static final String COLUMNS = "a.pid, a.usename, a.application_name, host(a.client_addr), a.state,"
            + " extract(epoch from now() - a.xact_start), extract(epoch from now() - a.state_change),"
            + " case when a.wait_event_type is null then null else a.wait_event_type || ':' || a.wait_event end,"
            + " left(regexp_replace(a.query, '\\s+', ' ', 'g'), 120)";

    static Backend read(ResultSet rs, int first) throws SQLException {
        return new Backend(rs.getInt(first), rs.getString(first + 1), rs.getString(first + 2),
                rs.getString(first + 3), rs.getString(first + 4), seconds(rs, first + 5), seconds(rs, first + 6),
                rs.getString(first + 7), rs.getString(first + 8));
    }

    private static Duration seconds(ResultSet rs, int column) throws SQLException {
        double s = rs.getDouble(column);
        return rs.wasNull() ? null : Duration.ofMillis((long) (s * 1000));
    }

    public boolean idleInTransaction() {
        return state != null && state.startsWith("idle in transaction");
    }

    /** "pid 4242 (alice, psql, from 10.0.0.7, idle in transaction for 2m13s, transaction open 2m15s): UPDATE …". */
    public String describe() {
        StringBuilder sb = new StringBuilder("pid ").append(pid).append(" (").append(user == null ? "?" : user);
        if (application != null && !application.isEmpty()) {
            sb.append(", ").append(application);
        }
        if (client != null) {
            sb.append(", from ").append(client);
        }
        sb.append(", ").append(state == null ? "unknown state" : state);
        if (stateAge != null) {
            sb.append(" for ").append(format(stateAge));
        }
        if (transactionAge != null) {
            sb.append(", transaction open ").append(format(transactionAge));
        }
        if (waiting != null && "active".equals(state)) { // an idle session always "waits" for its client
            sb.append(", waiting on ").append(waiting);
        }
        sb.append(')');
        if (query != null && !query.isBlank()) {
            sb.append(": ").append(query);
        }
        return sb.toString();
    }

    static String format(Duration d) {
        return d.toSeconds() == 0 ? d.toMillis() + "ms" : Durations.format(Duration.ofSeconds(d.toSeconds()));
    }
}
