package dev.godwit.rehearse;

import dev.godwit.plan.PreparedMigration;
import dev.godwit.sql.analysis.Analyzer;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one migration on the rehearsal server in its real transaction mode (one transaction, or statement by
 * statement with {@code -- godwit:no-transaction} and CONCURRENTLY), and after every statement records the
 * locks its backend took (from the sampler's second connection), the rewrites and catalog changes (from the
 * migration's own connection, which sees its uncommitted work), and compares the locks with the linter's.
 */
final class Tracer {

    private final Connection conn;
    private final LockSampler sampler;
    private final Clock clock;
    private final String godwitSchema;
    private final int pgMajor;

    Tracer(Connection conn, LockSampler sampler, Clock clock, String godwitSchema, int pgMajor) {
        this.conn = conn;
        this.sampler = sampler;
        this.clock = clock;
        this.godwitSchema = godwitSchema;
        this.pgMajor = pgMajor;
    }

    MigrationTrace run(PreparedMigration m) throws SQLException {
        Relations existing = Relations.read(conn, godwitSchema);
        Relations relsNow = existing;
        SchemaState schemaNow = SchemaState.read(conn, godwitSchema);
        timeout(m.statementTimeout().toMillis());
        conn.setAutoCommit(!m.transactional());
        long start = clock.ms();
        List<StatementTrace> traces = new ArrayList<>();
        List<LockHold> open = new ArrayList<>();
        List<LockHold> holds = new ArrayList<>();
        Optional<String> failure = Optional.empty();
        LockSampler.Sample before = sampler.sample();
        int index = 0;
        for (PreparedMigration.Runnable r : m.statements()) {
            // what the statement alone cannot say (the table a dropped foreign key references), from the catalog
            StatementAnalysis parsed = Analyzer.analyze(r.source());
            StatementAnalysis analysis = parsed.has(dev.godwit.sql.analysis.Action.DropConstraint.class)
                    ? quietly(() -> DroppedKeys.resolve(parsed, conn)) : parsed;
            long t0 = clock.ms();
            String error = execute(r.sql());
            long t1 = clock.ms();
            LockSampler.Sample after = sampler.sample();
            Map<Relations.Relation, Set<LockMode>> heldBefore = onExisting(before.held(), existing);
            Map<Relations.Relation, Set<LockMode>> taken = minus(
                    onExisting(union(sampler.between(t0, after.atMs())), existing), heldBefore);
            List<TableLock> predicted = analysis.locks(pgMajor);
            String location = m.location(r.source());
            if (error != null) {
                traces.add(new StatementTrace(location, r.source().summary(), t0, t1 - t0, false, observed(taken), true, List.of(),
                        List.of(), predicted, List.of(), Optional.of(error), Optional.empty()));
                failure = Optional.of(location + ": " + error);
                break;
            }
            Relations relsAfter = quietly(() -> Relations.read(conn, godwitSchema));
            SchemaState schemaAfter = quietly(() -> SchemaState.read(conn, godwitSchema));
            List<String> rewrites = rewrites(existing, relsNow, relsAfter);
            // Outside a transaction the locks go at the statement's end: only samples taken while it ran see them.
            boolean seen = m.transactional() || !taken.isEmpty()
                    || !sampler.between(t0 + 1, t1 - 1).isEmpty();
            List<Disagreement> disagreements = seen
                    ? LockComparison.compare(predicted, taken, heldBefore, existing.byOid().values()) : List.of();
            traces.add(new StatementTrace(location, r.source().summary(), t0, t1 - t0,
                    Projection.scales(analysis, !rewrites.isEmpty()), observed(taken), seen, rewrites,
                    schemaAfter.changes(schemaNow), predicted, disagreements, Optional.empty(), Optional.empty()));
            for (Map.Entry<Relations.Relation, Set<LockMode>> e : taken.entrySet()) {
                for (LockMode mode : e.getValue()) {
                    LockHold h = new LockHold(e.getKey().display(), e.getKey().kindWord(), mode, index, t0, t1);
                    (m.transactional() ? open : holds).add(h);
                }
            }
            relsNow = relsAfter;
            schemaNow = schemaAfter;
            before = sampler.sample();
            index++;
        }
        if (m.transactional()) {
            if (failure.isPresent()) {
                conn.rollback();
            } else {
                conn.commit();
            }
            long end = clock.ms();
            open.forEach(h -> holds.add(new LockHold(h.relation(), h.kind(), h.mode(), h.statement(), h.fromMs(), end)));
        }
        conn.setAutoCommit(true);
        timeout(0);
        return new MigrationTrace(m.script().script(), m.transactional(), start, clock.ms(), traces, holds, failure,
                List.of());
    }

    private interface Read<T> {
        T get() throws SQLException;
    }

    /**
     * Reads the catalog inside the migration's transaction under a savepoint rolled back at once: reading a
     * view's definition takes ACCESS SHARE on the tables it uses, and locks taken after a savepoint go when it
     * is rolled back, so the trace shows the migration's locks only.
     */
    private <T> T quietly(Read<T> read) throws SQLException {
        if (conn.getAutoCommit()) {
            return read.get();
        }
        Savepoint sp = conn.setSavepoint("godwit_rehearse_read");
        try {
            return read.get();
        } finally {
            conn.rollback(sp);
            conn.releaseSavepoint(sp);
        }
    }

    private String execute(String sql) {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
            return null;
        } catch (SQLException e) {
            return e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
        }
    }

    private void timeout(long ms) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("set statement_timeout = " + ms);
        }
    }

    private static Map<Long, Set<LockMode>> union(List<LockSampler.Sample> samples) {
        Map<Long, Set<LockMode>> out = new LinkedHashMap<>();
        for (LockSampler.Sample s : samples) {
            s.held().forEach((oid, modes) -> out.computeIfAbsent(oid, k -> EnumSet.noneOf(LockMode.class)).addAll(modes));
        }
        return out;
    }

    private static Map<Relations.Relation, Set<LockMode>> onExisting(Map<Long, Set<LockMode>> byOid, Relations existing) {
        Map<Relations.Relation, Set<LockMode>> out = new LinkedHashMap<>();
        byOid.forEach((oid, modes) -> {
            Relations.Relation r = existing.get(oid);
            if (r != null) {
                out.put(r, EnumSet.copyOf(modes));
            }
        });
        return out;
    }

    private static Map<Relations.Relation, Set<LockMode>> minus(Map<Relations.Relation, Set<LockMode>> a,
                                                                Map<Relations.Relation, Set<LockMode>> b) {
        Map<Relations.Relation, Set<LockMode>> out = new LinkedHashMap<>();
        a.forEach((rel, modes) -> {
            Set<LockMode> left = EnumSet.copyOf(modes);
            left.removeAll(b.getOrDefault(rel, Set.of()));
            if (!left.isEmpty()) {
                out.put(rel, left);
            }
        });
        return out;
    }

    private static List<ObservedLock> observed(Map<Relations.Relation, Set<LockMode>> taken) {
        List<ObservedLock> out = new ArrayList<>();
        taken.forEach((rel, modes) -> modes.forEach(m -> out.add(new ObservedLock(rel.display(), rel.kindWord(), m, true))));
        return out;
    }

    /** Existing tables and indexes whose data file changed during the statement. */
    private static List<String> rewrites(Relations existing, Relations before, Relations after) {
        List<String> out = new ArrayList<>();
        for (Relations.Relation r : existing.byOid().values()) {
            Relations.Relation b = before.get(r.oid());
            Relations.Relation a = after.get(r.oid());
            if (b != null && a != null && b.filenode() != a.filenode() && b.filenode() != 0) {
                out.add(r.kindWord() + " " + r.display());
            }
        }
        return out;
    }
}
