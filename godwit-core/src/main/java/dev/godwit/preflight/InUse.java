package dev.godwit.preflight;

import dev.godwit.base.Durations;
import dev.godwit.sql.QueryReferences;
import dev.godwit.sql.analysis.Relation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * "Is anything still using it?": before a contract migration drops or renames a column or a table, the queries
 * {@code pg_stat_statements} saw naming it (matched with the lexer) that ran since the window start (its last
 * {@code pg_stat_statements_reset()}, when that is within {@code in_use_window}) or during a short observation
 * ({@code in_use_observe}), and, for a table, its {@code pg_stat_user_tables} scan and row counters moving during
 * that observation. Any of these fails preflight (exit 8), naming the queries and their calls: the old
 * application version, still running somewhere, would fail the moment the drop commits.
 */
public final class InUse {

    /** A column (or, when {@code column} is null, a table) a contract migration removes, and where. */
    public record Target(Relation table, String column, String change, String location) {
        String what() {
            return column == null ? "table " + table.display() : table.display() + "." + column;
        }
    }

    /** A query of pg_stat_statements: its text and calls at the two looks. */
    private record Seen(String query, long calls) {}

    private InUse() {}

    /**
     * @param ownStatements the words ({@link QueryReferences#words}) of the migrations' own statements: a backfill
     *                      that named the old column is not the application
     */
    public static Check check(Connection c, List<Target> targets, Duration window, Duration observe,
                              Set<List<String>> ownStatements) throws SQLException {
        if (targets.isEmpty()) {
            return Check.pass("in-use", "no pending contract migration drops or renames a column or table", "");
        }
        boolean statements = available(c);
        Map<Long, Seen> before = statements ? statements(c) : Map.of();
        Map<String, long[]> countersBefore = counters(c, targets);
        sleep(observe);
        Map<Long, Seen> after = statements ? statements(c) : Map.of();
        Map<String, long[]> countersAfter = counters(c, targets);
        Optional<Instant> reset = statements ? reset(c) : Optional.empty();
        boolean windowOpen = reset.map(r -> r.isAfter(Instant.now().minus(window))).orElse(false);
        List<String> details = new ArrayList<>();
        for (Target t : targets) {
            details.addAll(uses(t, before, after, windowOpen, ownStatements));
            if (t.column() == null) {
                long[] b = countersBefore.get(t.table().display());
                long[] a = countersAfter.get(t.table().display());
                if (b != null && a != null && (a[0] > b[0] || a[1] > b[1])) {
                    details.add(t.what() + " (" + t.change() + " at " + t.location() + "): " + (a[0] - b[0])
                            + " scan(s) and " + (a[1] - b[1]) + " row change(s) in pg_stat_user_tables during the "
                            + Durations.format(observe) + " observation");
                }
            }
        }
        String threshold = "window " + Durations.format(window) + " from " + reset.map(Instant::toString)
                .orElse("(no pg_stat_statements_reset time)") + ", observation " + Durations.format(observe);
        if (!details.isEmpty()) {
            return new Check("in-use", Status.FAIL, "still in use: " + String.join(", ", targets.stream()
                    .map(Target::what).distinct().toList()) + " (deploy the version that no longer uses it, let"
                    + " the old one drain, then run SELECT pg_stat_statements_reset() to start a new window, or"
                    + " wait in_use_window; docs/zero-downtime.md)", threshold, details);
        }
        if (!statements) {
            return new Check("in-use", Status.WARN, "pg_stat_statements is not available (shared_preload_libraries"
                    + " and CREATE EXTENSION pg_stat_statements): only the table counters were observed for "
                    + String.join(", ", targets.stream().map(Target::what).distinct().toList()), threshold, List.of());
        }
        return new Check("in-use", Status.PASS, "no query names " + String.join(", ", targets.stream()
                .map(Target::what).distinct().toList()), threshold, List.of());
    }

    private static List<String> uses(Target t, Map<Long, Seen> before, Map<Long, Seen> after, boolean windowOpen,
                                     Set<List<String>> own) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<Long, Seen> e : after.entrySet()) {
            Seen now = e.getValue();
            long earlier = Optional.ofNullable(before.get(e.getKey())).map(Seen::calls).orElse(0L);
            long during = now.calls() - earlier;
            if (!(during > 0 || windowOpen && now.calls() > 0)) {
                continue;
            }
            Optional<QueryReferences> refs = QueryReferences.of(now.query());
            if (refs.isEmpty() || !refs.get().readsOrWritesData() || own.contains(refs.get().words())) {
                continue;
            }
            boolean named = t.column() == null ? refs.get().names(t.table().name())
                    : refs.get().names(t.table().name(), t.column());
            if (named) {
                out.add(t.what() + " (" + t.change() + " at " + t.location() + ") is named by `"
                        + oneLine(now.query()) + "`: " + now.calls() + " call(s)"
                        + (windowOpen ? " since the window start" : "") + ", " + during + " during the observation");
            }
        }
        return out;
    }

    private static String oneLine(String query) {
        String q = query.replaceAll("\\s+", " ").strip();
        return q.length() > 200 ? q.substring(0, 200) + "…" : q;
    }

    private static boolean available(Connection c) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("select 1 from pg_stat_statements limit 1").close();
            return true;
        } catch (SQLException notInstalled) {
            return false;
        }
    }

    private static Map<Long, Seen> statements(Connection c) throws SQLException {
        Map<Long, Seen> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select queryid, query, sum(calls)::bigint"
                + " from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())"
                + " and queryid is not null group by queryid, query")) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Seen(rs.getString(2), rs.getLong(3)));
            }
        }
        return out;
    }

    /** The window start: the last pg_stat_statements_reset() (PostgreSQL 14+); empty before 14. */
    private static Optional<Instant> reset(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select stats_reset from pg_stat_statements_info")) {
            return rs.next() && rs.getTimestamp(1) != null ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
        } catch (SQLException older) {
            return Optional.empty();
        }
    }

    /** Per table: scans (seq + index) and rows inserted, updated and deleted. */
    private static Map<String, long[]> counters(Connection c, List<Target> targets) throws SQLException {
        Map<String, long[]> out = new HashMap<>();
        try (Statement clear = c.createStatement()) {
            clear.execute("select pg_stat_clear_snapshot()");
        }
        for (Target t : targets) {
            try (PreparedStatement ps = c.prepareStatement("select coalesce(seq_scan, 0) + coalesce(idx_scan, 0),"
                    + " n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables where relid = to_regclass(?)")) {
                ps.setString(1, t.table().display());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(t.table().display(), new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
        }
        return out;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
