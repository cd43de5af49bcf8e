package dev.godwit.lint.rules;

import dev.godwit.lint.LintContext;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.ColumnDef;
import dev.godwit.sql.analysis.ConstraintDef;
import dev.godwit.sql.analysis.StatementAnalysis;
import java.util.Optional;

/**
 * How long a statement keeps PostgreSQL busy on existing tables — the {@link Work} of each action — for the
 * rules that ask what a statement adds to a lock that is already held. Empty when Godwit cannot tell.
 */
final class Effects {

    private Effects() {}

    /** The heaviest work of the statement's actions; empty when one of them is not analysed. */
    static Optional<Work> of(StatementAnalysis statement, LintContext context) {
        Work heaviest = Work.CATALOG;
        for (Action a : statement.actions()) {
            Optional<Work> w = of(a, context);
            if (w.isEmpty()) {
                return Optional.empty();
            }
            heaviest = w.get().compareTo(heaviest) > 0 ? w.get() : heaviest;
        }
        return Optional.of(heaviest);
    }

    /** True when the work reads or writes the whole table (or rows), not only the catalog. */
    static boolean heavy(Work w) {
        return w != Work.CATALOG;
    }

    static Optional<Work> of(Action a, LintContext context) {
        if (a instanceof Action.Unanalysed) {
            return Optional.empty();
        }
        if (a instanceof Action.Update u) {
            return Optional.of(context.isNew(u.table()) ? Work.CATALOG : Work.ROWS);
        }
        if (a instanceof Action.Delete d) {
            return Optional.of(context.isNew(d.table()) ? Work.CATALOG : Work.ROWS);
        }
        if (a instanceof Action.Insert i) {
            return Optional.of(i.fromQuery() ? Work.ROWS : Work.CATALOG);
        }
        return Optional.of(tableWork(a, context));
    }

    private static Work tableWork(Action a, LintContext context) {
        if (a instanceof Action.AddColumn ac) {
            return context.isNew(ac.table()) ? Work.CATALOG : addColumn(ac.column(), context);
        }
        if (a instanceof Action.AlterColumnType at) {
            return context.isNew(at.table()) ? Work.CATALOG : typeChange(at, context);
        }
        if (a instanceof Action.SetNotNull sn) {
            return context.isNew(sn.table()) || context.notNullProven(sn.table(), sn.column()) ? Work.CATALOG
                    : Work.SCAN;
        }
        if (a instanceof Action.AddConstraint k) {
            return context.isNew(k.table()) ? Work.CATALOG : constraint(k.constraint());
        }
        if (a instanceof Action.ValidateConstraint v) {
            return context.isNew(v.table()) ? Work.CATALOG : Work.SCAN;
        }
        if (a instanceof Action.CreateIndex ix) {
            return context.isNew(ix.table()) ? Work.CATALOG : Work.SCAN;
        }
        if (a instanceof Action.Reindex || a instanceof Action.AttachPartition) {
            return Work.SCAN;
        }
        if (a instanceof Action.Vacuum v) {
            return v.full() ? Work.REWRITE : Work.SCAN;
        }
        if (a instanceof Action.Cluster) {
            return Work.REWRITE;
        }
        if (a instanceof Action.OtherAlterTable o) {
            return o.rewrites() && !context.isNew(o.table()) ? Work.REWRITE : Work.CATALOG;
        }
        if (a instanceof Action.AlterDomainConstraint d) {
            return d.notValid() ? Work.CATALOG : Work.SCAN;
        }
        return Work.CATALOG;
    }

    private static Work addColumn(ColumnDef c, LintContext context) {
        if (AddColumnVolatileDefault.rewrites(c, context)) {
            return Work.REWRITE;
        }
        boolean validatedReference = c.references().isPresent() && c.defaultExpr().isPresent()
                && !c.defaultExpr().get().trim().equalsIgnoreCase("null");
        return c.check().isPresent() || c.unique() || c.primaryKey() || validatedReference
                || c.notNull() && !c.hasValueForExistingRows() ? Work.SCAN : Work.CATALOG;
    }

    private static Work typeChange(Action.AlterColumnType at, LintContext context) {
        return context.columnType(at.table(), at.column()).map(old -> {
            TypeChanges.Change change = TypeChanges.of(old, at, context.pgVersion());
            return switch (change.kind()) {
                case CATALOG -> Work.CATALOG;
                case INDEXES -> Work.SCAN;
                case UTC_ONLY -> TypeChanges.utcSession(context) ? Work.SCAN : Work.REWRITE;
                case REWRITE, UNKNOWN -> Work.REWRITE;
            };
        }).orElse(Work.REWRITE); // an old type Godwit does not know: the rewrite it would most often be
    }

    private static Work constraint(ConstraintDef k) {
        if (k.notValid() || k.usingIndex().isPresent()) {
            return Work.CATALOG; // PRIMARY KEY USING INDEX on nullable columns scans: the index's columns are unknown
        }
        return Work.SCAN;
    }
}
