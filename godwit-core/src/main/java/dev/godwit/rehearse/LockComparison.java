package dev.godwit.rehearse;

import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.TableLock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the linter's predicted locks for a statement with the ones PostgreSQL took. Only relations that
 * existed before the migration count (nobody else can wait for one the migration created). A mode the
 * backend already held from an earlier statement is not taken again, so a prediction that a mode held before
 * covers agrees. Indexes are compared only where the linter names one: PostgreSQL also locks a table's
 * indexes whenever it writes to the table. The analyser names an index where the lock falls on the index's
 * table (DROP INDEX: "ACCESS EXCLUSIVE on the index's table, named by the index here"; lint resolves the
 * table from the catalog), so a prediction on an index covers its table too.
 */
final class LockComparison {

    private LockComparison() {}

    /**
     * @param taken      the modes the statement took, per relation (new since before the statement)
     * @param heldBefore the modes held before the statement, per relation
     * @param existing   the relations that existed before the migration
     */
    static List<Disagreement> compare(List<TableLock> predicted, Map<Relations.Relation, Set<LockMode>> taken,
                                      Map<Relations.Relation, Set<LockMode>> heldBefore,
                                      java.util.Collection<Relations.Relation> existing) {
        List<Disagreement> out = new ArrayList<>();
        Set<Long> matched = new HashSet<>();
        for (TableLock p : predicted) {
            Optional<Relations.Relation> rel = find(p.relation(), existing);
            if (rel.isEmpty()) {
                continue; // a relation the migration created: nobody else can be waiting for it
            }
            matched.add(rel.get().oid());
            Optional<Relations.Relation> table = tableOf(rel.get(), existing);
            if (table.isPresent()) {
                matched.add(table.get().oid());
                LockMode onTable = strongest(taken.get(table.get())).orElse(null);
                if (onTable != null && onTable.compareTo(p.mode()) > 0) {
                    out.add(new Disagreement(table.get().display(), Optional.of(p.mode()), Optional.of(onTable),
                            blocksWrites(onTable)));
                }
                continue;
            }
            compareOne(p.mode(), rel.get(), taken, heldBefore).ifPresent(out::add);
        }
        taken.forEach((rel, modes) -> {
            if (rel.table() && !matched.contains(rel.oid()) && !modes.isEmpty()) {
                LockMode s = strongest(modes).get();
                out.add(new Disagreement(rel.display(), Optional.empty(), Optional.of(s), blocksWrites(s)));
            }
        });
        return out;
    }

    private static Optional<Disagreement> compareOne(LockMode p, Relations.Relation rel,
                                                     Map<Relations.Relation, Set<LockMode>> taken,
                                                     Map<Relations.Relation, Set<LockMode>> heldBefore) {
        Optional<LockMode> now = strongest(taken.get(rel));
        Optional<LockMode> before = strongest(heldBefore.get(rel));
        if (now.isPresent() && now.get().compareTo(p) > 0) {
            return Optional.of(new Disagreement(rel.display(), Optional.of(p), now, blocksWrites(now.get())));
        }
        boolean agrees = now.map(n -> n == p).orElse(false) || before.map(b -> b.compareTo(p) >= 0).orElse(false);
        return agrees ? Optional.empty() : Optional.of(new Disagreement(rel.display(), Optional.of(p), now, false));
    }

    private static Optional<LockMode> strongest(Set<LockMode> modes) {
        return modes == null ? Optional.empty() : modes.stream().max(Enum::compareTo);
    }

    /** SHARE and stronger conflict with ROW EXCLUSIVE: INSERT, UPDATE and DELETE wait. */
    static boolean blocksWrites(LockMode m) {
        return m.conflictsWith(LockMode.ROW_EXCLUSIVE);
    }

    private static Optional<Relations.Relation> tableOf(Relations.Relation index,
                                                        java.util.Collection<Relations.Relation> existing) {
        if (index.indexTable() == 0) {
            return Optional.empty();
        }
        return existing.stream().filter(r -> r.oid() == index.indexTable()).findFirst();
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
