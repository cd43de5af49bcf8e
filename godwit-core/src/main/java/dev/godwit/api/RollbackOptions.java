package dev.godwit.api;

import dev.godwit.migration.Version;
import java.util.Optional;

/**
 * Which applied migrations a {@code rollback} reverts: the newest {@code steps} of them, or every one above
 * {@code to}; neither means the newest one.
 */
public record RollbackOptions(Optional<Integer> steps, Optional<Version> to) {

    public RollbackOptions {
        if (steps.isPresent() && to.isPresent()) {
            throw new GodwitException(ExitCode.USAGE, "give steps or to, not both");
        }
        if (steps.isPresent() && steps.get() < 1) {
            throw new GodwitException(ExitCode.USAGE, "steps must be 1 or more, not " + steps.get());
        }
    }

    public static RollbackOptions last() {
        return new RollbackOptions(Optional.empty(), Optional.empty());
    }

    public static RollbackOptions steps(int n) {
        return new RollbackOptions(Optional.of(n), Optional.empty());
    }

    public static RollbackOptions to(String version) {
        return new RollbackOptions(Optional.empty(), Optional.of(Version.parse(version)));
    }
}
