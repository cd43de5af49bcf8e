package dev.godwit.sql.analysis;

import java.util.Objects;

/** A lock a statement takes on a table (or index), held until its transaction ends. */
public record TableLock(Relation relation, LockMode mode) {

    public TableLock {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(mode, "mode");
    }

    /** {@code ACCESS EXCLUSIVE on accounts}. */
    public String describe() {
        return mode.sqlName() + " on " + relation.display();
    }
}
