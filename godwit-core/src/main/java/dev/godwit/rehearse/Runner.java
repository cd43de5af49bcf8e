package dev.godwit.rehearse;

import dev.godwit.plan.PreparedMigration;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Runs a migration without tracing it (the starting state, the down scripts, the re-apply), in its real
 * transaction mode: one transaction, or statement by statement.
 */
final class Runner {

    private Runner() {}

    /** Empty when it ran; else where and why it failed (a transaction is rolled back). */
    static Optional<String> run(Connection c, PreparedMigration m) throws SQLException {
        c.setAutoCommit(!m.transactional());
        try {
            for (PreparedMigration.Runnable r : m.statements()) {
                try (Statement s = c.createStatement()) {
                    s.execute(r.sql());
                } catch (SQLException e) {
                    if (m.transactional()) {
                        c.rollback();
                    }
                    return Optional.of(m.location(r.source()) + ": " + e.getMessage());
                }
            }
            if (m.transactional()) {
                c.commit();
            }
            return Optional.empty();
        } finally {
            c.setAutoCommit(true);
        }
    }
}
