package dev.godwit.rehearse;

import dev.godwit.sql.analysis.LockMode;

/**
 * A lock mode a statement took on a relation, as {@code pg_locks} showed it.
 *
 * @param kind    table, index, view, sequence
 * @param existed the relation existed before the migration began, so other sessions could be waiting for it
 */
public record ObservedLock(String relation, String kind, LockMode mode, boolean existed) {

    public String describe() {
        return mode.sqlName() + " on " + relation + ("table".equals(kind) ? "" : " (" + kind + ")");
    }
}
