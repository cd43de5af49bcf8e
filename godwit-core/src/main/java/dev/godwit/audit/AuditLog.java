package dev.godwit.audit;

import dev.godwit.db.Secrets;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Godwit's audit log, {@code <schema>.audit_log}: append-only, hash-chained events (docs/audit.md). Each entry's
 * hash covers the previous entry's hash and the entry's own content, so an edited, deleted, inserted or
 * reordered row breaks the chain where it happened, and {@link #verify} names that place.
 */
public final class AuditLog {

    /** The prev_hash of the first entry, and the head of an empty log: 64 zeros. */
    public static final String GENESIS = Chain.GENESIS;

    // Two-int advisory keys live apart from the bigint keys of the migration lock: "godw", "audi".
    private static final int LOCK_CLASS = 0x676f6477;
    private static final int LOCK_OBJECT = 0x61756469;
    private static final int FETCH = 500;

    private final AuditTable table;
    private final Chain chain;

    /** {@code hmacKey}: the bytes of GODWIT_AUDIT_KEY (UTF-8); empty for plain SHA-256. */
    public AuditLog(String schema, Optional<byte[]> hmacKey) {
        this.table = new AuditTable(Objects.requireNonNull(schema, "schema"));
        this.chain = new Chain(hmacKey);
    }

    /** The qualified name, {@code <schema>.audit_log}. */
    public String table() {
        return table.qualified();
    }

    /** Whether entries are hashed with an HMAC key rather than plain SHA-256. */
    public boolean keyed() {
        return chain.keyed();
    }

    /** Creates {@code <schema>.audit_log} and its trigger when missing. Idempotent, and safe to race. */
    public void install(Connection c) throws SQLException {
        inTransaction(c, () -> {
            lock(c);
            table.install(c);
            return null;
        });
    }

    /**
     * Appends one entry on {@code c}, in its current transaction: inside a migration's transaction the entry
     * commits or rolls back with it; in autocommit it commits at once. Appends are serialised across sessions by
     * an advisory lock held to the end of the transaction, so call this late in a long transaction: other
     * sessions' appends wait for it. The transaction must not be aborted (record a failure after rolling back).
     */
    public AuditEntry append(Connection c, AuditAction action, String runId, String version, Actor actor,
                             Map<String, Object> details) throws SQLException {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        String detailsJson = Details.json(details);
        String ciJson = Details.ci(actor.ci());
        Pending p = new Pending(action.word(), runId, version, actor, ciJson, detailsJson);
        boolean own = c.getAutoCommit();
        Installed known = installed;
        if (known != null && known.c() == c && Objects.equals(known.runId(), runId)) {
            // The lock and the chain's head in one round trip: two statements, each with its own snapshot (READ
            // COMMITTED), so the head is read after the lock is granted.
            return inTransaction(c, () -> appendLocked(c, p, true));
        }
        AuditEntry entry = inTransaction(c, () -> {
            lock(c);
            if (!table.exists(c)) {
                table.install(c);
            }
            return appendLocked(c, p, false);
        });
        if (own) { // committed now: the table stays for the rest of this run (only a migration could drop it)
            installed = new Installed(c, runId);
        }
        return entry;
    }

    /**
     * Where the table is known to exist: on this connection, during this run. A check of the catalog per entry
     * costs a round trip per migration; its answer cannot change within a run but by a migration dropping
     * Godwit's own table, and then the insert fails and says so. Another run (after a {@code clean}) looks again.
     */
    private record Installed(Connection c, String runId) {}

    private volatile Installed installed;

    private record Pending(String action, String runId, String version, Actor actor, String ciJson,
                           String detailsJson) {}

    private AuditEntry appendLocked(Connection c, Pending p, boolean lockToo) throws SQLException {
        String dbUser;
        String ci;
        String details;
        long seq = 1;
        String prev = GENESIS;
        // jsonb's own text, so that what is hashed is what the column will hold and print; and the chain's head
        // (read under the lock), in the same round trip.
        try (PreparedStatement ps = c.prepareStatement((lockToo ? LOCK + "; " : "")
                + "select current_user::text, ?::jsonb::text, ?::jsonb::text,"
                + " h.seq, h.hash from (select 1) one left join (select seq, hash from " + table()
                + " order by seq desc limit 1) h on true")) {
            int i = 1;
            if (lockToo) {
                ps.setInt(i++, LOCK_CLASS);
                ps.setInt(i++, LOCK_OBJECT);
            }
            ps.setString(i++, p.ciJson());
            ps.setString(i, p.detailsJson());
            ps.execute();
            if (lockToo) {
                ps.getMoreResults();
            }
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                dbUser = rs.getString(1);
                ci = rs.getString(2);
                details = rs.getString(3);
                if (rs.getString(5) != null) {
                    seq = rs.getLong(4) + 1;
                    prev = rs.getString(5);
                }
            }
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS); // timestamptz keeps microseconds
        String ticket = Secrets.redactUrl(p.actor().ticket());
        String approver = Secrets.redactUrl(p.actor().approver());
        String canonical = Canonical.row(seq, at, p.action(), p.runId(), p.version(), p.actor().osUser(), dbUser,
                p.actor().host(), ci, ticket, approver, details);
        String hash = chain.hash(prev, canonical);
        try (PreparedStatement ps = c.prepareStatement("insert into " + table() + " (seq, at, action, run_id,"
                + " version, os_user, db_user, host, ci, ticket, approver, details, prev_hash, hash)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(3, p.action());
            ps.setString(4, p.runId());
            ps.setString(5, p.version());
            ps.setString(6, p.actor().osUser());
            ps.setString(7, dbUser);
            ps.setString(8, p.actor().host());
            ps.setString(9, ci);
            ps.setString(10, ticket);
            ps.setString(11, approver);
            ps.setString(12, details);
            ps.setString(13, prev);
            ps.setString(14, hash);
            ps.executeUpdate();
        }
        return new AuditEntry(seq, at, p.action(), p.runId(), p.version(), p.actor().osUser(), dbUser,
                p.actor().host(), stringMap(Canonical.toMap(Canonical.json(ci))), ticket, approver,
                Canonical.toMap(Canonical.json(details)), prev, hash);
    }

    /**
     * Recomputes the chain in seq order and names the first broken link (docs/audit.md, "What verify reports").
     * With {@code expectHead}, the last entry's hash must be that value, which catches a cut-off tail.
     */
    public Verification verify(Connection c, Optional<String> expectHead) throws SQLException {
        if (!table.exists(c)) {
            return ChainRules.check(List.of(), chain.keyed(), expectHead);
        }
        List<ChainRules.Link> links = new ArrayList<>();
        forEachRow(c, "select " + AuditRows.COLUMNS + " from " + table() + " order by seq", List.of(), r -> {
            AuditEntry e = r.entry();
            String plain = Chain.plain(e.prevHash(), r.canonical());
            boolean consistent = (chain.keyed() ? chain.hash(e.prevHash(), r.canonical()) : plain).equals(e.hash());
            // NOT NULL can be dropped by whoever tampers; a null hash is then simply one that matches nothing.
            links.add(new ChainRules.Link(e.seq(), Objects.toString(e.prevHash(), ""), Objects.toString(e.hash(), ""),
                    consistent, plain.equals(e.hash())));
        });
        return ChainRules.check(links, chain.keyed(), expectHead);
    }

    /** The hash of the last entry; empty when the log is empty or not installed. */
    public Optional<String> head(Connection c) throws SQLException {
        if (!table.exists(c)) {
            return Optional.empty();
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select hash from " + table() + " order by seq desc limit 1")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /**
     * Which entries {@link #query} returns; every part optional. {@code runId} matches a whole run id or its
     * first characters (the CLI prints run ids short).
     */
    public record Filter(Optional<Instant> since, Optional<String> version, Optional<String> action,
                         Optional<String> runId) {
        public static Filter all() {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** The entries that match, oldest first; none when the log is not installed. */
    public List<AuditEntry> query(Connection c, Filter f) throws SQLException {
        if (!table.exists(c)) {
            return List.of();
        }
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        f.since().ifPresent(t -> {
            where.add("at >= ?");
            args.add(OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        });
        f.version().ifPresent(v -> {
            where.add("version = ?");
            args.add(v);
        });
        f.action().ifPresent(a -> {
            where.add("action = ?");
            args.add(a);
        });
        f.runId().ifPresent(r -> {
            where.add("left(run_id, ?) = ?");
            args.add(r.length());
            args.add(r);
        });
        String sql = "select " + AuditRows.COLUMNS + " from " + table()
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " order by seq";
        List<AuditEntry> out = new ArrayList<>();
        forEachRow(c, sql, args, r -> out.add(r.entry()));
        return out;
    }

    public enum Format { CSV, JSONL }

    /** Writes the entries since {@code since} (all when empty), oldest first, streaming from the database. */
    public void export(Connection c, Format format, Optional<Instant> since, Writer out)
            throws SQLException, IOException {
        AuditExport export = new AuditExport(format, out);
        export.begin();
        if (table.exists(c)) {
            Filter f = new Filter(since, Optional.empty(), Optional.empty(), Optional.empty());
            List<Object> args = since.<List<Object>>map(t -> List.of(OffsetDateTime.ofInstant(t, ZoneOffset.UTC)))
                    .orElse(List.of());
            String sql = "select " + AuditRows.COLUMNS + " from " + table()
                    + (f.since().isPresent() ? " where at >= ?" : "") + " order by seq";
            try {
                forEachRow(c, sql, args, r -> export.write(r.entry()));
            } catch (AuditExport.Failed e) {
                throw e.io();
            }
        }
        out.flush();
    }

    interface RowSink {
        void accept(AuditRows.Read row) throws SQLException;
    }

    /** Streams rows with a cursor (pgjdbc fetches in batches only inside a transaction). */
    private void forEachRow(Connection c, String sql, List<Object> args, RowSink sink) throws SQLException {
        inTransaction(c, () -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH);
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(AuditRows.read(rs));
                    }
                }
            }
            return null;
        });
    }

    private static final String LOCK = "select pg_advisory_xact_lock(?, ?)";

    private void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, LOCK_OBJECT);
            ps.execute();
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in the caller's transaction, or in one of its own when {@code c} is in autocommit. */
    private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        if (!c.getAutoCommit()) {
            return work.run();
        }
        c.setAutoCommit(false);
        try {
            // READ COMMITTED whatever the server's default: under REPEATABLE READ the snapshot would be taken before
            // the audit lock is granted, and the chain's head read from it could be stale (a duplicate seq).
            try (Statement s = c.createStatement()) {
                s.execute("set transaction isolation level read committed");
            }
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException x) {
                e.addSuppressed(x);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static Map<String, String> stringMap(Map<String, Object> m) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v == null ? null : v.toString()));
        return out;
    }
}
