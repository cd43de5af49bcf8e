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
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Godwit's history table, {@code <schema>.history}: one row per applied migration, written in the same
 * transaction as the migration it records. The table's comment carries its format, so that an older
 * Godwit refuses a history written by a newer one instead of misreading it.
 */
public final class HistoryTable {

    public static final int FORMAT = 1;
    private static final String FORMAT_PREFIX = "godwit history format ";

    private final String schema;
    private final String table;

    public HistoryTable(String schema) {
        this.schema = schema;
        this.table = Identifiers.qualified(schema, "history");
    }

    public String schema() {
        return schema;
    }

    public String qualifiedName() {
        return table;
    }

    public boolean exists(Connection c) throws SQLException {
        return Catalog.exists(c, table);
    }

    /**
     * Creates the schema and table when missing, and adds columns that newer releases record. Only what is
     * missing is created, so a deploy role that may write to the table without owning it can run Godwit.
     * Call it under the migration lock.
     */
    public void create(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            createIn(c);
            return;
        }
        // One transaction: a run killed between CREATE TABLE and COMMENT would leave a table without its format
        // comment, which every later run refuses as "not created by Godwit" (found by kill -9 trials).
        c.setAutoCommit(false);
        try {
            createIn(c);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void createIn(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (!exists(c)) {
                s.execute("create schema if not exists " + Identifiers.quote(schema));
                s.execute("create table if not exists " + table + " ("
                        + " installed_rank integer primary key,"
                        + " version text,"
                        + " description text not null,"
                        + " kind text not null check (kind in ('versioned', 'repeatable', 'undo', 'baseline')),"
                        + " script text not null,"
                        + " checksum text,"
                        + " applied_by text not null default current_user,"
                        + " applied_at timestamptz not null default now(),"
                        + " execution_ms bigint not null default 0,"
                        + " success boolean not null,"
                        + " run_id text not null,"
                        + " failure text,"
                        + " note text,"
                        + " down_checksum text)");
                s.execute("comment on table " + table + " is '" + FORMAT_PREFIX + FORMAT + "'");
            } else if (!hasColumn(c, "down_checksum")) {
                // Tables made before down checksums were recorded get the column in place.
                s.execute("alter table " + table + " add column down_checksum text");
            }
        }
    }

    private boolean hasColumn(Connection c, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from pg_attribute"
                + " where attrelid = to_regclass(?) and attname = ? and not attisdropped")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    /** Refuses a history table written by a newer Godwit, whose meaning this release cannot know. */
    public Optional<String> formatProblem(Connection c) throws SQLException {
        if (!exists(c)) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("select obj_description(to_regclass(?), 'pg_class')")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String comment = rs.getString(1);
                if (comment == null || !comment.startsWith(FORMAT_PREFIX)) {
                    return Optional.of(table + " exists but was not created by Godwit (its comment should read '"
                            + FORMAT_PREFIX + FORMAT + "'); use another --schema, or rename that table");
                }
                String written = comment.substring(FORMAT_PREFIX.length()).trim();
                if (!written.matches("\\d{1,9}")) {
                    return Optional.of(table + "'s comment should read '" + FORMAT_PREFIX + FORMAT + "', not '" + comment
                            + "': it was edited by hand, or the table is not Godwit's; restore the comment if it is");
                }
                int format = Integer.parseInt(written);
                if (format > FORMAT) {
                    return Optional.of(table + " was written by a newer Godwit (history format " + format
                            + ", this release reads " + FORMAT + "); upgrade godwit before running it here");
                }
                return Optional.empty();
            }
        }
    }

    /** Every row, in rank order; empty when the table does not exist yet. */
    public List<AppliedMigration> read(Connection c) throws SQLException {
        if (!exists(c)) {
            return List.of();
        }
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select installed_rank, version, description, kind, script, checksum,"
                     + " applied_by, applied_at, execution_ms, success, run_id, failure, note, down_checksum from " + table
                     + " order by installed_rank")) {
            while (rs.next()) {
                String v = rs.getString(2);
                rows.add(new AppliedMigration(rs.getInt(1), v == null ? null : Version.parse(v), rs.getString(3),
                        MigrationKind.fromDb(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getTimestamp(8).toInstant(), rs.getLong(9), rs.getBoolean(10), rs.getString(11),
                        rs.getString(12), rs.getString(13), rs.getString(14)));
            }
        }
        return rows;
    }

    /** What the next row is, with rank taken as one more than the highest. Call it under the migration lock. */
    public record NewRow(Version version, String description, MigrationKind kind, String script, String checksum,
                         long executionMs, boolean success, String runId, String failure, String note,
                         String downChecksum) {}

    public int insert(Connection c, NewRow row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertSql())) {
            bind(ps, 1, row);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * A versioned migration's row and its {@code applied_versions} row (the database's guard against applying a
     * version twice: a second insert fails as {@link AppliedVersions#isDuplicate}) in one round trip: two
     * statements of the caller's transaction, the guard first, so the history row is not written when it fails.
     */
    public int insert(Connection c, NewRow row, AppliedVersions versions) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(versions.insertSql() + "; " + insertSql())) {
            ps.setString(1, row.version().text());
            ps.setString(2, row.runId());
            bind(ps, 3, row);
            ps.execute();
            ps.getMoreResults();
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private String insertSql() {
        return "insert into " + table + " (installed_rank, version,"
                + " description, kind, script, checksum, execution_ms, success, run_id, failure, note, down_checksum)"
                + " select coalesce(max(installed_rank), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from " + table
                + " returning installed_rank";
    }

    private static void bind(PreparedStatement ps, int first, NewRow row) throws SQLException {
        int i = first;
        ps.setString(i++, row.version() == null ? null : row.version().text());
        ps.setString(i++, row.description());
        ps.setString(i++, row.kind().dbName());
        ps.setString(i++, row.script());
        ps.setString(i++, row.checksum());
        ps.setLong(i++, row.executionMs());
        ps.setBoolean(i++, row.success());
        ps.setString(i++, row.runId());
        ps.setString(i++, row.failure());
        ps.setString(i++, row.note());
        ps.setString(i, row.downChecksum());
    }

    /** Rows imported with their own rank and time (baseline --from-flyway). */
    public void insertImported(Connection c, AppliedMigration row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + table + " (installed_rank, version,"
                + " description, kind, script, checksum, applied_by, applied_at, execution_ms, success, run_id,"
                + " failure, note, down_checksum) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, row.rank());
            ps.setString(2, row.version() == null ? null : row.version().text());
            ps.setString(3, row.description());
            ps.setString(4, row.kind().dbName());
            ps.setString(5, row.script());
            ps.setString(6, row.checksum());
            ps.setString(7, row.appliedBy());
            ps.setTimestamp(8, Timestamp.from(row.appliedAt()));
            ps.setLong(9, row.executionMs());
            ps.setBoolean(10, row.success());
            ps.setString(11, row.runId());
            ps.setString(12, row.failure());
            ps.setString(13, row.note());
            ps.setString(14, row.downChecksum());
            ps.executeUpdate();
        }
    }

    /** Removes the rows of failed migrations and returns what it removed. */
    public List<AppliedMigration> deleteFailed(Connection c) throws SQLException {
        List<AppliedMigration> failed = read(c).stream().filter(r -> !r.success()).toList();
        try (Statement s = c.createStatement()) {
            s.executeUpdate("delete from " + table + " where not success");
        }
        return failed;
    }

    /** Removes one row (repair: the second application of a version). */
    public void deleteRank(Connection c, int rank) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where installed_rank = ?")) {
            ps.setInt(1, rank);
            ps.executeUpdate();
        }
    }

    /** Records new checksums of an applied migration and its down script, and why, in the row's note. */
    public void updateChecksums(Connection c, int rank, String checksum, String downChecksum, String note)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + table + " set checksum = ?, down_checksum = ?,"
                + " note = concat_ws(E'\\n', note, ?) where installed_rank = ?")) {
            ps.setString(1, checksum);
            ps.setString(2, downChecksum);
            ps.setString(3, note);
            ps.setInt(4, rank);
            ps.executeUpdate();
        }
    }
}
