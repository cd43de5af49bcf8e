package dev.godwit.backfill;

import dev.godwit.db.Catalog;
import dev.godwit.db.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <schema>.backfill}: one row per backfill that has committed batches but not its last one. Each batch
 * writes its row in its own transaction, so the row says exactly which keys are done; the last batch deletes it in
 * the transaction that writes the history row. A run that died (kill -9, SIGTERM, max_runtime) resumes after
 * {@code last_key}.
 */
public final class BackfillProgress {

    static final String COMMENT = "godwit backfill progress format 1";

    private final String table;

    public BackfillProgress(String schema) {
        this.table = Identifiers.qualified(schema, "backfill");
    }

    public String qualifiedName() {
        return table;
    }

    /** Where one backfill stands. */
    public record Row(String script, String version, String checksum, String keyColumn, Optional<String> lastKey,
                      long rowsDone, long keysDone, long batches, String runId, Instant startedAt, Instant updatedAt) {}

    /** Under the migration lock, in autocommit: the table, when missing. */
    public void create(Connection c) throws SQLException {
        if (Catalog.exists(c, table)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("create table if not exists " + table + " ("
                    + " script text not null primary key,"
                    + " version text,"
                    + " checksum text not null,"
                    + " key_column text not null,"
                    + " last_key text,"
                    + " rows_done bigint not null,"
                    + " keys_done bigint not null,"
                    + " batches bigint not null,"
                    + " run_id text not null,"
                    + " started_at timestamptz not null default now(),"
                    + " updated_at timestamptz not null default now())");
            s.execute("comment on table " + table + " is '" + COMMENT + "'");
        }
    }

    public Optional<Row> read(Connection c, String script) throws SQLException {
        if (!Catalog.exists(c, table)) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement(select() + " where script = ?")) {
            ps.setString(1, script);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** Every backfill in progress, for {@code status}; none when the table does not exist (no backfill ever ran). */
    public List<Row> all(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        if (!Catalog.exists(c, table)) {
            return rows;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select() + " order by script")) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        }
        return rows;
    }

    /** In the batch's transaction: the keys up to {@code lastKey} are done. */
    public void save(Connection c, Row r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + table + " (script, version, checksum, key_column,"
                + " last_key, rows_done, keys_done, batches, run_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (script) do update set last_key = excluded.last_key, rows_done = excluded.rows_done,"
                + " keys_done = excluded.keys_done, batches = excluded.batches, run_id = excluded.run_id,"
                + " updated_at = now()")) {
            ps.setString(1, r.script());
            ps.setString(2, r.version());
            ps.setString(3, r.checksum());
            ps.setString(4, r.keyColumn());
            ps.setString(5, r.lastKey().orElse(null));
            ps.setLong(6, r.rowsDone());
            ps.setLong(7, r.keysDone());
            ps.setLong(8, r.batches());
            ps.setString(9, r.runId());
            ps.executeUpdate();
        }
    }

    /** In the last batch's transaction, with the history row: the backfill is done. */
    public void delete(Connection c, String script) throws SQLException {
        if (!Catalog.exists(c, table)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where script = ?")) {
            ps.setString(1, script);
            ps.executeUpdate();
        }
    }

    private static final String SELECT_COLUMNS = "script, version, checksum, key_column, last_key, rows_done, keys_done,"
            + " batches, run_id, started_at, updated_at";

    private String select() {
        return "select " + SELECT_COLUMNS + " from " + table;
    }

    private Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Optional.ofNullable(rs.getString(5)), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getString(9),
                rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant());
    }
}
