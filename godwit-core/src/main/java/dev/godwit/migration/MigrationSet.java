package dev.godwit.migration;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every migration found in the configured locations.
 *
 * @param versioned up migrations, in version order
 * @param repeatable repeatable migrations, in description order
 * @param down down scripts by the version they revert
 * @param problems what is wrong with the files; a non-empty list means nothing may be applied
 */
public record MigrationSet(List<MigrationScript> versioned, List<MigrationScript> repeatable,
                           Map<Version, MigrationScript> down, List<ScanProblem> problems) {

    public MigrationSet {
        versioned = List.copyOf(versioned);
        repeatable = List.copyOf(repeatable);
        down = Map.copyOf(down);
        problems = List.copyOf(problems);
    }

    public Optional<MigrationScript> versioned(Version v) {
        return versioned.stream().filter(m -> m.version().equals(v)).findFirst();
    }

    public Optional<MigrationScript> repeatable(String description) {
        return repeatable.stream().filter(m -> m.description().equals(description)).findFirst();
    }
}
