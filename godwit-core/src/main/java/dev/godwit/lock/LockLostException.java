package dev.godwit.lock;

import java.sql.SQLException;

/**
 * This run no longer holds the migration lock: its lock session ended (terminated by an administrator, ended by
 * a server timeout or the network) or a connection pooler moved it to another server session. Whatever was about
 * to be written is not: the transaction that notices it rolls back.
 */
public final class LockLostException extends SQLException {

    /** Godwit's own SQLSTATE-like code for "the migration lock was lost", as recorded in the audit log. */
    public static final String STATE = "GW001";

    private static final long serialVersionUID = 1L;

    public LockLostException(String why) {
        super("this run no longer holds the migration lock: " + why, STATE);
    }
}
