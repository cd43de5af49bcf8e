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

    /** Every listener, in order; none hears nothing. */
    static RunListener all(java.util.List<RunListener> listeners) {
        java.util.List<RunListener> copy = java.util.List.copyOf(listeners);
        return e -> copy.forEach(l -> l.on(e));
    }
}
