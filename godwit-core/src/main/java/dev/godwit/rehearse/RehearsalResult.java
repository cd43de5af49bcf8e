package dev.godwit.rehearse;

import java.util.List;

/**
 * Everything a rehearsal found.
 *
 * @param server     where it ran: {@code an embedded PostgreSQL (PostgreSQL 15.5)}
 * @param from       {@code scratch} or {@code target}
 * @param notes      what people should know about how it ran (an unreachable target, rows not generated, …)
 * @param problems   why it could not start: files or history that {@code migrate} would refuse (exit 4)
 * @param migrations the pending migrations as traced, up to the first that failed
 * @param load       every operation of the load clients; empty without {@code --load}
 */
public record RehearsalResult(String server, String from, int pgMajor, List<String> notes, List<String> problems,
                              List<MigrationTrace> migrations, RollbackCheck rollback, long traceMs,
                              List<LoadPoint> load) {

    public RehearsalResult {
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
        migrations = List.copyOf(migrations);
        load = List.copyOf(load);
    }

    /** A pending migration's statement failed during the trace. */
    public boolean statementFailed() {
        return migrations.stream().anyMatch(m -> m.failure().isPresent());
    }

    /** Applying the migrations again after the rollback failed. */
    public boolean reapplyFailed() {
        return rollback.reapplyFailure().isPresent();
    }

    /** A lock that blocks writes which the linter did not predict (or predicted weaker). */
    public boolean missedBlockingLock() {
        return migrations.stream().flatMap(m -> m.disagreements().stream()).anyMatch(Disagreement::missedBlock);
    }

    public boolean passed() {
        return problems.isEmpty() && !statementFailed() && !missedBlockingLock() && !rollback.doesNotRestore()
                && !reapplyFailed();
    }
}
