package dev.godwit.rehearse;

import dev.godwit.db.ConnectFailure;
import dev.godwit.db.ConnectionSettings;
import dev.godwit.db.Connections;
import dev.godwit.db.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code --load C}: C clients, each on its own connection, taking turns over the touched tables with a
 * small read ({@code select … limit 10}) and a one-row write that changes nothing ({@code update t set c = c}
 * on one row: it takes the same ROW EXCLUSIVE lock a real write takes). Each operation's start and latency
 * land on the trace's time axis, so they can be put against the statement that was running.
 */
final class LoadGenerator implements AutoCloseable {

    /** Between two operations of a client: live traffic, not a benchmark (the machine runs the migration too). */
    private static final long PAUSE_MS = 5;

    private final List<Thread> threads = new ArrayList<>();
    private final List<LoadPoint> points = Collections.synchronizedList(new ArrayList<>());
    private final List<Connection> connections = new ArrayList<>();
    private volatile boolean running = true;

    private LoadGenerator() {}

    /** Connects C clients and starts them on {@code tables} ({@code schema.name}); none when there are none. */
    static LoadGenerator start(ConnectionSettings db, List<String[]> tables, int clients, Clock clock)
            throws SQLException, ConnectFailure {
        LoadGenerator g = new LoadGenerator();
        if (tables.isEmpty()) {
            return g;
        }
        List<String[]> ops = new ArrayList<>();
        try (Connection c = Connections.open(db)) {
            for (String[] t : tables) {
                String q = Identifiers.qualified(t[0], t[1]);
                String col = firstColumn(c, q);
                ops.add(new String[] {"select * from " + q + " limit 10",
                        "update " + q + " set " + col + " = " + col + " where ctid = (select ctid from " + q + " limit 1)"});
            }
        }
        for (int i = 0; i < clients; i++) {
            Connection c = Connections.open(db);
            g.connections.add(c);
            try (Statement s = c.createStatement()) {
                s.execute("set application_name = 'godwit-rehearse-load'");
                s.execute("set statement_timeout = '5min'");
            }
            int offset = i;
            Thread t = new Thread(() -> g.loop(c, ops, offset, clock), "godwit-rehearse-load-" + i);
            t.setDaemon(true);
            g.threads.add(t);
            t.start();
        }
        return g;
    }

    private void loop(Connection c, List<String[]> ops, int offset, Clock clock) {
        long n = offset;
        while (running) {
            String[] op = ops.get((int) (n / 2 % ops.size()));
            boolean write = n % 2 == 1;
            long start = clock.ms();
            boolean error = false;
            try (Statement s = c.createStatement()) {
                s.execute(op[write ? 1 : 0]);
            } catch (SQLException e) {
                error = true;
                if (!running) {
                    return;
                }
            }
            points.add(new LoadPoint(start, clock.ms() - start, write, error));
            n++;
            try {
                Thread.sleep(PAUSE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String firstColumn(Connection c, String q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select attname from pg_attribute where attrelid = ?::regclass"
                + " and attnum > 0 and not attisdropped and attgenerated = '' and attidentity = '' order by attnum limit 1")) {
            ps.setString(1, q);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Identifiers.quote(rs.getString(1)) : "ctid";
            }
        }
    }

    /** Stops the clients; returns every operation, in start order. */
    List<LoadPoint> stop() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<LoadPoint> out;
        synchronized (points) {
            out = new ArrayList<>(points);
        }
        out.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
        return out;
    }

    @Override
    public void close() {
        running = false;
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the rehearsal database is dropped anyway
            }
        }
    }

    /**
     * What the clients saw in {@code [fromMs, toMs)}: the operations running at any time in it (one blocked
     * across several statements counts for each), with the blocked time from the lock samples.
     */
    static LoadStats stats(List<LoadPoint> points, List<LockSampler.Sample> samples, long fromMs, long toMs) {
        List<Long> lat = new ArrayList<>();
        int errors = 0;
        for (LoadPoint p : points) {
            if (p.startMs() < toMs && p.startMs() + p.latencyMs() >= fromMs) {
                lat.add(p.latencyMs());
                errors += p.error() ? 1 : 0;
            }
        }
        Collections.sort(lat);
        long blocked = 0;
        for (int i = 0; i + 1 < samples.size(); i++) {
            LockSampler.Sample s = samples.get(i);
            if (s.atMs() >= fromMs && s.atMs() < toMs) {
                blocked += s.waiting() * (samples.get(i + 1).atMs() - s.atMs());
            }
        }
        return new LoadStats(lat.size(), pct(lat, 50), pct(lat, 99), lat.isEmpty() ? 0 : lat.get(lat.size() - 1),
                errors, blocked);
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
