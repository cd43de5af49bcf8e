package dev.godwit.plan;

import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.MigrationScript;

import dev.godwit.sql.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code migrate --phase expand|contract|all}: which pending migrations a run applies. Expand runs the expand
 * migrations (contract ones wait, and may run later although newer expands ran first); contract runs the contract
 * migrations, and refuses while an expand migration before one of them is still pending, since the contract
 * removes what the old application version used and the expand is what the new version needs.
 */
public final class PhaseSelection {

    private PhaseSelection() {}

    /**
     * @param phase    empty: every pending migration (teams that do not use phases)
     * @param problems where a contract migration that may not run yet is reported
     */
    public static List<MigrationScript> select(List<MigrationScript> pending, Optional<Phase> phase,
                                               List<String> problems) {
        if (phase.isEmpty()) {
            return pending;
        }
        List<MigrationScript> out = new ArrayList<>();
        MigrationScript firstExpand = null;
        for (MigrationScript m : pending) {
            Phase p = Phases.of(m);
            if (p == Phase.EXPAND && firstExpand == null && m.kind() == MigrationKind.VERSIONED) {
                firstExpand = m;
            }
            if (p != phase.get()) {
                continue;
            }
            if (p == Phase.CONTRACT && firstExpand != null) {
                problems.add(m.label() + " (" + m.script() + ") is a contract migration, but the expand migration "
                        + firstExpand.label() + " (" + firstExpand.script() + ") before it is still pending: run"
                        + " `godwit migrate --phase expand` first, roll out the application version it prepares"
                        + " for, then run the contract phase");
            }
            out.add(m);
        }
        return out;
    }
}
