package dev.godwit.db;

import java.sql.Connection;

/** Opens a new connection to the target database; the migration and the lock each get their own. */
@FunctionalInterface
public interface Connector {
    Connection open() throws ConnectFailure;
}
