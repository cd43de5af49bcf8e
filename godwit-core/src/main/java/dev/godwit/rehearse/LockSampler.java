package dev.godwit.rehearse;

import dev.godwit.sql.analysis.LockMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches, from a second connection, the relation locks the migration's backend holds ({@code pg_locks} by
 * pid) and how many other sessions wait for a lock. A background thread samples every few milliseconds while
 * a migration runs, so that locks a statement takes and gives back before it returns (CONCURRENTLY builds,
 * statements outside a transaction) are seen too; the tracer also asks for a sample right before and after
 * each statement.
 */
final class LockSampler implements AutoCloseable {

    /** PostgreSQL's first oid for user objects: locks below it are on the catalogs. */
    private static final long FIRST_USER_OID = 16384;

    private static final String SQL = "select pid, relation::bigint, mode, granted from pg_locks"
            + " where locktype = 'relation' and database = (select oid from pg_database where datname = current_database())"
            + " and pid <> pg_backend_pid() and (pid = ? or not granted)";

    /** One look at pg_locks: the migration's granted locks per relation oid, and how many sessions wait. */
    record Sample(long atMs, Map<Long, Set<LockMode>> held, int waiting) {}

    private final Connection observer;
    private final int pid;
    private final Clock clock;
    private final List<Sample> samples = new ArrayList<>();
    private volatile boolean running;
    private Thread thread;
    private SQLException failure;

    LockSampler(Connection observer, int pid, Clock clock) {
        this.observer = observer;
        this.pid = pid;
        this.clock = clock;
    }

    /** Starts sampling every {@code everyMs} in the background. */
    void start(long everyMs) {
        running = true;
        thread = new Thread(() -> {
            while (running) {
                try {
                    sample();
                    Thread.sleep(everyMs);
                } catch (SQLException e) {
                    failure = e;
                    return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "godwit-rehearse-locks");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized Sample sample() throws SQLException {
        Map<Long, Set<LockMode>> held = new HashMap<>();
        int waiting = 0;
        try (PreparedStatement ps = observer.prepareStatement(SQL)) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getBoolean(4)) {
                        waiting += rs.getInt(1) == pid ? 0 : 1;
                    } else if (rs.getInt(1) == pid && rs.getLong(2) >= FIRST_USER_OID) {
                        long oid = rs.getLong(2);
                        mode(rs.getString(3)).ifPresent(m -> held.computeIfAbsent(oid,
                                k -> EnumSet.noneOf(LockMode.class)).add(m));
                    }
                }
            }
        }
        Sample s = new Sample(clock.ms(), held, waiting);
        samples.add(s);
        return s;
    }

    /** Every sample so far, oldest first. */
    synchronized List<Sample> all() {
        return List.copyOf(samples);
    }

    /** The samples taken from {@code fromMs} to {@code toMs}, both included. */
    synchronized List<Sample> between(long fromMs, long toMs) {
        return samples.stream().filter(s -> s.atMs() >= fromMs && s.atMs() <= toMs).toList();
    }

    static java.util.Optional<LockMode> mode(String pgLocksName) {
        for (LockMode m : LockMode.values()) {
            if (m.pgLocksName().equals(pgLocksName)) {
                return java.util.Optional.of(m);
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public void close() throws SQLException {
        running = false;
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
