package dev.godwit.preflight;

import dev.godwit.config.PreflightSettings;
import dev.godwit.base.Durations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wal-archiving}: can this server be restored to the moment before the run? {@code archive_mode} on, no
 * archiving failure since the last success ({@code pg_stat_archiver}), and no finished WAL segment waiting longer than
 * the RPO to be archived. Where {@code [preflight] require_wal_archiving} is on (the default in production) a problem
 * fails; elsewhere it warns.
 */
final class WalArchiving {

    private static final String SQL = "select current_setting('archive_mode'),"
            + " (select setting::bigint from pg_settings where name = 'archive_timeout'),"
            + " (select setting::bigint from pg_settings where name = 'wal_segment_size'),"
            + " a.archived_count, a.last_archived_wal, a.last_archived_time, a.failed_count, a.last_failed_wal,"
            // On a standby pg_current_wal_lsn() is an error (55000), which would end preflight: asked on a primary only.
            + " a.last_failed_time, case when pg_is_in_recovery() then null"
            + " else pg_walfile_name(pg_current_wal_lsn()) end, now(), pg_is_in_recovery()"
            + " from pg_stat_archiver a";

    private WalArchiving() {}

    static Check check(Connection c, PreflightSettings s) throws SQLException {
        Status bad = s.requireWalArchiving() ? Status.FAIL : Status.WARN;
        String threshold = (s.requireWalArchiving() ? "required" : "not required (warn only)") + "; RPO "
                + Durations.format(s.rpo());
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SQL)) {
            rs.next();
            if (rs.getBoolean(12)) {
                return new Check("wal-archiving", Status.WARN, "this server is a standby (in recovery): its primary"
                        + " archives the WAL, and Godwit migrates only a primary", threshold, List.of());
            }
            String mode = rs.getString(1);
            if ("off".equals(mode)) {
                return new Check("wal-archiving", s.requireWalArchiving() ? Status.FAIL : Status.PASS,
                        "archive_mode is off: no WAL is archived, so no point-in-time restore to before this run is"
                                + " possible" + (s.requireWalArchiving() ? "" : " (not required here)"), threshold,
                        s.requireWalArchiving() ? List.of("set archive_mode = on and an archive_command (or use"
                                + " pgBackRest / WAL-G / Barman), then restart; or set [preflight]"
                                + " require_wal_archiving = false") : List.of());
            }
            Instant now = rs.getTimestamp(11).toInstant();
            long archived = rs.getLong(4);
            long failed = rs.getLong(7);
            Instant lastOk = instant(rs.getTimestamp(6));
            Instant lastFail = instant(rs.getTimestamp(9));
            String summary = "archive_mode " + mode + "; " + archived + " WAL file(s) archived"
                    + (lastOk == null ? "" : ", the last " + rs.getString(5) + " " + age(lastOk, now) + " ago")
                    + "; " + failed + " failure(s)";
            List<String> problems = new ArrayList<>();
            if (lastFail != null && (lastOk == null || lastFail.isAfter(lastOk))) {
                problems.add("archiving is failing: " + rs.getString(8) + " failed " + age(lastFail, now) + " ago and"
                        + " nothing was archived since; check archive_command and the server log");
            }
            long waiting = waiting(rs.getString(5), rs.getString(10), rs.getLong(3));
            if (lastOk != null && waiting > 1 && Duration.between(lastOk, now).compareTo(s.rpo()) > 0) {
                problems.add(waiting - 1 + " finished WAL segment(s) wait to be archived, the oldest for more than "
                        + age(lastOk, now) + ": above the RPO of " + Durations.format(s.rpo()));
            }
            if (!problems.isEmpty()) {
                return new Check("wal-archiving", bad, summary, threshold, problems);
            }
            long timeout = rs.getLong(2);
            if (timeout == 0 || Duration.ofSeconds(timeout).compareTo(s.rpo()) > 0) {
                return new Check("wal-archiving", Status.WARN, summary, threshold, List.of("archive_timeout is "
                        + (timeout == 0 ? "0 (off)" : timeout + "s") + ": on a quiet server the current WAL segment"
                        + " may wait longer than the RPO to be archived; set archive_timeout at or below it"));
            }
            return Check.pass("wal-archiving", summary, threshold);
        }
    }

    /** Segments from the last archived one to the current one (1: only the current, unfinished one waits). */
    static long waiting(String lastArchived, String current, long segmentSize) {
        if (lastArchived == null || current == null || lastArchived.length() < 24 || !lastArchived.substring(0, 24)
                .matches("[0-9A-F]{24}")) {
            return 0; // a .history file, or nothing archived yet
        }
        return segment(current, segmentSize) - segment(lastArchived, segmentSize);
    }

    private static long segment(String walFile, long segmentSize) {
        long perLog = 0x1_0000_0000L / segmentSize;
        return Long.parseLong(walFile.substring(8, 16), 16) * perLog + Long.parseLong(walFile.substring(16, 24), 16);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String age(Instant then, Instant now) {
        return Durations.format(Duration.between(then, now).isNegative() ? Duration.ZERO : Duration.between(then, now));
    }
}
