package dev.godwit.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** Provisional: replaced by the audit branch. */
public final class AuditLog {
    public AuditLog(String schema, Optional<byte[]> hmacKey) {}

    public AuditEntry append(Connection c, AuditAction action, String runId, String version, Actor actor,
                             Map<String, Object> details) throws SQLException {
        return null;
    }

    public Optional<String> head(Connection c) throws SQLException {
        return Optional.empty();
    }
}
