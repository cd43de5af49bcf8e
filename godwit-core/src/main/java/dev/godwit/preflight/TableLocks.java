package dev.godwit.preflight;

import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.TableLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds (or awaits) a lock right now that conflicts with one a pending migration will take. A holder
 * whose transaction has been open longer than {@code lock_holder_fail} fails the check: the migration could
 * only wait for it (or time out and retry) — typically a session idle in transaction that nobody will end.
 * A younger one only warns: that is traffic, and the migration's quiet wait lets it pass.
 */
final class TableLocks {

    private static final String HOLDERS = "select l.mode, l.granted, " + Backend.COLUMNS + " from pg_locks l"
            + " join pg_stat_activity a on a.pid = l.pid"
            + " where l.locktype = 'relation' and l.relation = to_regclass(?) and l.pid <> pg_backend_pid()"
            + " order by a.xact_start";

    private TableLocks() {}

    static Check check(Connection c, List<Touch> touches, Duration failAfter, Visibility visibility)
            throws SQLException {
        Map<String, Touch> strongest = new LinkedHashMap<>();
        for (Touch t : touches) {
            strongest.merge(t.lock().relation().display(), t,
                    (old, now) -> old.lock().mode().compareTo(now.lock().mode()) >= 0 ? old : now);
        }
        Status status = Status.PASS;
        List<String> details = new ArrayList<>();
        for (Touch t : strongest.values()) {
            for (Held h : holders(c, t.lock())) {
                // Another Godwit run only warns: migrate waits for its migration lock before touching anything.
                boolean godwit = dev.godwit.db.ConnectionSettings.APPLICATION_NAME.equals(h.backend().application());
                Status one = h.granted() && !godwit && h.backend().transactionAge() != null && !failAfter.isZero()
                        && h.backend().transactionAge().compareTo(failAfter) >= 0 ? Status.FAIL : Status.WARN;
                status = status.worst(one);
                details.add(one + " " + t.lock().relation().display() + ": " + (h.granted() ? "holds " : "awaits ")
                        + h.mode() + ", which conflicts with the " + t.lock().mode().sqlName() + " that " + t.location()
                        + " takes — " + h.backend().describe() + hidden(h, visibility));
            }
        }
        String summary = strongest.isEmpty() ? "the pending migrations take no table locks"
                : details.isEmpty() ? "no other session holds a conflicting lock on " + strongest.size() + " table(s)"
                : details.size() + " conflicting lock(s) on the tables the pending migrations touch";
        return new Check("table-locks", status, summary, "fail when the holder's transaction is open "
                + ServerChecks.off(failAfter) + " or longer", details);
    }

    /** A holder whose session is hidden from this role: say that its age is unknown, not young. */
    private static String hidden(Held h, Visibility v) {
        if (h.backend().state() != null || v.full()) {
            return "";
        }
        return " [its transaction's age is hidden from role " + v.role() + ", which lacks pg_read_all_stats: a WARN,"
                + " since it cannot be told from ordinary traffic; " + v.grant() + " to judge it]";
    }

    record Held(String mode, boolean granted, Backend backend) {}

    /** Sessions holding or awaiting a lock on the table that conflicts with {@code wanted}, oldest first. */
    static List<Held> holders(Connection c, TableLock wanted) throws SQLException {
        List<Held> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(HOLDERS)) {
            ps.setString(1, wanted.relation().display());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LockMode held = mode(rs.getString(1));
                    Backend b = Backend.read(rs, 3);
                    boolean seen = out.stream().anyMatch(h -> h.backend().pid() == b.pid());
                    if (held != null && held.conflictsWith(wanted.mode()) && !seen) {
                        out.add(new Held(held.sqlName(), rs.getBoolean(2), b));
                    }
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
