package dev.godwit.rehearse;

import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.TableLock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the linter's predicted locks for a statement with the ones PostgreSQL took. Only relations that
 * existed before the migration count (nobody else can wait for one the migration created). A mode the
 * backend already held from an earlier statement is not taken again, so a prediction matching a mode held
 * before the statement agrees. Indexes are compared only where the linter names one (DROP INDEX, REINDEX):
 * PostgreSQL also locks a table's indexes whenever it writes to the table.
 */
final class LockComparison {

    private LockComparison() {}

    /**
     * @param taken    the modes the statement took, per relation (new since before the statement)
     * @param heldBefore the modes held before the statement, per relation
     */
    static List<Disagreement> compare(List<TableLock> predicted, Map<Relations.Relation, Set<LockMode>> taken,
                                      Map<Relations.Relation, Set<LockMode>> heldBefore,
                                      java.util.Collection<Relations.Relation> existing) {
        List<Disagreement> out = new ArrayList<>();
        List<Relations.Relation> matched = new ArrayList<>();
        for (TableLock p : predicted) {
            Optional<Relations.Relation> rel = find(p.relation(), existing);
            if (rel.isEmpty()) {
                continue; // a relation the migration created: nobody else can be waiting for it
            }
            matched.add(rel.get());
            Set<LockMode> now = taken.getOrDefault(rel.get(), EnumSet.noneOf(LockMode.class));
            Set<LockMode> before = heldBefore.getOrDefault(rel.get(), EnumSet.noneOf(LockMode.class));
            Optional<LockMode> strongest = now.stream().max(Enum::compareTo);
            boolean agrees = strongest.map(s -> s == p.mode()).orElse(before.contains(p.mode())
                    || before.stream().anyMatch(b -> b.compareTo(p.mode()) > 0));
            if (!agrees) {
                boolean missed = strongest.isPresent() && strongest.get().compareTo(p.mode()) > 0
                        && blocksWrites(strongest.get());
                out.add(new Disagreement(rel.get().display(), Optional.of(p.mode()), strongest, missed));
            }
        }
        taken.forEach((rel, modes) -> {
            if (rel.table() && !matched.contains(rel) && !modes.isEmpty()) {
                LockMode strongest = modes.stream().max(Enum::compareTo).get();
                out.add(new Disagreement(rel.display(), Optional.empty(), Optional.of(strongest),
                        blocksWrites(strongest)));
            }
        });
        return out;
    }

    /** SHARE and stronger conflict with ROW EXCLUSIVE: INSERT, UPDATE and DELETE wait. */
    static boolean blocksWrites(LockMode m) {
        return m.conflictsWith(LockMode.ROW_EXCLUSIVE);
    }

    private static Optional<Relations.Relation> find(Relation predicted,
                                                     java.util.Collection<Relations.Relation> existing) {
        // an unqualified name means the search path's first match: public first, as the defaults have it
        Optional<Relations.Relation> inPublic = Optional.empty();
        Optional<Relations.Relation> any = Optional.empty();
        for (Relations.Relation r : existing) {
            if (predicted.sameAs(new Relation(Optional.of(r.schema()), r.name()))) {
                if ("public".equals(r.schema())) {
                    inPublic = Optional.of(r);
                }
                any = any.isPresent() ? any : Optional.of(r);
            }
        }
        return inPublic.isPresent() ? inPublic : any;
    }
}
