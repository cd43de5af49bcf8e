package dev.godwit.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a client stall comes from: samples {@code pg_locks} every 10 ms for ACCESS EXCLUSIVE on one table and
 * keeps the longest stretch it was requested but not granted (the clients queue behind such a request) and the
 * longest it was held (the clients wait for it).
 */
final class LockWatch implements AutoCloseable {

    private static final String SQL = "select coalesce(bool_or(not granted), false), coalesce(bool_or(granted), false)"
            + " from pg_locks where relation = to_regclass(?) and mode = 'AccessExclusiveLock'";

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile long longestQueuedMs;
    private volatile long longestHeldMs;

    LockWatch(String jdbcUrl, String table) {
        thread = new Thread(() -> watch(jdbcUrl, table), "lock-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch(String url, String table) {
        long queuedSince = -1;
        long heldSince = -1;
        try (Connection c = DriverManager.getConnection(url, "postgres", null);
             PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, table);
            while (running.get()) {
                long now = System.nanoTime() / 1_000_000;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    queuedSince = rs.getBoolean(1) ? (queuedSince < 0 ? now : queuedSince) : -1;
                    heldSince = rs.getBoolean(2) ? (heldSince < 0 ? now : heldSince) : -1;
                }
                longestQueuedMs = Math.max(longestQueuedMs, queuedSince < 0 ? 0 : now - queuedSince);
                longestHeldMs = Math.max(longestHeldMs, heldSince < 0 ? 0 : now - heldSince);
                Thread.sleep(10);
            }
        } catch (Exception e) {
            System.err.println("lock watch stopped: " + e.getMessage());
        }
    }

    String describe() {
        return String.format(Locale.ROOT, "ACCESS EXCLUSIVE on the table: longest queued %d ms, longest held %d ms"
                + " (pg_locks sampled every 10 ms)", longestQueuedMs, longestHeldMs);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(1000);
    }
}
