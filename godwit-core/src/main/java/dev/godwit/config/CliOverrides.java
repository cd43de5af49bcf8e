package dev.godwit.config;

import dev.godwit.db.Secrets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the command line said, before any interpretation: values stay strings so that a bad one is
 * reported by the same code (and in the same words) as a bad value in a file or variable, naming the flag.
 */
public record CliOverrides(Optional<Path> configFile, Optional<String> environment, Optional<String> url,
        Optional<List<String>> locations, Optional<String> schema, Optional<String> lockTimeout,
        Optional<String> statementTimeout, Optional<String> lockWait, Optional<Boolean> outOfOrder) {

    public CliOverrides {
        configFile = orEmpty(configFile);
        environment = orEmpty(environment);
        url = orEmpty(url);
        locations = orEmpty(locations).map(List::copyOf);
        schema = orEmpty(schema);
        lockTimeout = orEmpty(lockTimeout);
        statementTimeout = orEmpty(statementTimeout);
        lockWait = orEmpty(lockWait);
        outOfOrder = orEmpty(outOfOrder);
    }

    public static CliOverrides none() {
        return new CliOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The URL is a secret-bearing value: never print it from here. */
    @Override
    public String toString() {
        return "CliOverrides[configFile=" + configFile + ", environment=" + environment + ", url="
                + url.map(Secrets::redactUrl) + ", locations=" + locations + ", schema=" + schema
                + ", lockTimeout=" + lockTimeout + ", statementTimeout=" + statementTimeout + ", lockWait="
                + lockWait + ", outOfOrder=" + outOfOrder + "]";
    }

    private static <T> Optional<T> orEmpty(Optional<T> o) {
        return o == null ? Optional.empty() : o;
    }
}
