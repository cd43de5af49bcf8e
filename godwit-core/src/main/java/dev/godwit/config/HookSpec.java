package dev.godwit.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One hook: a shell command ({@code run}) or a SQL file ({@code sql}) at a {@link HookPoint}, stopped after
 * {@code timeout}. {@code origin} says where it was declared, for messages: "[[hooks]] #2 in godwit.toml", or the
 * Flyway callback file.
 */
public record HookSpec(String name, HookPoint at, Optional<String> command, Optional<Path> sql, Duration timeout,
                       String origin) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public HookSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(timeout, "timeout");
        if (command.isPresent() == sql.isPresent()) {
            throw new IllegalArgumentException("a hook runs a command or a SQL file, exactly one of them");
        }
    }

    /** A shell command hook. */
    public static HookSpec command(String name, HookPoint at, String command, Duration timeout) {
        return new HookSpec(name, at, Optional.of(command), Optional.empty(), timeout, "configure()");
    }

    /** A SQL file hook, run on the migration connection. */
    public static HookSpec sql(String name, HookPoint at, Path file, Duration timeout) {
        return new HookSpec(name, at, Optional.empty(), Optional.of(file), timeout, "configure()");
    }

    /** "shell" or "sql". */
    public String kind() {
        return command.isPresent() ? "shell" : "sql";
    }
}
