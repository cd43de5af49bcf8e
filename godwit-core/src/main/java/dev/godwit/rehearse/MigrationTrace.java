package dev.godwit.rehearse;

import java.util.List;
import java.util.Optional;

/**
 * One pending migration run on the rehearsal server, statement by statement.
 *
 * @param failure the failed statement's error; the migration stopped there (and was rolled back in a
 *                transaction)
 */
public record MigrationTrace(String script, boolean transactional, long startMs, long endMs,
                             List<StatementTrace> statements, List<LockHold> holds, Optional<String> failure,
                             List<String> projections) {

    public MigrationTrace {
        statements = List.copyOf(statements);
        holds = List.copyOf(holds);
        projections = List.copyOf(projections);
    }

    MigrationTrace with(List<StatementTrace> newStatements, List<String> newProjections) {
        return new MigrationTrace(script, transactional, startMs, endMs, newStatements, holds, failure, newProjections);
    }

    public List<Disagreement> disagreements() {
        return statements.stream().flatMap(s -> s.disagreements().stream()).toList();
    }
}
