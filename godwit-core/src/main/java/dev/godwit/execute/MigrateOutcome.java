package dev.godwit.execute;

import dev.godwit.lock.LockTimeoutException;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.Version;
import java.util.List;
import java.util.Optional;

/** How a `migrate` ended. Each kind maps to one exit code in the CLI. */
public sealed interface MigrateOutcome {

    /** Everything pending was applied; {@code applied} is empty when there was nothing to do. */
    record Done(List<MigrationScript> applied, Optional<Version> current) implements MigrateOutcome {}

    /** Nothing was applied: the files or the history are not in a state to migrate from. */
    record Invalid(List<String> problems) implements MigrateOutcome {}

    /** Nothing was applied: another run held the migration lock for the whole wait. */
    record LockTimedOut(LockTimeoutException cause) implements MigrateOutcome {}

    /** {@code failed} failed; the migrations before it in this run stay applied. */
    record Failed(MigrationScript failed, Failure failure, List<MigrationScript> appliedBefore)
            implements MigrateOutcome {}
}
