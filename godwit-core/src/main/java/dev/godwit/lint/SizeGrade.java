package dev.godwit.lint;

import dev.godwit.config.Risk;
import java.util.Optional;
import java.util.Set;

/**
 * The gate's risk of a lock held for a scan or a rewrite, graded by the size the catalog reports: on a table of
 * a few hundred rows the same statement holds its lock for milliseconds (thresholds in {@link TableSize}). Only the rules whose hazard is how long
 * a lock lasts are graded, and only down; data loss is the same on a small table. Without a database (plain
 * {@code godwit lint}) no size is known and the rule's own risk stands. Every graded finding says the size.
 */
final class SizeGrade {

    /** Rules whose finding is a lock held while a table is read or written anew. */
    static final Set<String> RULES = Set.of("add-column-volatile-default", "create-index-not-concurrently",
            "set-not-null", "column-type-change", "reindex-not-concurrently", "vacuum-full-or-cluster",
            "foreign-key-not-valid", "check-not-valid", "validate-in-same-transaction", "unique-without-index",
            "exclude-constraint");

    private SizeGrade() {}

    static Finding graded(Finding f, SchemaModel schema) {
        if (!RULES.contains(f.rule()) || f.lock().isEmpty() || f.work() == Work.CATALOG) {
            return f;
        }
        Optional<TableSize> size = schema.table(f.lock().get().relation()).flatMap(TableModel::size);
        if (size.isEmpty()) {
            return f;
        }
        Risk bySize = size.get().small() ? Risk.LOW : size.get().medium() ? Risk.MEDIUM : f.risk();
        Risk risk = bySize.compareTo(f.risk()) < 0 ? bySize : f.risk();
        String table = f.lock().get().relation().display();
        String said = " (the catalog puts " + table + " at " + size.get().words()
                + (risk == f.risk() ? "" : ": " + (risk == Risk.LOW ? "milliseconds" : "well under a second")
                        + ", so " + risk.word() + " rather than " + f.risk().word()) + ")";
        return new Finding(f.rule(), risk, f.file(), f.line(), f.column(), f.statement(), f.message() + said,
                f.lock(), f.work(), f.safeAlternative(), f.allowedBecause());
    }
}
