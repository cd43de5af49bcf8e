package dev.godwit.rehearse;

import java.util.List;
import java.util.Optional;

/**
 * The rollback test: the down scripts run newest first, the schema compared with the state before the
 * pending migrations, then the migrations applied again.
 *
 * @param status      passed, failed (a down script failed, the schema differs, or the re-apply failed) or
 *                    skipped (nothing to revert, no down script, or the trace failed)
 * @param detail      one line for people
 * @param differences every difference between the schema before and after the rollback
 */
public record RollbackCheck(Status status, String detail, List<String> downScripts, List<String> differences,
                            Optional<String> downFailure, Optional<String> reapplyFailure) {

    public enum Status { PASSED, FAILED, SKIPPED }

    public RollbackCheck {
        downScripts = List.copyOf(downScripts);
        differences = List.copyOf(differences);
    }

    static RollbackCheck skipped(String why) {
        return new RollbackCheck(Status.SKIPPED, why, List.of(), List.of(), Optional.empty(), Optional.empty());
    }

    /** The down scripts ran but left the schema different, or one of them failed: exit 5. */
    public boolean doesNotRestore() {
        return status == Status.FAILED && (downFailure.isPresent() || !differences.isEmpty());
    }
}
