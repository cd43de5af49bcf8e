package dev.godwit.preflight;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who blocks whom right now, from {@code pg_blocking_pids}: each root is a session that blocks others and
 * waits for nobody; under it, the sessions it blocks, and so on. A session blocked by several appears under
 * each of them.
 */
public final class BlockingTree {

    /** A session and the sessions waiting for it. */
    public record Node(Backend session, List<Node> blocked) {}

    private BlockingTree() {}

    /** The trees in this database, oldest root transaction first; empty when nobody waits for a lock. */
    public static List<Node> now(Connection c) throws SQLException {
        Map<Integer, Backend> sessions = new LinkedHashMap<>();
        Map<Integer, List<Integer>> blockedBy = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select pg_blocking_pids(a.pid), " + Backend.COLUMNS
                     + " from pg_stat_activity a where a.datname = current_database() and a.pid <> pg_backend_pid()"
                     + " order by a.xact_start nulls last, a.pid")) {
            while (rs.next()) {
                Backend b = Backend.read(rs, 2);
                sessions.put(b.pid(), b);
                Integer[] pids = (Integer[]) rs.getArray(1).getArray();
                if (pids.length > 0) {
                    blockedBy.put(b.pid(), List.of(pids));
                }
            }
        }
        List<Node> roots = new ArrayList<>();
        for (Backend b : sessions.values()) {
            boolean blocks = blockedBy.values().stream().anyMatch(l -> l.contains(b.pid()));
            if (blocks && !blockedBy.containsKey(b.pid())) {
                roots.add(node(b, sessions, blockedBy, new ArrayList<>()));
            }
        }
        return roots;
    }

    private static Node node(Backend b, Map<Integer, Backend> sessions, Map<Integer, List<Integer>> blockedBy,
            List<Integer> path) {
        path.add(b.pid());
        List<Node> children = new ArrayList<>();
        blockedBy.forEach((waiter, blockers) -> {
            if (blockers.contains(b.pid()) && !path.contains(waiter) && sessions.containsKey(waiter)) {
                children.add(node(sessions.get(waiter), sessions, blockedBy, path));
            }
        });
        path.remove(path.size() - 1);
        return new Node(b, children);
    }

    /** Sessions in this database idle in transaction for at least {@code olderThan}, longest first. */
    public static List<Backend> idleInTransaction(Connection c, Duration olderThan) throws SQLException {
        List<Backend> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + Backend.COLUMNS + " from pg_stat_activity a"
                + " where a.datname = current_database() and a.pid <> pg_backend_pid()"
                + " and a.state in ('idle in transaction', 'idle in transaction (aborted)')"
                + " and now() - a.state_change >= ? * interval '1 millisecond' order by a.state_change")) {
            ps.setLong(1, olderThan.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Backend.read(rs, 1));
                }
            }
        }
        return out;
    }

    /**
     * Ends {@code pid} with {@code pg_terminate_backend}, but only if it is still idle in transaction for at
     * least {@code olderThan} — it may have moved on since it was listed.
     *
     * @return true when it was terminated
     */
    public static boolean terminateIfStillIdle(Connection c, int pid, Duration olderThan) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_terminate_backend(a.pid) from pg_stat_activity a"
                + " where a.pid = ? and a.datname = current_database()"
                + " and a.state in ('idle in transaction', 'idle in transaction (aborted)')"
                + " and now() - a.state_change >= ? * interval '1 millisecond'")) {
            ps.setInt(1, pid);
            ps.setLong(2, olderThan.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
