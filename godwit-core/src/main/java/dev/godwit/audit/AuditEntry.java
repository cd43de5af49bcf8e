package dev.godwit.audit;

import java.time.Instant;
import java.util.Map;

/** Provisional: replaced by the audit branch. */
public record AuditEntry(long seq, Instant at, String action, String runId, String version, String osUser,
                         String dbUser, String host, Map<String, String> ci, String ticket, String approver,
                         Map<String, Object> details, String prevHash, String hash) {}
