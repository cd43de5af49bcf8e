package dev.godwit.plan;

import dev.godwit.config.GodwitConfig;
import dev.godwit.history.HistoryTable;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.MigrationPlan;
import dev.godwit.migration.MigrationScanner;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.MigrationSet;
import dev.godwit.migration.Version;
import dev.godwit.sql.Phase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the files and the history and works out what {@code migrate} would do, with every problem that
 * would stop it. {@code status}, {@code validate} and {@code plan} are this and nothing more; {@code migrate}
 * runs it once before taking the lock (to fail fast) and again under the lock (to act on fresh history).
 */
public final class Planner {

    private Planner() {}

    /**
     * @param prepared the pending migrations, parsed and ready to run, in order
     * @param problems everything that stops a migrate: files, history, and each pending file's SQL
     */
    public record Planned(MigrationSet files, List<AppliedMigration> history, MigrationPlan plan,
                          List<PreparedMigration> prepared, List<String> problems) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public static Planned plan(GodwitConfig config, Connection c, Optional<Version> target) throws SQLException {
        return plan(config, c, target, Optional.empty());
    }

    /** The same for one phase of an expand/contract release ({@code migrate --phase}); empty: every phase. */
    public static Planned plan(GodwitConfig config, Connection c, Optional<Version> target, Optional<Phase> phase)
            throws SQLException {
        HistoryTable table = new HistoryTable(config.schema());
        List<String> problems = new ArrayList<>();
        Optional<String> format = table.formatProblem(c);
        format.ifPresent(problems::add);
        List<AppliedMigration> history = format.isPresent() ? List.of() : table.read(c);
        problems.addAll(dev.godwit.history.AppliedVersions.appliedTwice(history));
        return plan(config, history, target, phase, problems);
    }

    /** The same without a database: for `plan` and `lint`-like uses where history is known to be empty. */
    public static Planned plan(GodwitConfig config, List<AppliedMigration> history, Optional<Version> target,
                               List<String> earlierProblems) {
        return plan(config, history, target, Optional.empty(), earlierProblems);
    }

    /** The same, for one phase ({@code Optional.empty()}: every phase). */
    public static Planned plan(GodwitConfig config, List<AppliedMigration> history, Optional<Version> target,
                               Optional<Phase> phase, List<String> earlierProblems) {
        List<String> problems = new ArrayList<>(earlierProblems);
        MigrationSet files = MigrationScanner.scanLocations(config.locations(), config.format());
        target.ifPresent(t -> {
            if (files.versioned(t).isEmpty() && history.stream().noneMatch(h -> t.equals(h.version()))) {
                problems.add("--target " + t + " names no migration; the versions found are "
                        + files.versioned().stream().map(m -> m.version().text()).toList());
            }
        });
        MigrationPlan plan = MigrationPlan.of(files, history,
                new MigrationPlan.Options(config.migrate().outOfOrder(), target, m -> Phases.of(m) == Phase.CONTRACT));
        problems.addAll(plan.problems());
        MigrationPreparer preparer = new MigrationPreparer(config.placeholders(), config.migrate());
        List<PreparedMigration> prepared = new ArrayList<>();
        for (MigrationScript m : PhaseSelection.select(plan.pending(), phase, problems)) {
            MigrationScript down = m.version() == null ? null : files.down().get(m.version());
            MigrationPreparer.Result r = preparer.prepare(m, down == null ? null : down.checksum());
            r.migration().ifPresent(prepared::add);
            problems.addAll(r.problems());
        }
        return new Planned(files, history, plan, List.copyOf(prepared), List.copyOf(problems));
    }
}
