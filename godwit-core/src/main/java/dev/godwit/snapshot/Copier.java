package dev.godwit.snapshot;

import dev.godwit.sql.Names;

import dev.godwit.config.SafetySettings.SnapshotMode;
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
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** Copies what one {@link DataLoss} would destroy into a new table of the snapshot schema. */
final class Copier {

    private final Registry registry;

    Copier(Registry registry) {
        this.registry = registry;
    }

    /** Empty when there is nothing to lose: no such table, no such column, or no matching rows. */
    Optional<SnapshotOutcome> take(Connection c, DataLoss loss, Origin origin) throws SQLException {
        Optional<String> source = Catalog.resolve(c, loss.table());
        if (source.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<String>> columns = columns(c, loss, source.get());
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        // As written, with the statement's own alias, so that its WHERE condition means what it means there.
        String from = " from " + loss.table() + loss.alias().map(a -> " as " + a).orElse("")
                + loss.where().map(w -> " where " + w).orElse("");
        boolean auto = origin.mode() == SnapshotMode.AUTO;
        long found = count(c, from, auto ? origin.rowLimit() + 1 : 1);
        if (found == 0 || touchesOnlyNulls(c, loss, from)) {
            // Nothing to lose: no rows, or a dropped, retyped or overwritten column that holds no value (one the run
            // itself just added, which a rollback-run drops again, was copied every time; a backfill of a new column
            // overwrites only NULLs).
            return Optional.empty();
        }
        if (auto && found > origin.rowLimit()) {
            return Optional.of(new SnapshotOutcome.Skipped(loss.table(), tooBig(c, source.get(), origin.rowLimit())));
        }
        registry.ensure(c);
        Instant at = now(c);
        String name = freeName(c, at, Names.relationName(loss.table()));
        String target = Identifiers.qualified(registry.schema(), name);
        String select = columns.get().isEmpty() ? "*"
                : columns.get().stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        try (Statement st = c.createStatement()) {
            st.execute("create table " + target + " as select " + select + from);
        }
        long rows = count(c, " from " + target, Long.MAX_VALUE);
        Snapshot snapshot = new Snapshot(name, origin.runId(), origin.version(), origin.script(), origin.line(),
                source.get(), columns.get(), loss.describe(), rows, at);
        registry.insert(c, snapshot);
        return Optional.of(new SnapshotOutcome.Taken(snapshot));
    }

    /**
     * One more batch of a batched DELETE or UPDATE: the rows {@code loss} deletes (or the key and the columns it
     * overwrites) are appended to the copy {@code into} made by an earlier batch of the same backfill, with the
     * columns the first batch copied.
     */
    long append(Connection c, DataLoss loss, Snapshot into) throws SQLException {
        String from = " from " + loss.table() + loss.alias().map(a -> " as " + a).orElse("")
                + loss.where().map(w -> " where " + w).orElse("");
        String select = into.columns().isEmpty() ? "*"
                : into.columns().stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        long rows;
        try (Statement st = c.createStatement()) {
            rows = st.executeLargeUpdate("insert into " + Identifiers.qualified(registry.schema(), into.name())
                    + " select " + select + from);
        }
        registry.addRows(c, into.name(), rows);
        return rows;
    }

    /** A DROP COLUMN, ALTER COLUMN TYPE or UPDATE … SET of columns that are NULL in every row it touches. */
    private static boolean touchesOnlyNulls(Connection c, DataLoss loss, String from) throws SQLException {
        if ((loss.kind() != DataLoss.Kind.DROP_COLUMN && loss.kind() != DataLoss.Kind.ALTER_COLUMN_TYPE
                && loss.kind() != DataLoss.Kind.UPDATE) || loss.columns().isEmpty()) {
            return false;
        }
        String anyValue = loss.columns().stream().map(col -> Identifiers.quote(col) + " is not null")
                .collect(Collectors.joining(" or "));
        return count(c, from + (loss.where().isPresent() ? " and (" : " where (") + anyValue + ")", 1) == 0;
    }

    /**
     * The columns to copy (empty: whole rows); empty Optional when the column a DROP / ALTER COLUMN names is
     * not there. Column copies carry the primary key, which is what lets a down script put values back.
     */
    private static Optional<List<String>> columns(Connection c, DataLoss loss, String source) throws SQLException {
        return switch (loss.kind()) {
            case DROP_TABLE, TRUNCATE, DELETE -> Optional.of(List.of());
            case DROP_COLUMN, ALTER_COLUMN_TYPE -> {
                for (String column : loss.columns()) {
                    if (!SourceTables.hasColumn(c, source, column)) {
                        yield Optional.empty();
                    }
                }
                yield Optional.of(withKey(c, source, loss.columns()));
            }
            case UPDATE -> Optional.of(loss.columns().isEmpty() ? List.of() : withKey(c, source, loss.columns()));
        };
    }

    /** Key columns then {@code columns}; whole rows (empty) when the table has no primary key to join on. */
    private static List<String> withKey(Connection c, String source, List<String> columns) throws SQLException {
        List<String> key = SourceTables.primaryKey(c, source);
        if (key.isEmpty()) {
            return List.of();
        }
        List<String> all = new ArrayList<>(key);
        columns.stream().filter(col -> !all.contains(col)).forEach(all::add);
        return all;
    }

    /** Rows of {@code from}, counting at most {@code cap} so that a huge table costs no more than the limit. */
    private static long count(Connection c, String from, long cap) throws SQLException {
        String limit = cap == Long.MAX_VALUE ? "" : " limit " + cap;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from (select 1" + from + limit + ") as rows_to_copy")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String tooBig(Connection c, String source, long rowLimit) throws SQLException {
        OptionalLong estimate = SourceTables.estimatedRows(c, source);
        String about = estimate.isPresent() && estimate.getAsLong() > rowLimit
                ? " (the table has about " + String.format(Locale.ROOT, "%,d", estimate.getAsLong()) + " rows)" : "";
        return "more than " + String.format(Locale.ROOT, "%,d", rowLimit) + " rows to copy" + about
                + ", above snapshot_row_limit " + rowLimit + " (snapshot = \"always\" copies it anyway)";
    }

    private static Instant now(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select clock_timestamp()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    /** The first {@code s_<time>_<table>_<n>} that neither the registry nor the schema has yet. */
    private String freeName(Connection c, Instant at, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null or exists (select 1 from "
                + Identifiers.qualified(registry.schema(), "snapshots") + " where name = ?)")) {
            for (int n = 1; ; n++) {
                String name = SnapshotNames.name(at, table, n);
                ps.setString(1, Identifiers.qualified(registry.schema(), name));
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return name;
                    }
                }
            }
        }
    }
}
