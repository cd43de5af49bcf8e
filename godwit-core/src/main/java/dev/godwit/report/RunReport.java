package dev.godwit.report;

import java.util.List;

/**
 * What one {@code migrate} or {@code rollback} did, for change records: who, when, where, with what
 * approval, each migration with its duration, lock retries and snapshots, how it ended, and the audit
 * log's head hash right after it (keep that hash elsewhere to detect a cut-off audit log later), and the id of
 * the verified backup taken before it changed anything (null when none was).
 */
public record RunReport(String runId, String command, String outcome, String database, String environment,
                        String osUser, String host, String ticket, String approver, String startedAt,
                        String finishedAt, String versionBefore, String versionAfter, List<Entry> migrations,
                        List<String> reverted, List<String> notReverted, List<String> problems, String failure,
                        String auditHead, String backup, List<String> lint, List<String> hooks,
                        List<WalMark> wal, List<String> recovery) {

    public RunReport {
        lint = lint == null ? List.of() : List.copyOf(lint); // reports written before lint findings were kept
        hooks = hooks == null ? List.of() : List.copyOf(hooks); // and before hooks
        wal = wal == null ? List.of() : List.copyOf(wal); // and before WAL positions
        recovery = recovery == null ? List.of() : List.copyOf(recovery);
    }

    /**
     * Where the server's WAL was at a moment of the run (point-in-time recovery).
     *
     * @param moment    run-start, before, after (a migration) or run-end
     * @param migration the migration's script for before / after; null otherwise
     */
    public record WalMark(String moment, String migration, String lsn, long timeline, String walFile,
                          String serverTime, long nextXid) {}

    /** Who ran what, where: known before the run starts. */
    public record Header(String runId, String command, String database, String environment, String osUser,
                         String host, String ticket, String approver) {}

    /**
     * @param action applied, reverted or failed
     * @param mode "one transaction" or why it ran outside one
     * @param checks its data invariants as checked before COMMIT, and the time they took
     * @param backfill a batched backfill's figures: rows, batches, rate, and what it waited for (empty otherwise)
     */
    public record Entry(String label, String script, String checksum, String action, long durationMs, int attempts,
                        String mode, List<String> lockRetries, List<String> snapshots, String failure,
                        List<String> checks, List<String> backfill) {}
}
