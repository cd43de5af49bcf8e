package dev.godwit.db;

/**
 * A connection that could not be opened, sorted by what the user should do about it. The message is
 * already redacted; the driver's exception is deliberately not kept as the cause, so that a stack trace
 * printed in verbose mode cannot carry an unredacted text.
 */
public final class ConnectFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind { AUTHENTICATION, DATABASE_MISSING, UNREACHABLE, OTHER }

    private final Kind kind;

    public ConnectFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
