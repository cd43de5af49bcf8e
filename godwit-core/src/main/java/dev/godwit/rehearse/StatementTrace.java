package dev.godwit.rehearse;

import dev.godwit.sql.analysis.TableLock;
import java.util.List;
import java.util.Optional;

/**
 * What one statement did on the rehearsal server.
 *
 * @param startMs        when it started, on the trace's time axis
 * @param taken          the lock modes it took that its backend did not hold before, on relations that
 *                       existed before the migration (in a transaction, held until COMMIT)
 * @param rewrites       tables and indexes whose data file changed ({@code relfilenode})
 * @param catalogChanges columns, constraints, indexes, … added, dropped or changed
 * @param observed       false when the statement ran outside a transaction and finished between two samples of
 *                       pg_locks: its locks were not seen, so they are not compared
 * @param predicted      the linter's prediction for the same statement
 * @param scales         its time grows with the rows (a rewrite, an index build, a validation, UPDATE, …)
 * @param load           what the load clients saw while it ran; empty without {@code --load}
 */
public record StatementTrace(String location, String summary, long startMs, long durationMs, boolean scales,
                             List<ObservedLock> taken, boolean observed, List<String> rewrites, List<String> catalogChanges,
                             List<TableLock> predicted, List<Disagreement> disagreements, Optional<String> error,
                             Optional<LoadStats> load) {

    public StatementTrace {
        taken = List.copyOf(taken);
        rewrites = List.copyOf(rewrites);
        catalogChanges = List.copyOf(catalogChanges);
        predicted = List.copyOf(predicted);
        disagreements = List.copyOf(disagreements);
    }

    StatementTrace withLoad(LoadStats stats) {
        return new StatementTrace(location, summary, startMs, durationMs, scales, taken, observed, rewrites, catalogChanges, predicted,
                disagreements, error, Optional.of(stats));
    }
}
