package dev.godwit.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;

/** Reading audit rows: the column list every query selects, and one row as stored plus its canonical text. */
final class AuditRows {

    /** jsonb as text: the form both append and verify canonicalise. */
    static final String COLUMNS = "seq, at, action, run_id, version, os_user, db_user, host, ci::text, ticket,"
            + " approver, details::text, prev_hash, hash";

    private AuditRows() {}

    /** A row and the canonical encoding of its content, which its hash should cover. */
    record Read(AuditEntry entry, String canonical) {}

    static Read read(ResultSet rs) throws SQLException {
        long seq = rs.getLong(1);
        java.time.Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
        String ci = rs.getString(9);
        String details = rs.getString(12);
        String canonical = Canonical.row(seq, at, rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), ci, rs.getString(10), rs.getString(11), details);
        AuditEntry e = new AuditEntry(seq, at, rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), strings(Canonical.toMap(Canonical.json(ci))), rs.getString(10),
                rs.getString(11), Canonical.toMap(Canonical.json(details)), rs.getString(13), rs.getString(14));
        return new Read(e, canonical);
    }

    private static Map<String, String> strings(Map<String, Object> m) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v == null ? null : v.toString()));
        return out;
    }
}
