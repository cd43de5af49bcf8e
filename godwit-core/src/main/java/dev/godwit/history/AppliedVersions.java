package dev.godwit.history;

import dev.godwit.db.Catalog;
import dev.godwit.db.Identifiers;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.Version;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <schema>.applied}: one row per versioned migration that is applied now, with the version as primary key.
 * A transactional migration inserts its row in its own transaction and a down script deletes it in its own, so a
 * second COMMIT of the same version fails with a unique violation and rolls back, whatever happened to the lock.
 * The history stays the record of everything that happened; this table is the database's own guard.
 *
 * <p>A no-transaction migration cannot insert in a transaction around its statements, so it <em>claims</em> its
 * version first (a row with {@code complete = false} and the claiming session's pid and start time, committed
 * before its first statement) and completes the row with its history row. A second run cannot claim it while the
 * claim stands; a claim whose session has ended (a kill -9, a crash) is released by the next run under the lock,
 * which then runs the migration again, as before.
 */
public final class AppliedVersions {

    static final String COMMENT = "godwit applied versions format 1";
    /** The primary key's name, by which a unique violation is known to be this guard's. */
    public static final String PRIMARY_KEY = "applied_pkey";

    private final String schema;
    private final String table;

    public AppliedVersions(String schema) {
        this.schema = schema;
        this.table = Identifiers.qualified(schema, "applied");
    }

    public String qualifiedName() {
        return table;
    }

    public boolean exists(Connection c) throws SQLException {
        return Catalog.exists(c, table);
    }

    /**
     * Creates the table when missing, filled from the history: each versioned migration whose last row is a
     * successful apply (an undo after it means it is not applied). Call it under the migration lock, in a
     * transaction; existing databases upgrade so, silently.
     */
    public void createFrom(Connection c, HistoryTable history) throws SQLException {
        if (exists(c)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("create table " + table + " ("
                    + " version text not null constraint " + PRIMARY_KEY + " primary key,"
                    + " run_id text not null,"
                    + " complete boolean not null,"
                    + " backend_pid integer,"
                    + " backend_start timestamptz,"
                    + " applied_at timestamptz not null default now())");
            s.execute("comment on table " + table + " is '" + COMMENT + "'");
        }
        try (PreparedStatement ps = c.prepareStatement("insert into " + table + " (version, run_id, complete,"
                + " applied_at) values (?, ?, true, ?) on conflict do nothing")) {
            for (AppliedMigration row : appliedNow(history.read(c))) {
                ps.setString(1, row.version().text());
                ps.setString(2, row.runId());
                ps.setObject(3, java.time.OffsetDateTime.ofInstant(row.appliedAt(), java.time.ZoneOffset.UTC));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The versioned migrations the history says are applied now: the last row of each version is a success. */
    static List<AppliedMigration> appliedNow(List<AppliedMigration> history) {
        Map<Version, AppliedMigration> last = new LinkedHashMap<>();
        for (AppliedMigration r : history) {
            if (r.version() != null && r.kind() != MigrationKind.REPEATABLE && (r.success() || r.kind() == MigrationKind.UNDO)) {
                last.put(r.version(), r);
            }
        }
        return last.values().stream().filter(r -> r.kind() == MigrationKind.VERSIONED && r.success()).toList();
    }

    /** In the migration's transaction: the version is applied. Fails (23505) when it already is. */
    public void insert(Connection c, Version version, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertSql())) {
            ps.setString(1, version.text());
            ps.setString(2, runId);
            ps.executeUpdate();
        }
    }

    /** The insert of {@link #insert}: its parameters are the version's text and the run id. */
    String insertSql() {
        return "insert into " + table + " (version, run_id, complete) values (?, ?, true)";
    }

    /** In the down script's transaction: the version is no longer applied. */
    public void delete(Connection c, Version version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where version = ?")) {
            ps.setString(1, version.text());
            ps.executeUpdate();
        }
    }

    /** Before a no-transaction migration's first statement: claims the version for this session. Fails (23505) when taken. */
    public void claim(Connection c, Version version, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + table + " (version, run_id, complete,"
                + " backend_pid, backend_start) select ?, ?, false, pid, backend_start from pg_stat_activity"
                + " where pid = pg_backend_pid()")) {
            ps.setString(1, version.text());
            ps.setString(2, runId);
            ps.executeUpdate();
        }
    }

    /** With the no-transaction migration's history row: the claim becomes an applied version. */
    public void complete(Connection c, Version version, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + table + " set complete = true, applied_at = now()"
                + " where version = ? and run_id = ?")) {
            ps.setString(1, version.text());
            ps.setString(2, runId);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the claim of version " + version + " by this run is gone from " + table, "GW003");
            }
        }
    }

    /** A no-transaction migration that failed or was interrupted: its claim goes, so a later run may try it. */
    public void release(Connection c, Version version, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + table
                + " where version = ? and run_id = ? and not complete")) {
            ps.setString(1, version.text());
            ps.setString(2, runId);
            ps.executeUpdate();
        }
    }

    /** A claim still standing: its version, run and whether the session that made it is still connected. */
    public record Claim(String version, String runId, Integer backendPid, boolean sessionAlive) {}

    /**
     * Under the lock: releases the claims whose session has ended (a run killed or crashed in the middle of a
     * no-transaction migration) and returns those still held by a live session (a run that lost the lock and
     * is still running its statement: nothing may run that migration again until it ends).
     */
    public List<Claim> releaseDeadClaims(Connection c) throws SQLException {
        if (!exists(c)) {
            return List.of();
        }
        List<Claim> live = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select v.version, v.run_id, v.backend_pid, a.pid is not null from " + table
                     + " v left join pg_stat_activity a on a.pid = v.backend_pid and a.backend_start = v.backend_start"
                     + " where not v.complete")) {
            while (rs.next()) {
                Claim claim = new Claim(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getBoolean(4));
                if (claim.sessionAlive()) {
                    live.add(claim);
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("delete from " + table + " v where not v.complete and not exists (select 1 from"
                    + " pg_stat_activity a where a.pid = v.backend_pid and a.backend_start = v.backend_start)");
        }
        return live;
    }

    /** The schema this table lives in. */
    public String schema() {
        return schema;
    }

    /** Whether {@code e} is this table refusing a second application of a version. */
    public static boolean isDuplicate(SQLException e) {
        if (!"23505".equals(e.getSQLState())) {
            return false;
        }
        var server = e instanceof org.postgresql.util.PSQLException p ? p.getServerErrorMessage() : null;
        return server == null ? String.valueOf(e.getMessage()).contains(PRIMARY_KEY)
                : PRIMARY_KEY.equals(server.getConstraint());
    }

    /** Versions that the history shows applied twice or more with no undo between: damage from an earlier release. */
    public static List<String> appliedTwice(List<AppliedMigration> history) {
        Map<Version, List<AppliedMigration>> open = new LinkedHashMap<>();
        Map<Version, List<AppliedMigration>> doubled = new LinkedHashMap<>();
        for (AppliedMigration r : history) {
            if (r.version() == null || !r.success()) {
                continue;
            }
            if (r.kind() == MigrationKind.UNDO) {
                open.remove(r.version());
            } else if (r.kind() == MigrationKind.VERSIONED) {
                List<AppliedMigration> rows = open.computeIfAbsent(r.version(), v -> new ArrayList<>());
                rows.add(r);
                if (rows.size() > 1) {
                    doubled.put(r.version(), rows);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        doubled.forEach((v, rows) -> problems.add(rows.get(0).label() + " was applied " + rows.size() + " times"
                + " (history ranks " + String.join(", ", rows.stream().map(r -> String.valueOf(r.rank())).toList())
                + ", runs " + String.join(", ", rows.stream().map(r -> shortRun(r.runId())).toList())
                + "): two runs applied it, which an earlier Godwit allowed through a transaction-mode pooler or a"
                + " lost lock. Check what it changed twice (rows inserted twice, a backfill run twice) and correct"
                + " the data; then `godwit repair` removes the extra history row(s) (the audit log keeps them)"));
        return problems;
    }

    private static String shortRun(String runId) {
        return runId == null ? "?" : runId.substring(0, Math.min(8, runId.length()));
    }

    /** Optional view for status: the row of one version. */
    public Optional<Boolean> complete(Connection c, Version version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select complete from " + table + " where version = ?")) {
            ps.setString(1, version.text());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        }
    }
}
