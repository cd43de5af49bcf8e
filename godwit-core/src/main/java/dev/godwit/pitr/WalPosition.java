package dev.godwit.pitr;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the server's write-ahead log was at a moment: what a point-in-time restore needs to return to it. Read on
 * the primary outside any transaction of the run; reading it consumes no transaction id.
 *
 * @param lsn      {@code pg_current_wal_lsn()}, e.g. {@code 0/1A2B3C8}
 * @param timeline the timeline of the current WAL file (from {@code pg_walfile_name})
 * @param walFile  the WAL file that holds {@code lsn}
 * @param serverTime the server's clock ({@code clock_timestamp()}), ISO-8601 UTC
 * @param nextXid  the next transaction id to be assigned ({@code txid_snapshot_xmax(txid_current_snapshot())})
 */
public record WalPosition(String lsn, long timeline, String walFile, String serverTime, long nextXid) {

    private static final String SQL = "select pg_current_wal_lsn()::text, pg_walfile_name(pg_current_wal_lsn()),"
            + " clock_timestamp(), txid_snapshot_xmax(txid_current_snapshot())";

    /**
     * The position now; empty on a server that cannot say (a standby, a role denied the functions): the run goes on
     * without it, since the WAL position is evidence for a restore, not a guard.
     */
    public static Optional<WalPosition> read(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
            rs.next();
            String file = rs.getString(2);
            return Optional.of(new WalPosition(rs.getString(1), Long.parseLong(file.substring(0, 8), 16), file,
                    rs.getTimestamp(3).toInstant().toString(), rs.getLong(4)));
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** For audit entries and JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lsn", lsn);
        m.put("timeline", timeline);
        m.put("walFile", walFile);
        m.put("serverTime", serverTime);
        m.put("nextXid", nextXid);
        return m;
    }

    /** "0/1A2B3C8 on timeline 1 at 2026-12-07T19:00:00Z (next xid 812)". */
    public String describe() {
        return lsn + " on timeline " + timeline + " at " + serverTime + " (next xid " + nextXid + ")";
    }
}
