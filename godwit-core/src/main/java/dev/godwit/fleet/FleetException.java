package dev.godwit.fleet;

/** A fleet that cannot be read or run as given: a bad fleet file, shard or query. The CLI exits 2. */
public final class FleetException extends Exception {
    public FleetException(String message) {
        super(message);
    }

    public FleetException(String message, Throwable cause) {
        super(message, cause);
    }
}
