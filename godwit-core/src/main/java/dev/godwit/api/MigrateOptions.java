package dev.godwit.api;

import dev.godwit.migration.Version;
import dev.godwit.sql.Phase;
import java.util.Optional;

/**
 * What a {@code migrate} is asked for besides the settings.
 *
 * @param target        apply up to and including this version (empty: everything pending)
 * @param skipPreflight do not run the readiness checks first; the audit log records that they were skipped
 * @param phase         {@code --phase expand|contract}: only that phase's migrations (expand ones also pass the
 *                      expand gate); empty, the default, is {@code --phase all}
 */
public record MigrateOptions(Optional<Version> target, boolean skipPreflight, Optional<Phase> phase) {

    public MigrateOptions {
        java.util.Objects.requireNonNull(phase, "phase");
    }

    /** Every phase. */
    public MigrateOptions(Optional<Version> target, boolean skipPreflight) {
        this(target, skipPreflight, Optional.empty());
    }

    public static MigrateOptions defaults() {
        return new MigrateOptions(Optional.empty(), false);
    }

    public MigrateOptions target(String version) {
        return new MigrateOptions(Optional.of(Version.parse(version)), skipPreflight, phase);
    }

    public MigrateOptions skippingPreflight() {
        return new MigrateOptions(target, true, phase);
    }

    /** {@code --phase expand} or {@code --phase contract}. */
    public MigrateOptions phase(Phase only) {
        return new MigrateOptions(target, skipPreflight, Optional.of(only));
    }
}
