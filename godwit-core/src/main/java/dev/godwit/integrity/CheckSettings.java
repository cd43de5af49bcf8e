package dev.godwit.integrity;

/** The resolved {@code [checks]} settings. (Filled in by the integrity work.) */
public record CheckSettings(boolean enabled) {

    public static CheckSettings defaults() {
        return new CheckSettings(true);
    }
}
