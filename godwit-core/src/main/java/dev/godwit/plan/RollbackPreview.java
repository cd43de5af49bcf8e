package dev.godwit.plan;

import dev.godwit.config.GodwitConfig;
import dev.godwit.history.HistoryTable;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.MigrationScanner;
import dev.godwit.migration.MigrationSet;
import dev.godwit.migration.Version;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a rollback would run (for {@code plan --rollback} too): the down scripts in order, the migrations they
 * revert, and every problem that stops it. {@code to} wins over {@code steps}; neither means one step.
 */
public record RollbackPreview(MigrationSet files, List<AppliedMigration> history, List<AppliedMigration> reverts,
                              List<PreparedMigration> downs, List<String> problems) {

    public static RollbackPreview of(GodwitConfig config, Connection c, Optional<Integer> steps, Optional<Version> to)
            throws SQLException {
        HistoryTable table = new HistoryTable(config.schema());
        MigrationSet files = MigrationScanner.scanLocations(config.locations(), config.format());
        List<String> problems = new ArrayList<>();
        table.formatProblem(c).ifPresent(problems::add);
        files.problems().forEach(p -> problems.add(p.toString()));
        List<AppliedMigration> history = problems.isEmpty() ? table.read(c) : List.of();
        List<AppliedMigration> reverts = Reverts.select(Reverts.revertible(history), steps, to, problems);
        if (!problems.isEmpty()) {
            return new RollbackPreview(files, history, List.of(), List.of(), problems);
        }
        Reverts.Plan plan = Reverts.plan(reverts.stream().map(Reverts.Target::of).toList(), files,
                new MigrationPreparer(config.placeholders(), config.migrate()));
        return new RollbackPreview(files, history, reverts, plan.downs(), plan.problems());
    }
}
