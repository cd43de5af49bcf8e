package dev.godwit.execute;

/** Hears a run's events. Implementations must not throw. */
@FunctionalInterface
public interface RunListener {

    void on(RunEvent event);

    RunListener NONE = e -> { };
}
