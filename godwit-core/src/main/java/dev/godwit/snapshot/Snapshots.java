package dev.godwit.snapshot;

import dev.godwit.config.SafetySettings.SnapshotMode;
import dev.godwit.db.Identifiers;
import dev.godwit.sql.SqlStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Copies of data that migrations destroy, so that a down script can put it back: taken right before the
 * destroying statement, listed, shown and dropped.
 */
public final class Snapshots {

    public static final String DEFAULT_SCHEMA = "godwit_snapshots";

    /**
     * SQLSTATE classes a failed copy passes on instead of reporting it as skipped: lock and statement timeouts,
     * deadlocks and serialization failures (the migration's retry logic owns those), lost connections and
     * exhausted resources.
     */
    private static final Set<String> PASS_ON = Set.of("55P03", "57", "40", "08", "53");

    private final Registry registry;
    private final Copier copier;

    public Snapshots(String schema) {
        Objects.requireNonNull(schema, "schema");
        this.registry = new Registry(schema);
        this.copier = new Copier(registry);
    }

    public String schema() {
        return registry.schema();
    }

    /**
     * Call on the migration's own connection, inside its transaction, right before {@code s} runs: for every
     * {@link DataLoss} of {@code s} on a table that exists and has rows to lose, copies what would be lost into
     * a new table of the snapshot schema and records it in {@code <schema>.snapshots}, all in the caller's
     * transaction, so a rolled-back migration leaves no snapshot. NEVER: nothing. AUTO: copies of more than
     * {@code rowLimit} rows are skipped, and the outcome says so. ALWAYS: copied whatever the size.
     *
     * <p>A copy that fails for a reason of its own (no right to create the schema, a condition this class
     * could not take apart) is undone to a savepoint and reported as skipped, so the migration goes on
     * exactly as it would without snapshots; timeouts, deadlocks and lost connections are thrown as they are.
     */
    public List<SnapshotOutcome> before(Connection c, SqlStatement s, SnapshotMode mode, long rowLimit, String runId,
            String version, String script) throws SQLException {
        if (mode == SnapshotMode.NEVER) {
            return List.of();
        }
        Origin origin = new Origin(mode, rowLimit, runId, version, script, s.line());
        List<SnapshotOutcome> outcomes = new ArrayList<>();
        for (DataLoss loss : withCascade(c, s, DataLoss.of(s))) {
            guarded(c, loss, origin).ifPresent(outcomes::add);
        }
        return List.copyOf(outcomes);
    }

    /**
     * Before one batch of a batched DELETE or UPDATE ({@code s}: the batch's statement, its key range in its
     * condition), in the batch's transaction: the first batch that deletes rows or overwrites values takes a snapshot
     * as {@link #before} does (an UPDATE of columns that are NULL in all of the batch's rows, as in a backfill of a new
     * column, copies nothing); each later batch appends its rows to that copy, so one snapshot holds everything the
     * backfill deleted or overwrote, whatever number of runs it took. The copy is the newest snapshot of {@code script} on {@code table}. AUTO's {@code rowLimit}
     * applies to the first batch's rows. A failed append is undone to a savepoint and reported as skipped.
     *
     * @return the outcome of a new snapshot or a failed append; empty when rows were appended (or none deleted)
     */
    public Optional<SnapshotOutcome> beforeBatch(Connection c, SqlStatement s, int line, SnapshotMode mode,
            long rowLimit, String runId, String version, String script) throws SQLException {
        if (mode == SnapshotMode.NEVER) {
            return Optional.empty();
        }
        List<DataLoss> losses = DataLoss.of(s);
        if (losses.size() != 1 || losses.get(0).kind() != DataLoss.Kind.DELETE
                && losses.get(0).kind() != DataLoss.Kind.UPDATE) {
            return Optional.empty();
        }
        DataLoss loss = losses.get(0);
        Optional<String> table = dev.godwit.db.Catalog.resolve(c, loss.table());
        Optional<Snapshot> earlier = table.isEmpty() ? Optional.empty() : registry.all(c).stream()
                .filter(x -> script.equals(x.script()) && x.sourceTable().equals(table.get())).findFirst();
        Origin origin = new Origin(mode, rowLimit, runId, version, script, line);
        if (earlier.isEmpty()) {
            return guarded(c, loss, origin);
        }
        Savepoint sp = c.setSavepoint();
        try {
            copier.append(c, loss, earlier.get());
            c.releaseSavepoint(sp);
            return Optional.empty();
        } catch (SQLException e) {
            c.rollback(sp);
            if (passOn(e.getSQLState())) {
                throw e;
            }
            return Optional.of(new SnapshotOutcome.Skipped(loss.table(), "could not add this batch's rows to "
                    + earlier.get().name() + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")"));
        }
    }

    /** Newest first; empty when nothing was ever copied (the schema need not exist). */
    public List<Snapshot> list(Connection c) throws SQLException {
        return registry.all(c);
    }

    public Optional<Snapshot> find(Connection c, String name) throws SQLException {
        return registry.find(c, name);
    }

    /** Drops the copy and its registry row; false when the registry has no such snapshot. */
    public boolean drop(Connection c, String name) throws SQLException {
        if (find(c, name).isEmpty()) {
            return false; // never build a drop from a name the registry does not vouch for
        }
        try (Statement st = c.createStatement()) {
            st.execute("drop table if exists " + Identifiers.qualified(schema(), name));
        }
        return registry.delete(c, name);
    }

    /**
     * Puts a snapshot's rows back into the table they came from, by its primary key: rows that are gone are inserted,
     * rows that are there get the copied columns' values again (a dropped and re-added column, an overwritten
     * value). In the caller's transaction; refused (an exception that says what to do) when the table is gone or
     * has no primary key among the copied columns.
     *
     * @return the rows written
     */
    public long restore(Connection c, Snapshot s) throws SQLException {
        List<String> key = dev.godwit.db.Catalog.exists(c, s.sourceTable())
                ? SourceTables.primaryKey(c, s.sourceTable()) : List.of();
        // A copy of whole rows (a DELETE's, a batched DELETE's) records no columns: it has those of its table.
        List<String> columns = s.columns().isEmpty()
                ? SourceTables.columns(c, Identifiers.qualified(schema(), s.name())) : s.columns();
        if (key.isEmpty() || !columns.containsAll(key)) {
            throw new SQLException("cannot put " + s.name() + " back into " + s.sourceTable() + ": "
                    + (key.isEmpty() ? "it has no primary key (or no longer exists)"
                    : "the copy lacks its primary key " + key) + "; restore it into a new table instead (--into)");
        }
        String cols = String.join(", ", columns.stream().map(Identifiers::quote).toList());
        List<String> rest = columns.stream().filter(col -> !key.contains(col)).toList();
        String onConflict = rest.isEmpty() ? "do nothing" : "do update set " + String.join(", ", rest.stream()
                .map(col -> Identifiers.quote(col) + " = excluded." + Identifiers.quote(col)).toList());
        try (Statement st = c.createStatement()) {
            return st.executeLargeUpdate("insert into " + s.sourceTable() + " (" + cols + ") select " + cols + " from "
                    + Identifiers.qualified(schema(), s.name()) + " on conflict (" + String.join(", ",
                    key.stream().map(Identifiers::quote).toList()) + ") " + onConflict);
        }
    }

    /** Copies a snapshot's rows into a new table {@code table} (which must not exist). */
    public long restoreAsNewTable(Connection c, Snapshot s, String table) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeLargeUpdate("create table " + Identifiers.quote(table) + " as select * from "
                    + Identifiers.qualified(schema(), s.name()));
        }
    }

    /** The first {@code limit} rows of a snapshot, as text, for people to look at; empty for an unknown name. */
    public Optional<Preview> preview(Connection c, String name, int limit) throws SQLException {
        if (find(c, name).isEmpty()) {
            return Optional.empty();
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select * from " + Identifiers.qualified(schema(), name)
                        + " limit " + Math.max(0, limit))) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int k = 1; k <= md.getColumnCount(); k++) {
                columns.add(md.getColumnName(k));
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int k = 1; k <= columns.size(); k++) {
                    row.add(rs.getString(k));
                }
                rows.add(java.util.Collections.unmodifiableList(row));
            }
            return Optional.of(new Preview(columns, rows));
        }
    }

    /** Rows of a snapshot as text; a null cell is SQL NULL. */
    public record Preview(List<String> columns, List<List<String>> rows) {}

    private Optional<SnapshotOutcome> guarded(Connection c, DataLoss loss, Origin origin) throws SQLException {
        Savepoint sp = c.getAutoCommit() ? null : c.setSavepoint();
        try {
            Optional<SnapshotOutcome> outcome = copier.take(c, loss, origin);
            if (sp != null) {
                c.releaseSavepoint(sp);
            }
            return outcome;
        } catch (SQLException e) {
            if (sp != null) {
                c.rollback(sp);
            }
            if (passOn(e.getSQLState())) {
                throw e;
            }
            return Optional.of(new SnapshotOutcome.Skipped(loss.table(), "could not copy " + loss.describe() + ": "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")"));
        }
    }

    private static boolean passOn(String state) {
        return state == null || PASS_ON.contains(state) || (state.length() >= 2 && PASS_ON.contains(state.substring(0, 2)));
    }

    /**
     * TRUNCATE … CASCADE also empties every table whose foreign keys reference a truncated one; those are
     * losses too, which only the catalog can name.
     */
    private static List<DataLoss> withCascade(Connection c, SqlStatement s, List<DataLoss> losses) throws SQLException {
        boolean cascade = s.words().contains("CASCADE");
        if (!cascade || losses.stream().noneMatch(l -> l.kind() == DataLoss.Kind.TRUNCATE)) {
            return losses;
        }
        Set<String> named = new LinkedHashSet<>();
        for (DataLoss l : losses) {
            dev.godwit.db.Catalog.resolve(c, l.table()).ifPresent(named::add);
        }
        List<DataLoss> all = new ArrayList<>(losses);
        for (DataLoss l : losses) {
            Optional<String> parent = dev.godwit.db.Catalog.resolve(c, l.table());
            if (parent.isEmpty()) {
                continue;
            }
            for (String child : SourceTables.referencing(c, parent.get())) {
                if (named.add(child)) {
                    all.add(new DataLoss(DataLoss.Kind.TRUNCATE, child, List.of(), Optional.empty(), Optional.empty(),
                            Optional.of("TRUNCATE " + l.table() + " CASCADE empties it through a foreign key")));
                }
            }
        }
        return all;
    }
}
