package dev.godwit.rehearse;

import dev.godwit.sql.analysis.LockMode;

/**
 * A lock the migration held on an existing table, from the statement that took it until COMMIT (or until
 * the statement ended, outside a transaction), on the trace's time axis.
 *
 * @param statement the index of the statement that took it, in its migration
 */
public record LockHold(String relation, String kind, LockMode mode, int statement, long fromMs, long toMs) {

    public long heldMs() {
        return toMs - fromMs;
    }

    public boolean blocksWrites() {
        return LockComparison.blocksWrites(mode);
    }

    public boolean blocksReads() {
        return mode == LockMode.ACCESS_EXCLUSIVE;
    }
}
