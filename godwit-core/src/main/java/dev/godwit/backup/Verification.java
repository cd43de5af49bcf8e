package dev.godwit.backup;

import java.util.List;
import java.util.Optional;

/** What {@code verify} found: each check in order, passed or failed with the reason. */
public record Verification(String id, List<Check> checks) {

    /** @param detail what was seen, for people ("1 204 entries", "chunk 3 fails authentication ...") */
    public record Check(String name, boolean ok, String detail) {}

    public Verification {
        checks = List.copyOf(checks);
    }

    public boolean ok() {
        return checks.stream().allMatch(Check::ok);
    }

    public Optional<Check> firstFailure() {
        return checks.stream().filter(c -> !c.ok()).findFirst();
    }
}
