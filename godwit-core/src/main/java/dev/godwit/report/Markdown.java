package dev.godwit.report;

import java.util.List;

/** A run report as Markdown: readable in a terminal, pasteable into a change ticket. */
final class Markdown {

    private Markdown() {}

    static String of(RunReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# godwit ").append(r.command()).append(": ").append(r.outcome()).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "run", r.runId());
        row(md, "database", r.database());
        row(md, "environment", r.environment());
        row(md, "run by", r.osUser() + "@" + r.host());
        row(md, "ticket", r.ticket());
        row(md, "approved by", r.approver());
        row(md, "started", r.startedAt());
        row(md, "finished", r.finishedAt());
        row(md, "version before", r.versionBefore());
        row(md, "version after", r.versionAfter());
        row(md, "backup before the run", r.backup() == null ? null : "`" + r.backup() + "`");
        row(md, "audit log head", r.auditHead() == null ? null : "`" + r.auditHead() + "`");
        md.append('\n');
        if (!r.migrations().isEmpty()) {
            md.append("## Migrations\n\n| migration | script | result | ms | tries | mode |\n|---|---|---|---|---|---|\n");
            for (RunReport.Entry e : r.migrations()) {
                md.append("| ").append(e.label()).append(" | `").append(e.script()).append("` | ").append(e.action())
                        .append(" | ").append(e.durationMs()).append(" | ").append(e.attempts()).append(" | ")
                        .append(e.mode().replace("|", "\\|")).append(" |\n");
            }
            md.append('\n');
            for (RunReport.Entry e : r.migrations()) {
                details(md, e);
            }
        }
        section(md, "Failure", r.failure() == null ? List.of() : List.of(r.failure()));
        section(md, "Reverted after the failure", r.reverted());
        section(md, "Not reverted", r.notReverted());
        section(md, "Problems (nothing was applied)", r.problems());
        section(md, "Lint findings (allowed ones with the file's reason)", r.lint());
        section(md, "Hooks", r.hooks());
        wal(md, r);
        return md.toString();
    }

    /** The WAL positions, and how to return to the moment before the run (docs/operations.md). */
    private static void wal(StringBuilder md, RunReport r) {
        if (r.wal().isEmpty()) {
            return;
        }
        md.append("## Point-in-time recovery\n\n| moment | migration | LSN | timeline | server time | next xid |\n")
                .append("|---|---|---|---|---|---|\n");
        for (RunReport.WalMark m : r.wal()) {
            md.append("| ").append(m.moment()).append(" | ").append(m.migration() == null ? "" : "`" + m.migration()
                    + "`").append(" | `").append(m.lsn()).append("` | ").append(m.timeline()).append(" | ")
                    .append(m.serverTime()).append(" | ").append(m.nextXid()).append(" |\n");
        }
        md.append('\n');
        if (!r.recovery().isEmpty()) {
            md.append("To return to the moment before this run (restore a base backup taken before it, then replay"
                    + " WAL up to, not including, the run-start LSN):\n\n");
            r.recovery().forEach(l -> md.append("- ").append(l).append('\n'));
            md.append('\n');
        }
    }

    private static void details(StringBuilder md, RunReport.Entry e) {
        if (e.lockRetries().isEmpty() && e.snapshots().isEmpty() && e.failure() == null && e.checks().isEmpty()
                && e.backfill().isEmpty()) {
            return;
        }
        md.append("### ").append(e.label()).append("\n\n- checksum `").append(e.checksum()).append("`\n");
        e.lockRetries().forEach(x -> md.append("- ").append(x).append('\n'));
        e.snapshots().forEach(x -> md.append("- snapshot ").append(x).append('\n'));
        e.checks().forEach(x -> md.append("- check ").append(x).append('\n'));
        e.backfill().forEach(x -> md.append("- ").append(x).append('\n'));
        if (e.failure() != null) {
            md.append("- ").append(e.failure().replace("\n", "\n  ")).append('\n');
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String key, String value) {
        if (value != null && !value.isBlank()) {
            md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
        }
    }

    private static void section(StringBuilder md, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        md.append("## ").append(title).append("\n\n");
        lines.forEach(l -> md.append("- ").append(l.replace("\n", "\n  ")).append('\n'));
        md.append('\n');
    }
}
