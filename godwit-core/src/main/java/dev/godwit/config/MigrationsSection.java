package dev.godwit.config;

import java.time.Duration;
import java.util.List;

/** {@code [migrations]}: where migration files live and how {@code migrate} applies them. */
record MigrationsSection(List<String> locations, Boolean outOfOrder, Boolean cleanDisabled, Duration lockTimeout,
        Duration statementTimeout, Integer maxAttempts, Duration retryBaseDelay, Duration retryMaxDelay,
        Duration lockWait, Duration quietWait, Duration stopGrace, String format) implements Section {

    @Override
    public void check(Where where) throws ConfigException {
        if (maxAttempts != null && maxAttempts < 1) {
            throw new ConfigException(where.key("max_attempts") + " must be at least 1, not " + maxAttempts);
        }
        if (format != null && dev.godwit.migration.MigrationFormat.parse(format).isEmpty()) {
            throw new ConfigException(where.key("format") + " must be one of "
                    + dev.godwit.migration.MigrationFormat.words() + ", not \"" + format + "\"");
        }
        if (locations != null) {
            if (locations.isEmpty()) {
                throw new ConfigException(where.key("locations") + " must name at least one folder,"
                        + " such as [\"db/migrations\"]");
            }
            if (locations.stream().anyMatch(String::isBlank)) {
                throw new ConfigException(where.key("locations") + " must not contain an empty folder name");
            }
        }
    }
}
