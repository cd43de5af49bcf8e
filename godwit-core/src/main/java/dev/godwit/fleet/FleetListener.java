package dev.godwit.fleet;

/** Hears a fleet run target by target: the CLI prints a line for each. Called from the fleet's worker threads. */
public interface FleetListener {

    FleetListener NONE = new FleetListener() { };

    default void waveStarted(String wave, int targets) {}

    default void targetStarted(Target target) {}

    default void targetFinished(TargetResult result) {}
}
