package dev.godwit.rehearse;

/**
 * The rehearsal could not be set up (no server, no pg_dump, a copy that failed): the message says why.
 * {@link #usage()} is true when the way it was asked for cannot work (a major the embedded server does not
 * have, {@code --from target} without a target): the command's exit code 2.
 */
public final class RehearsalException extends Exception {

    private final boolean usage;

    public RehearsalException(String message) {
        this(message, false);
    }

    private RehearsalException(String message, boolean usage) {
        super(message);
        this.usage = usage;
    }

    static RehearsalException usage(String message) {
        return new RehearsalException(message, true);
    }

    public boolean usage() {
        return usage;
    }
}
