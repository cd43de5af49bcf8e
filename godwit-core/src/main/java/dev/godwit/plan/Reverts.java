package dev.godwit.plan;

import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.MigrationSet;
import dev.godwit.migration.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out which down scripts revert which migrations, or why they cannot: a missing down script, a down
 * script edited since its migration was applied, a down script that does not parse. It is all or nothing:
 * one migration that cannot be reverted means none is, so the database never ends up between versions.
 */
public final class Reverts {

    private Reverts() {}

    /** A migration to revert. {@code recordedDownChecksum} null means "not recorded": nothing to compare. */
    public record Target(Version version, String label, String upScript, String recordedDownChecksum) {

        public static Target of(AppliedMigration row) {
            return new Target(row.version(), row.label(), row.script(), row.downChecksum());
        }

        public static Target of(MigrationScript applied) {
            return new Target(applied.version(), applied.label(), applied.script(), null);
        }
    }

    /** The down scripts to run, in order, or every reason they cannot run (then {@code downs} is empty). */
    public record Plan(List<PreparedMigration> downs, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public static Plan plan(List<Target> targets, MigrationSet files, MigrationPreparer preparer) {
        List<PreparedMigration> downs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Target t : targets) {
            MigrationScript down = files.down().get(t.version());
            if (down == null) {
                problems.add(t.label() + " (" + t.upScript() + ") has no down script, so nothing was reverted."
                        + " Write " + downName(t.upScript()) + ", or restore a backup taken before it was applied if there is"
                        + " one (`godwit backup list`)");
            } else if (t.recordedDownChecksum() != null && !t.recordedDownChecksum().equals(down.checksum())) {
                problems.add(down.script() + " was changed after " + t.label() + " was applied; review the change, then"
                        + " `godwit repair --accept-checksum " + t.version() + " --reason \"...\"` to accept it");
            } else {
                MigrationPreparer.Result r = preparer.prepare(down);
                r.migration().ifPresent(downs::add);
                problems.addAll(r.problems());
            }
        }
        return problems.isEmpty() ? new Plan(List.copyOf(downs), List.of()) : new Plan(List.of(), List.copyOf(problems));
    }

    /** The name a down script for {@code upScript} would have, in the same naming scheme. */
    public static String downName(String upScript) {
        int slash = upScript.lastIndexOf('/');
        String dir = upScript.substring(0, slash + 1);
        String file = upScript.substring(slash + 1);
        if (file.startsWith("V")) {
            return dir + "U" + file.substring(1);
        }
        return dir + file.replaceFirst("\\.up\\.sql$", ".down.sql");
    }

    /**
     * The applied versioned migrations that {@code rollback} may revert, most recently applied first: the
     * last history row of each version is an applied (or failed) versioned row. Baselines are never reverted.
     */
    public static List<AppliedMigration> revertible(List<AppliedMigration> history) {
        Map<Version, AppliedMigration> last = new LinkedHashMap<>();
        history.stream().sorted(Comparator.comparingInt(AppliedMigration::rank))
                .filter(r -> r.version() != null)
                .forEach(r -> last.put(r.version(), r));
        return last.values().stream().filter(r -> r.kind() == MigrationKind.VERSIONED)
                .sorted(Comparator.comparingInt(AppliedMigration::rank).reversed()).toList();
    }

    /** {@code --steps N} or {@code --to V} applied to {@link #revertible}. */
    public static List<AppliedMigration> select(List<AppliedMigration> revertible, Optional<Integer> steps,
                                                Optional<Version> to, List<String> problems) {
        if (to.isPresent()) {
            Optional<Version> current = revertible.stream().map(AppliedMigration::version).max(Comparator.naturalOrder());
            if (current.isPresent() && to.get().compareTo(current.get()) > 0) {
                // "Nothing to roll back" would hide a typo in --to: the database is not where the user thinks.
                problems.add("--to " + to.get() + " is above the current version " + current.get()
                        + ", so there is nothing to revert; `godwit status` shows what is applied");
                return List.of();
            }
            return revertible.stream().filter(r -> r.version().compareTo(to.get()) > 0).toList();
        }
        int n = steps.orElse(1);
        if (n > revertible.size()) {
            problems.add("--steps " + n + " asks for more than the " + revertible.size()
                    + " applied migration(s) that can be rolled back (baselines cannot)");
            return List.of();
        }
        return revertible.subList(0, n);
    }

    public static List<Target> targetsOf(List<MigrationScript> appliedThisRun) {
        List<Target> targets = new ArrayList<>();
        for (int i = appliedThisRun.size() - 1; i >= 0; i--) {
            MigrationScript m = appliedThisRun.get(i);
            if (m.kind() == MigrationKind.VERSIONED) {
                targets.add(Target.of(m));
            }
        }
        return targets;
    }
}
