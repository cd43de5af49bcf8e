package dev.godwit.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the audit log as stored. {@code ci} and {@code details} come back with their keys sorted (their
 * canonical order); {@code version}, {@code runId}, {@code ticket} and {@code approver} may be null.
 */
public record AuditEntry(long seq, Instant at, String action, String runId, String version, String osUser,
                         String dbUser, String host, Map<String, String> ci, String ticket, String approver,
                         Map<String, Object> details, String prevHash, String hash) {}
