package dev.godwit.rehearse;

/** The rehearsal could not be set up (no server, no pg_dump, a copy that failed): the message says why. */
public final class RehearsalException extends Exception {

    public RehearsalException(String message) {
        super(message);
    }
}
