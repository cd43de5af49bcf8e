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
        List<String> problems = new ArrayList<>();
        List<AppliedMigration> history = history(config, c, problems);
        return plan(config, history, target, phase, problems);
    }

    /**
     * The same again on a history that may have grown (another run applied migrations while this one waited for the
     * lock), with the files {@code earlier} read: what the lint gate judged is what runs, and 500 files are not read,
     * checksummed and parsed a second time.
     */
    public static Planned replan(Planned earlier, GodwitConfig config, Connection c, Optional<Version> target,
            Optional<Phase> phase) throws SQLException {
        List<String> problems = new ArrayList<>();
        List<AppliedMigration> history = history(config, c, problems);
        java.util.Map<MigrationScript, PreparedMigration> known = new java.util.IdentityHashMap<>();
        earlier.prepared().forEach(p -> known.put(p.script(), p));
        return plan(config, earlier.files(), history, target, phase, problems, known);
    }

    private static List<AppliedMigration> history(GodwitConfig config, Connection c, List<String> problems)
            throws SQLException {
        HistoryTable table = new HistoryTable(config.schema());
        Optional<String> format = table.formatProblem(c);
        format.ifPresent(problems::add);
        List<AppliedMigration> history = format.isPresent() ? List.of() : table.read(c);
        problems.addAll(dev.godwit.history.AppliedVersions.appliedTwice(history));
        return history;
    }

    /** The same without a database: for `plan` and `lint`-like uses where history is known to be empty. */
    public static Planned plan(GodwitConfig config, List<AppliedMigration> history, Optional<Version> target,
                               List<String> earlierProblems) {
        return plan(config, history, target, Optional.empty(), earlierProblems);
    }

    /** The same, for one phase ({@code Optional.empty()}: every phase). */
    public static Planned plan(GodwitConfig config, List<AppliedMigration> history, Optional<Version> target,
                               Optional<Phase> phase, List<String> earlierProblems) {
        return plan(config, MigrationScanner.scanLocations(config.locations(), config.format()), history, target,
                phase, earlierProblems, java.util.Map.of());
    }

    private static Planned plan(GodwitConfig config, MigrationSet files, List<AppliedMigration> history,
            Optional<Version> target, Optional<Phase> phase, List<String> earlierProblems,
            java.util.Map<MigrationScript, PreparedMigration> prepared) {
        List<String> problems = new ArrayList<>(earlierProblems);
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
        List<PreparedMigration> todo = new ArrayList<>();
        for (MigrationScript m : PhaseSelection.select(plan.pending(), phase, problems)) {
            PreparedMigration known = prepared.get(m);
            if (known != null) {
                todo.add(known);
                continue;
            }
            MigrationScript down = m.version() == null ? null : files.down().get(m.version());
            MigrationPreparer.Result r = preparer.prepare(m, down == null ? null : down.checksum());
            r.migration().ifPresent(todo::add);
            problems.addAll(r.problems());
        }
        return new Planned(files, history, plan, List.copyOf(todo), List.copyOf(problems));
    }
}
