package dev.godwit.execute;

import dev.godwit.lock.MigrationLock;
import dev.godwit.run.Blocker;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.TableLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Waits, without asking for any lock, until no other session holds — or waits for — a lock that conflicts
 * with the ones a statement is about to take. Asking for the lock while a long transaction holds a
 * conflicting one would queue every later query on that table behind the request; looking at
 * {@code pg_locks} blocks nobody. The statement then runs under the short lock_timeout as usual.
 *
 * <p>It looks from the lock's own connection, never the migration's: a failed query there would abort the
 * migration's transaction. The migration's session is left out, since its earlier statements' locks are
 * its own.
 */
final class QuietWait {

    private static final String HOLDERS = """
            select l.pid, l.mode, l.granted, a.usename, a.application_name, host(a.client_addr), a.state,
                   extract(epoch from now() - a.xact_start), left(regexp_replace(a.query, '\\s+', ' ', 'g'), 120)
              from pg_locks l
              left join pg_stat_activity a on a.pid = l.pid
             where l.locktype = 'relation' and l.relation = to_regclass(?)
               and l.pid <> pg_backend_pid() and l.pid <> ?
             order by a.xact_start""";

    private static final long POLL_MS = 200;
    private static final Duration LASTING = Duration.ofSeconds(1);

    private QuietWait() {}

    /**
     * Returns once the tables are quiet, or when {@code limit} has passed (the statement then tries anyway,
     * under its lock_timeout, and the usual retries take over). {@code waiting} hears who is in the way,
     * once per change of the holders.
     *
     * @return how long it waited
     */
    static Duration await(MigrationLock lock, int migrationPid, List<TableLock> locks, Duration limit,
            dev.godwit.base.Cancellation stop, Consumer<List<Blocker>> waiting) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        List<Integer> lastPids = List.of();
        boolean first = true;
        while (true) {
            List<Blocker> inTheWay = new ArrayList<>();
            for (TableLock l : locks) {
                inTheWay.addAll(lock.withConnection(c -> conflicting(c, migrationPid, l)));
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            if (inTheWay.isEmpty() || waited.compareTo(limit) >= 0) {
                return waited;
            }
            // Under live traffic the application's own short transactions come and go at every look: only a
            // change among the lasting holders (or the first look) is news worth a line.
            List<Integer> pids = inTheWay.stream().filter(QuietWait::lasting).map(Blocker::pid).toList();
            if (first || !pids.equals(lastPids)) {
                waiting.accept(inTheWay);
                lastPids = pids;
                first = false;
            }
            if (stop.await(Duration.ofMillis(POLL_MS))) {
                return Duration.ofNanos(System.nanoTime() - started); // the statement's stop check ends the run
            }
        }
    }

    /** A holder whose transaction has been open for a second or more (or whose age is unknown). */
    static boolean lasting(Blocker b) {
        return b.transactionAge() == null || b.transactionAge().compareTo(LASTING) >= 0;
    }

    /** Sessions holding or awaiting a lock on the table that conflicts with {@code wanted}. */
    static List<Blocker> conflicting(Connection c, int migrationPid, TableLock wanted) throws SQLException {
        List<Blocker> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(HOLDERS)) {
            ps.setString(1, wanted.relation().display());
            ps.setInt(2, migrationPid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LockMode held = mode(rs.getString(2));
                    boolean seen = out.stream().anyMatch(b -> b.pid() == rsPid(rs));
                    if (held == null || !held.conflictsWith(wanted.mode()) || seen) {
                        continue;
                    }
                    double age = rs.getDouble(8);
                    Duration xact = rs.wasNull() ? null : Duration.ofMillis((long) (age * 1000));
                    String state = rs.getBoolean(3) ? rs.getString(7) : "waiting for " + rs.getString(2);
                    out.add(new Blocker(rs.getInt(1), rs.getString(4), rs.getString(5), rs.getString(6),
                            state, xact, rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return out; // the table or its schema does not exist yet: nobody can hold it
            }
            throw e;
        }
        return out;
    }

    private static int rsPid(ResultSet rs) {
        try {
            return rs.getInt(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** {@code AccessExclusiveLock} → ACCESS_EXCLUSIVE; null for modes that are not table lock modes. */
    static LockMode mode(String pgLocksName) {
        for (LockMode m : LockMode.values()) {
            if (m.pgLocksName().equals(pgLocksName)) {
                return m;
            }
        }
        return null;
    }
}
