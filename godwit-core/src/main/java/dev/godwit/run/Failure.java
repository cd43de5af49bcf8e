package dev.godwit.run;

import dev.godwit.integrity.GuardResult;
import dev.godwit.integrity.InvariantResult;
import java.util.List;

/**
 * Why a migration failed, said for people.
 *
 * @param location {@code file:line:col} of the statement (and position) that failed
 * @param message PostgreSQL's message with its SQLSTATE, or Godwit's own
 * @param statement the statement's first line
 * @param rolledBack true when the migration's transaction was rolled back, so nothing of it remains
 * @param leftBehind what a non-transactional migration left applied, in words; empty when nothing
 * @param violations the data invariants it broke (exit 6); empty when it failed for another reason
 */
public record Failure(String location, String message, String statement, String sqlState, boolean rolledBack,
                      List<String> leftBehind, List<InvariantResult> violations) {

    /** Godwit's own code: this run lost the migration lock (its lock session ended, or a pooler moved it). */
    public static final String LOCK_LOST = "GW001"; // dev.godwit.lock.LockLostException.STATE
    /** Godwit's own code: the run was asked to stop (SIGINT, SIGTERM, an embedding application). */
    public static final String INTERRUPTED = "GW002";
    /** Godwit's own code: the database refused a second application of an applied version. */
    public static final String ALREADY_APPLIED = "GW004";
    /** Godwit's own code: a batched backfill stopped at its max_runtime, cleanly; the next run resumes it. */
    public static final String BACKFILL_PAUSED = "GW005";

    public Failure {
        leftBehind = List.copyOf(leftBehind);
        violations = List.copyOf(violations);
    }

    public Failure(String location, String message, String statement, String sqlState, boolean rolledBack,
                   List<String> leftBehind) {
        this(location, message, statement, sqlState, rolledBack, leftBehind, List.of());
    }

    /** A migration whose invariants did not hold before COMMIT (or after it ran outside a transaction). */
    public static Failure integrity(String script, GuardResult result, List<String> leftBehind) {
        int n = result.violations().size();
        String when = result.transactional() ? "before COMMIT" : "after its statements ran";
        return new Failure(script, n + " data integrity check(s) failed " + when, null, null,
                result.transactional(), leftBehind, result.violations());
    }

    /** Same failure, with more said about what it left behind. */
    public Failure withLeftBehind(List<String> more) {
        return new Failure(location, message, statement, sqlState, rolledBack, more, violations);
    }

    /** True when it failed because a data invariant did not hold. */
    public boolean integrity() {
        return !violations.isEmpty();
    }

    /** True when the run lost the migration lock: it stopped, and committed nothing after that. */
    public boolean lockLost() {
        return LOCK_LOST.equals(sqlState);
    }

    /** True when the run was asked to stop (a signal): the statement was cancelled on the server. */
    public boolean interrupted() {
        return INTERRUPTED.equals(sqlState);
    }

    /** True when a batched backfill stopped at its max_runtime (exit 12): the next run resumes it. */
    public boolean backfillPaused() {
        return BACKFILL_PAUSED.equals(sqlState);
    }

    /** True when the database's own guard refused to record the version a second time. */
    public boolean alreadyApplied() {
        return ALREADY_APPLIED.equals(sqlState);
    }

    /** True when the connection to the server ended: a crash or shutdown, the network, a terminated backend. */
    public boolean connectionLost() {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
    }

    public String describe() {
        StringBuilder sb = new StringBuilder(location).append(": ").append(message);
        violations.forEach(v -> sb.append("\n  ").append(v.describe()));
        if (statement != null) {
            sb.append("\n  statement: ").append(statement);
        }
        if (connectionLost()) {
            sb.append("\n  lost the connection to the database while this migration ran (the server stopped or crashed,"
                    + " or the network broke)");
            sb.append(rolledBack ? "\n  PostgreSQL rolls back the open transaction of a connection that ends, so nothing of"
                    + " it was applied (unless the connection broke during its COMMIT: `godwit status` tells)" : "");
        } else if (lockLost()) {
            sb.append(rolledBack ? "\n  its transaction was rolled back before COMMIT, so nothing of it was applied;"
                    + " the run stopped there" : "\n  the run stopped there");
        } else {
            sb.append(rolledBack ? "\n  the migration was rolled back; nothing of it was applied" : "");
        }
        leftBehind.forEach(l -> sb.append("\n  ").append(l));
        return sb.toString();
    }
}
