package dev.godwit.migration;

import java.util.Optional;

/** One line of `godwit status`: a migration file, a history row, or both. */
public record StatusEntry(MigrationKind kind, Version version, String description, MigrationState state,
                          Optional<MigrationScript> file, Optional<AppliedMigration> applied) {

    public String script() {
        return file.map(MigrationScript::script).or(() -> applied.map(AppliedMigration::script)).orElse("");
    }
}
