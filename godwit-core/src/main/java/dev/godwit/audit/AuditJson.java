package dev.godwit.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An entry as JSON, for {@code audit log --json} and JSONL export: the table's column names, in the canonical
 * field order, {@code at} with six fractional digits, so an auditor can recompute each hash from the export.
 */
public final class AuditJson {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private AuditJson() {}

    public static Map<String, Object> of(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("at", Canonical.time(e.at()));
        m.put("action", e.action());
        m.put("run_id", e.runId());
        m.put("version", e.version());
        m.put("os_user", e.osUser());
        m.put("db_user", e.dbUser());
        m.put("host", e.host());
        m.put("ci", e.ci());
        m.put("ticket", e.ticket());
        m.put("approver", e.approver());
        m.put("details", e.details());
        m.put("prev_hash", e.prevHash());
        m.put("hash", e.hash());
        return m;
    }

    /** One line of JSON, no whitespace. */
    public static String line(AuditEntry e) {
        return write(of(e));
    }

    /** A map as canonical JSON (sorted keys, no whitespace). */
    static String canonical(Map<String, ?> m) {
        return Canonical.json(write(m));
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write an audit entry as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
