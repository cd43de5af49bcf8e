package dev.godwit.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Export for auditors. JSONL: one {@link AuditJson} object per line. CSV (RFC 4180, header row, CRLF line ends):
 * the table's columns, {@code ci} and {@code details} as canonical JSON. Values are exported exactly as stored,
 * so hashes can be recomputed from the file; a spreadsheet may read a cell starting with {@code =} as a formula.
 */
final class AuditExport {

    static final List<String> COLUMNS = List.of("seq", "at", "action", "run_id", "version", "os_user", "db_user",
            "host", "ci", "ticket", "approver", "details", "prev_hash", "hash");

    /** Carries an IOException out of a row callback that may only throw SQLException. */
    static final class Failed extends RuntimeException {
        Failed(IOException cause) {
            super(cause);
        }

        IOException io() {
            return (IOException) getCause();
        }
    }

    private final AuditLog.Format format;
    private final Writer out;

    AuditExport(AuditLog.Format format, Writer out) {
        this.format = format;
        this.out = out;
    }

    void begin() throws IOException {
        if (format == AuditLog.Format.CSV) {
            out.write(String.join(",", COLUMNS) + "\r\n");
        }
    }

    void write(AuditEntry e) {
        try {
            if (format == AuditLog.Format.JSONL) {
                out.write(AuditJson.line(e));
                out.write('\n');
            } else {
                out.write(csv(e));
            }
        } catch (IOException x) {
            throw new Failed(x);
        } catch (UncheckedIOException x) {
            throw new Failed(x.getCause());
        }
    }

    private static String csv(AuditEntry e) {
        List<String> cells = java.util.Arrays.asList(Long.toString(e.seq()), Canonical.time(e.at()), e.action(),
                e.runId(), e.version(), e.osUser(), e.dbUser(), e.host(), AuditJson.canonical(e.ci()), e.ticket(),
                e.approver(), AuditJson.canonical(e.details()), e.prevHash(), e.hash());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        return sb.append("\r\n").toString();
    }

    /** Empty for null; quoted when it holds a comma, quote or line break. */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
