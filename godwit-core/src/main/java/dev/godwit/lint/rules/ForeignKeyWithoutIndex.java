package dev.godwit.lint.rules;

import static dev.godwit.lint.rules.DataRules.ident;
import static dev.godwit.lint.rules.DataRules.table;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.lint.rules.DataRules.NewForeignKey;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.ColumnDef;
import dev.godwit.sql.analysis.ConstraintDef;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A new foreign key whose columns lead no index of the referencing table: every delete (or key update) of a
 * referenced row scans the referencing table. Indexes known before, made by the same statement, or created
 * later in the same file count.
 */
public final class ForeignKeyWithoutIndex implements Rule {

    @Override
    public String id() {
        return "foreign-key-without-index";
    }

    @Override
    public Risk risk() {
        return Risk.MEDIUM;
    }

    @Override
    public String title() {
        return "Foreign key without an index on its columns";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (NewForeignKey fk : DataRules.foreignKeys(statement, context)) {
            if (fk.columns().isEmpty() || indexed(fk, statement, context)) {
                continue;
            }
            String t = fk.table().display();
            String cols = String.join(", ", fk.columns());
            String parent = fk.references().table().display();
            out.add(this, t + " (" + cols + ") references " + parent + ", but no index of " + t + " leads with ("
                    + cols + "): every DELETE on " + parent + ", and every update of its key, scans " + t + " in full"
                    + " to find the referencing rows (and ON DELETE CASCADE / SET NULL change them the same way), once"
                    + " per parent row, while holding that row's lock",
                    new TableLock(fk.table(), LockMode.ROW_SHARE), Work.SCAN, safer(fk, context));
        }
    }

    private static boolean indexed(NewForeignKey fk, StatementAnalysis statement, LintContext context) {
        if (context.hasIndexLeadingWith(fk.table(), fk.columns())) {
            return true;
        }
        List<List<String>> indexes = new ArrayList<>(keysOf(statement, fk.table()));
        for (StatementAnalysis later : context.laterInFile()) {
            indexes.addAll(keysOf(later, fk.table()));
            for (Action.CreateIndex ix : later.of(Action.CreateIndex.class)) {
                if (ix.table().sameAs(fk.table()) && !ix.partial()) {
                    indexes.add(ix.columns()); // a partial index may not serve the lookup
                }
            }
        }
        return indexes.stream().anyMatch(ix -> leads(ix, fk.columns()));
    }

    /** The primary keys and unique constraints a statement gives {@code table}: each has an index. */
    private static List<List<String>> keysOf(StatementAnalysis statement, Relation table) {
        List<List<String>> keys = new ArrayList<>();
        for (Action a : statement.actions()) {
            if (a instanceof Action.CreateTable ct && ct.table().sameAs(table)) {
                for (ColumnDef c : ct.columns()) {
                    if (c.primaryKey() || c.unique()) {
                        keys.add(List.of(c.name()));
                    }
                }
                ct.constraints().stream().filter(ForeignKeyWithoutIndex::hasIndex).forEach(k -> keys.add(k.columns()));
            } else if (a instanceof Action.AddColumn ac && ac.table().sameAs(table)
                    && (ac.column().primaryKey() || ac.column().unique())) {
                keys.add(List.of(ac.column().name()));
            } else if (a instanceof Action.AddConstraint k && k.table().sameAs(table) && hasIndex(k.constraint())) {
                keys.add(k.constraint().columns());
            }
        }
        return keys;
    }

    private static boolean hasIndex(ConstraintDef k) {
        return k.kind() == ConstraintDef.Kind.PRIMARY_KEY || k.kind() == ConstraintDef.Kind.UNIQUE;
    }

    /** True when the index's first columns are the key's columns, in any order. */
    private static boolean leads(List<String> index, List<String> columns) {
        return index.size() >= columns.size()
                && new HashSet<>(index.subList(0, columns.size())).equals(new HashSet<>(columns));
    }

    private static String safer(NewForeignKey fk, LintContext context) {
        String name = fk.table().name() + "_" + String.join("_", fk.columns()) + "_idx";
        name = ident(name.length() > 63 ? name.substring(0, 63) : name);
        String on = table(fk.table()) + " (" + fk.columnList() + ");";
        if (fk.createdWith().isPresent() || context.isNew(fk.table())) {
            return "-- the table is new: index it in the same file, no CONCURRENTLY needed\n"
                    + "CREATE INDEX " + name + " ON " + on;
        }
        return "-- best before the foreign key, in a file of its own (CONCURRENTLY runs outside a transaction);"
                + " an index created later in the same file as the key counts too\n"
                + "CREATE INDEX CONCURRENTLY " + name + " ON " + on;
    }
}
