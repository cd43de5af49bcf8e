package dev.godwit.run;

/** Hears a run's events. Implementations must not throw. */
@FunctionalInterface
public interface RunListener {

    void on(RunEvent event);

    /** Both listeners, in order. */
    static RunListener both(RunListener first, RunListener second) {
        return e -> {
            first.on(e);
            second.on(e);
        };
    }
}
