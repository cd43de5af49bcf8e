package dev.godwit.lock;

import java.sql.SQLException;

/** A transaction-mode pooler was found between Godwit and PostgreSQL: nothing was run (exit 2, with the advice). */
public final class PoolerDetectedException extends SQLException {

    public static final String STATE = "GW005";
    private static final long serialVersionUID = 1L;

    public PoolerDetectedException(String problem) {
        super(SessionPinning.advice(problem), STATE);
    }
}
