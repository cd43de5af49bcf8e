package dev.godwit.preflight;

/** A check's verdict; the report's is its worst check's. FAIL stops {@code migrate} (exit 8). */
public enum Status {
    PASS, WARN, FAIL;

    public Status worst(Status other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
