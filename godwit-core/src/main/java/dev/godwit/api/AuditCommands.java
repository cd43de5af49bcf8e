package dev.godwit.api;

import dev.godwit.audit.AuditEntry;
import dev.godwit.audit.AuditLog;
import dev.godwit.audit.Verification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code godwit audit}: the hash-chained audit log, keyed with {@code GODWIT_AUDIT_KEY} when it is set. Reading
 * only: entries are written by the commands that change something, never from here.
 */
public final class AuditCommands {

    private final Godwit godwit;

    AuditCommands(Godwit godwit) {
        this.godwit = godwit;
    }

    /** The log itself: its table, and whether it is keyed. */
    public AuditLog log() {
        return godwit.auditLog();
    }

    /** {@code audit log}: the entries that match, oldest first. */
    public List<AuditEntry> entries(AuditLog.Filter filter) {
        AuditLog log = godwit.auditLog();
        return godwit.read(c -> log.query(c, filter));
    }

    /** {@code audit verify [--expect-head H]}: recomputes the chain; the first break when it does not hold. */
    public Verification verify(Optional<String> expectHead) {
        AuditLog log = godwit.auditLog();
        return godwit.read(c -> log.verify(c, expectHead));
    }

    /** {@code audit export --format csv|jsonl [--since T]}: every entry, with its hashes, to {@code out}. */
    public void export(AuditLog.Format format, Optional<Instant> since, Writer out) {
        AuditLog log = godwit.auditLog();
        godwit.read(c -> {
            try {
                log.export(c, format, since, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }
}
