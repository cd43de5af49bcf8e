package dev.godwit.api;

import dev.godwit.migration.Version;
import java.util.Optional;

/**
 * What a {@code migrate} is asked for besides the settings.
 *
 * @param target        apply up to and including this version (empty: everything pending)
 * @param skipPreflight do not run the readiness checks first; the audit log records that they were skipped
 */
public record MigrateOptions(Optional<Version> target, boolean skipPreflight) {

    public static MigrateOptions defaults() {
        return new MigrateOptions(Optional.empty(), false);
    }

    public MigrateOptions target(String version) {
        return new MigrateOptions(Optional.of(Version.parse(version)), skipPreflight);
    }

    public MigrateOptions skippingPreflight() {
        return new MigrateOptions(target, true);
    }
}
