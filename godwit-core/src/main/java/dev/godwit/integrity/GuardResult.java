package dev.godwit.integrity;

import java.time.Duration;
import java.util.List;

/**
 * The invariants of one migration, checked before its COMMIT.
 *
 * @param added         how long the checks took: time added to the migration, and to any lock it held
 * @param transactional the checks ran inside the migration's transaction, so a violation rolled it back;
 *                      false for a migration that runs outside one, whose changes a violation cannot undo
 */
public record GuardResult(List<InvariantResult> results, Duration added, boolean transactional) {

    public GuardResult {
        results = List.copyOf(results);
    }

    public boolean violated() {
        return results.stream().anyMatch(InvariantResult::violated);
    }

    public List<InvariantResult> violations() {
        return results.stream().filter(InvariantResult::violated).toList();
    }

    /** The results that ran (not skipped, not notes). */
    public long checked() {
        return results.stream().filter(r -> r.status() != InvariantResult.Status.SKIPPED
                && r.status() != InvariantResult.Status.UNUSED_DECLARATION).count();
    }
}
