package dev.godwit.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builds CliOverrides one flag at a time, for tests. */
final class Cli {

    private Optional<Path> config = Optional.empty();
    private Optional<String> env = Optional.empty();
    private Optional<String> url = Optional.empty();
    private Optional<List<String>> locations = Optional.empty();
    private Optional<String> schema = Optional.empty();
    private Optional<String> lockTimeout = Optional.empty();
    private Optional<String> statementTimeout = Optional.empty();
    private Optional<String> lockWait = Optional.empty();
    private Optional<Boolean> outOfOrder = Optional.empty();

    static Cli flags() {
        return new Cli();
    }

    Cli config(String v) { config = Optional.of(Path.of(v)); return this; }
    Cli env(String v) { env = Optional.of(v); return this; }
    Cli url(String v) { url = Optional.of(v); return this; }
    Cli locations(String... v) { locations = Optional.of(List.of(v)); return this; }
    Cli schema(String v) { schema = Optional.of(v); return this; }
    Cli lockTimeout(String v) { lockTimeout = Optional.of(v); return this; }
    Cli statementTimeout(String v) { statementTimeout = Optional.of(v); return this; }
    Cli lockWait(String v) { lockWait = Optional.of(v); return this; }
    Cli outOfOrder(boolean v) { outOfOrder = Optional.of(v); return this; }

    CliOverrides build() {
        return new CliOverrides(config, env, url, locations, schema, lockTimeout, statementTimeout, lockWait,
                outOfOrder);
    }
}
