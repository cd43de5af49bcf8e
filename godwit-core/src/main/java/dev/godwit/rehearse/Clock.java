package dev.godwit.rehearse;

/** Milliseconds since the rehearsal's trace began: the one time axis of the trace, the load and the report. */
final class Clock {

    private final long origin = System.nanoTime();

    long ms() {
        return (System.nanoTime() - origin) / 1_000_000;
    }
}
