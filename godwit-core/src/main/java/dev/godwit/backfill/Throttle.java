package dev.godwit.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the next batch should wait: a standby replays more than {@code max_lag} behind, or sessions wait for a
 * lock on the table. A standby's lag is the larger of what it reports ({@code replay_lag}) and the age of the oldest
 * batch this backfill committed that it has not replayed yet — the second still grows while replay is paused or
 * stuck, when {@code replay_lag} may show an old value. Or the canary query ({@code [backfill] canary_query}), run on
 * a connection of its own under a statement_timeout, takes longer than {@code canary_max}: the application's own
 * queries are slowing down.
 */
public final class Throttle {

    private static final String STANDBYS = """
            select coalesce(nullif(application_name, ''), 'standby') || coalesce(' at ' || host(client_addr), ''),
                   replay_lsn::text, coalesce(extract(epoch from replay_lag), 0),
                   pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint
              from pg_stat_replication where state = 'streaming' or replay_lsn is not null""";
    private static final String LOCK_WAITS = """
            select count(*), string_agg(distinct l.pid::text, ', ')
              from pg_locks l where l.relation = ? and not l.granted and l.pid <> pg_backend_pid()""";

    private final Optional<Duration> maxLag;
    private final long tableOid;
    /** The WAL position and time of each batch committed whose replay not every standby has confirmed. */
    private final Deque<long[]> commits = new ArrayDeque<>();
    private boolean blind;
    private final Optional<Canary> canary;

    /**
     * The canary query and its connection (the backfill's own connection would time the canary inside its own
     * state); the caller opens and closes the connection.
     */
    public record Canary(Connection connection, String query, Duration max) {
        /** Long enough to tell "slow" from "stuck", short enough not to hold up the backfill for long. */
        Duration timeout() {
            return Duration.ofMillis(Math.max(1000, max.toMillis() * 20));
        }
    }

    public Throttle(Optional<Duration> maxLag, long tableOid) {
        this(maxLag, tableOid, Optional.empty());
    }

    public Throttle(Optional<Duration> maxLag, long tableOid, Optional<Canary> canary) {
        this.maxLag = maxLag;
        this.tableOid = tableOid;
        this.canary = canary;
    }

    /** After a batch's COMMIT, on the same connection: where the WAL is now, to see when every standby has it. */
    public void committed(Connection c) throws SQLException {
        if (maxLag.isEmpty()) {
            return;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_current_wal_lsn()::text")) {
            rs.next();
            commits.addLast(new long[] {lsn(rs.getString(1)), System.nanoTime()});
        }
        while (commits.size() > 10_000) {
            commits.removeFirst();
        }
    }

    /** Why the next batch must wait, in words; empty when it may go. */
    public Optional<String> reason(Connection c) throws SQLException {
        Optional<String> lag = lag(c);
        if (lag.isPresent()) {
            return lag;
        }
        Optional<String> locks = lockWaits(c);
        return locks.isPresent() ? locks : canary();
    }

    /** The canary query's latency over canary_max (a timeout counts as over). */
    private Optional<String> canary() throws SQLException {
        if (canary.isEmpty()) {
            return Optional.empty();
        }
        Canary k = canary.get();
        String max = dev.godwit.base.Durations.format(k.max());
        try (Statement s = k.connection().createStatement()) {
            s.execute("set statement_timeout = " + k.timeout().toMillis());
            long started = System.nanoTime();
            try (ResultSet rs = s.executeQuery(k.query())) {
                while (rs.next()) {
                    // read it all: the latency the application would see
                }
            } catch (SQLException e) {
                if (!"57014".equals(e.getSQLState())) {
                    throw new SQLException("the canary query ([backfill] canary_query) failed: " + e.getMessage()
                            + "; fix it in godwit.toml or remove it", e.getSQLState(), e);
                }
                return Optional.of("canary query: no answer within its statement_timeout of "
                        + dev.godwit.base.Durations.format(k.timeout()) + ", over canary_max=" + max);
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            return ms <= k.max().toMillis() ? Optional.empty()
                    : Optional.of("canary query took " + ms + " ms, over canary_max=" + max);
        }
    }

    /** Once, when the standbys' replay position is hidden from this role: the lag cannot be measured. */
    public boolean blind() {
        return blind;
    }

    private Optional<String> lag(Connection c) throws SQLException {
        if (maxLag.isEmpty()) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        long oldestUnreplayed = Long.MAX_VALUE;
        String worst = null;
        double worstSeconds = 0;
        long worstBytes = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(STANDBYS)) {
            while (rs.next()) {
                String replay = rs.getString(2);
                if (replay == null) {
                    blind = true; // pg_stat_replication shows positions only to pg_monitor (or the superuser)
                    continue;
                }
                long replayed = lsn(replay);
                // replay_lag keeps its last measured value for a while after the standby caught up: a standby that
                // has replayed everything is not behind, whatever that column still says.
                double seconds = rs.getLong(4) <= 0 ? 0 : rs.getDouble(3);
                for (long[] commit : commits) {
                    if (commit[0] > replayed) {
                        seconds = Math.max(seconds, (now - commit[1]) / 1e9);
                        break;
                    }
                }
                oldestUnreplayed = Math.min(oldestUnreplayed, replayed);
                if (seconds > worstSeconds) {
                    worstSeconds = seconds;
                    worst = rs.getString(1);
                    worstBytes = rs.getLong(4);
                }
            }
        }
        long replayedByAll = oldestUnreplayed;
        commits.removeIf(commit -> commit[0] <= replayedByAll);
        if (worst == null || worstSeconds * 1000 <= maxLag.get().toMillis()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "replication lag: %s replays %.1f s behind (%s of WAL), over"
                + " max_lag=%s", worst, worstSeconds, bytes(worstBytes), dev.godwit.base.Durations.format(maxLag.get())));
    }

    private Optional<String> lockWaits(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK_WAITS)) {
            ps.setLong(1, tableOid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int n = rs.getInt(1);
                return n == 0 ? Optional.empty() : Optional.of("lock waits: " + n + " session(s) wait for a lock on"
                        + " the table (backend " + rs.getString(2) + "); the backfill lets them go first");
            }
        }
    }

    /** {@code 16/B374D848} → its position in bytes. */
    static long lsn(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    private static String bytes(long b) {
        if (b < 1024 * 1024) {
            return (b / 1024) + " kB";
        }
        return String.format(Locale.ROOT, "%.1f MB", b / (1024.0 * 1024));
    }
}
