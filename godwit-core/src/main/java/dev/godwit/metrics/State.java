package dev.godwit.metrics;

import dev.godwit.audit.AuditLog;
import dev.godwit.backup.BackupException;
import dev.godwit.backup.BackupStore;
import dev.godwit.backup.Manifest;
import dev.godwit.config.GodwitConfig;
import dev.godwit.history.HistoryTable;
import dev.godwit.integrity.CheckResult;
import dev.godwit.integrity.SchemaAudit;
import dev.godwit.lock.LockHolder;
import dev.godwit.lock.MigrationLock;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.MigrationPlan;
import dev.godwit.migration.MigrationScanner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the database and the backup folder say right now, for the metrics and {@code /health}: read at the
 * moment a textfile is written or {@code /metrics} is scraped, so it holds for whichever process runs.
 *
 * @param lockHolder       who holds the migration lock (a live holder: a migration is in progress)
 * @param lastSuccess      the newest successful history row's time
 * @param lastFailure      the newest migration_failed / run_failed audit entry's time
 * @param lastBackup       the newest verified backup's creation time
 * @param integrityProblems the schema audit's failed checks ({@code godwit check schema}), in words
 * @param auditBreak       why the audit chain does not verify; empty when it does
 */
public record State(Optional<LockHolder> lockHolder, int pending, Optional<Instant> lastSuccess,
                    Optional<Instant> lastFailure, Optional<Instant> lastBackup, List<String> integrityProblems,
                    Optional<String> auditBreak) {

    public boolean lockActive() {
        return lockHolder.filter(LockHolder::live).isPresent();
    }

    public static State read(GodwitConfig config, AuditLog audit, Connection c) throws SQLException {
        List<AppliedMigration> history = new HistoryTable(config.schema()).read(c);
        int pending = MigrationPlan.of(MigrationScanner.scanLocations(config.locations(), config.format()), history,
                new MigrationPlan.Options(config.migrate().outOfOrder(), Optional.empty(),
                        m -> dev.godwit.plan.Phases.of(m) == dev.godwit.sql.Phase.CONTRACT)).pending().size();
        Optional<Instant> lastSuccess = history.stream().filter(AppliedMigration::success)
                .map(AppliedMigration::appliedAt).max(Comparator.naturalOrder());
        List<String> integrity = new ArrayList<>();
        for (CheckResult r : new SchemaAudit(config.checks(), config.lint().money(), List.of(config.schema()))
                .results(c)) {
            if (r.failed()) {
                integrity.add(r.check() + ": " + r.summary());
            }
        }
        Optional<String> auditBreak = audit.verify(c, Optional.empty()).firstBreak()
                .map(b -> "entry " + b.seq() + " " + b.word() + ": " + b.message());
        return new State(MigrationLock.holder(c, config.schema()), pending, lastSuccess, lastFailure(c, audit),
                lastBackup(config), integrity, auditBreak);
    }

    private static Optional<Instant> lastFailure(Connection c, AuditLog audit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select max(at) from " + audit.table()
                + " where action in ('migration_failed', 'run_failed')")) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null ? Optional.of(rs.getTimestamp(1).toInstant())
                        : Optional.empty();
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return Optional.empty(); // no audit log yet: nothing has failed
            }
            throw e;
        }
    }

    private static Optional<Instant> lastBackup(GodwitConfig config) {
        // Read on every scrape of `serve`: a bucket's client is closed again each time.
        try (BackupStore store = BackupStore.of(config.backup())) {
            return store.list().stream().filter(m -> m.lastVerified().isPresent())
                    .map(Manifest::created).max(Comparator.naturalOrder());
        } catch (BackupException e) {
            return Optional.empty();
        }
    }
}
