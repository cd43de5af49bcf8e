package dev.godwit.preflight;

import dev.godwit.config.PreflightSettings;

import dev.godwit.db.ServerInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Checks of the server as a whole: version, connections, standbys, open transactions. Read-only. */
final class ServerChecks {

    private final PreflightSettings s;

    ServerChecks(PreflightSettings s) {
        this.s = s;
    }

    static Check connectivity(Connection c) throws SQLException {
        ServerInfo info = ServerInfo.of(c);
        return Check.pass("connectivity", "connected to " + info.database() + " as " + info.user() + ", PostgreSQL "
                + info.version(), "");
    }

    Check connections(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select (select count(*) from pg_stat_activity"
                     + " where backend_type = 'client backend'), current_setting('max_connections')::int")) {
            rs.next();
            long used = rs.getLong(1);
            int max = rs.getInt(2);
            long percent = max == 0 ? 0 : used * 100 / max;
            Status status = level(percent, s.connectionsWarnPercent(), s.connectionsFailPercent());
            return new Check("connections", status, used + " of " + max + " connections in use (" + percent + "%)",
                    "warn at " + off(s.connectionsWarnPercent()) + ", fail at " + off(s.connectionsFailPercent()),
                    List.of());
        }
    }

    Check replication(Connection c) throws SQLException {
        List<String> details = new ArrayList<>();
        Status status = Status.PASS;
        Duration worst = Duration.ZERO;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select coalesce(application_name, ''), host(client_addr), state,"
                     + " extract(epoch from coalesce(replay_lag, interval '0')) from pg_stat_replication"
                     + " order by replay_lag desc nulls last")) {
            while (rs.next()) {
                Duration lag = Duration.ofMillis((long) (rs.getDouble(4) * 1000));
                worst = lag.compareTo(worst) > 0 ? lag : worst;
                Status one = level(lag, s.replicationLagWarn(), s.replicationLagFail());
                status = status.worst(one);
                details.add(one + " standby " + rs.getString(1) + " (" + rs.getString(2) + ", " + rs.getString(3)
                        + "): replay lag " + Backend.format(lag));
            }
        }
        String summary = details.isEmpty() ? "no standbys connected" : details.size() + " standby(s), the most"
                + " behind replays " + Backend.format(worst) + " late";
        return new Check("replication-lag", status, summary, "warn at " + off(s.replicationLagWarn()) + ", fail at "
                + off(s.replicationLagFail()), details);
    }

    /** Open transactions in this database (other than ours): two checks, by transaction age and idle time. */
    List<Check> transactions(Connection c) throws SQLException {
        List<Backend> open = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select " + Backend.COLUMNS + " from pg_stat_activity a"
                     + " where a.datname = current_database() and a.pid <> pg_backend_pid()"
                     + " and a.xact_start is not null and a.backend_type = 'client backend'"
                     + " order by a.xact_start")) {
            while (rs.next()) {
                open.add(Backend.read(rs, 1));
            }
        }
        return List.of(ages("long-transactions", "transaction(s) open", open, Backend::transactionAge,
                s.longTransactionWarn(), s.longTransactionFail()),
                ages("idle-in-transaction", "session(s) idle in transaction",
                        open.stream().filter(Backend::idleInTransaction).toList(), Backend::stateAge,
                        s.idleInTransactionWarn(), s.idleInTransactionFail()));
    }

    private static Check ages(String id, String what, List<Backend> sessions,
            java.util.function.Function<Backend, Duration> age, Duration warn, Duration fail) {
        Status status = Status.PASS;
        Duration oldest = Duration.ZERO;
        List<String> details = new ArrayList<>();
        for (Backend b : sessions) {
            Duration a = age.apply(b) == null ? Duration.ZERO : age.apply(b);
            oldest = a.compareTo(oldest) > 0 ? a : oldest;
            Status one = level(a, warn, fail);
            status = status.worst(one);
            if (one != Status.PASS) {
                details.add(one + " " + b.describe());
            }
        }
        String summary = sessions.size() + " " + what + (sessions.isEmpty() ? "" : ", the oldest for "
                + Backend.format(oldest));
        return new Check(id, status, summary, "warn at " + off(warn) + ", fail at " + off(fail), details);
    }

    static Status level(long value, int warn, int fail) {
        if (fail > 0 && value >= fail) {
            return Status.FAIL;
        }
        return warn > 0 && value >= warn ? Status.WARN : Status.PASS;
    }

    static Status level(Duration value, Duration warn, Duration fail) {
        if (!fail.isZero() && value.compareTo(fail) >= 0) {
            return Status.FAIL;
        }
        return !warn.isZero() && value.compareTo(warn) >= 0 ? Status.WARN : Status.PASS;
    }

    static String off(int percent) {
        return percent == 0 ? "never" : percent + "%";
    }

    static String off(Duration d) {
        return d.isZero() ? "never" : dev.godwit.base.Durations.format(d);
    }
}
