package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.ColumnDef;
import dev.godwit.sql.analysis.ConstraintDef;
import dev.godwit.sql.analysis.ForeignKey;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.ArrayList;
import java.util.List;

/**
 * A foreign key checked as it is added holds SHARE ROW EXCLUSIVE on both tables while it reads every row
 * (high). Even a foreign key that needs no check — on a new table, or a new column without a default — holds
 * SHARE ROW EXCLUSIVE on the referenced table until COMMIT: its writes wait (low).
 */
public final class ForeignKeyNotValid implements Rule {

    @Override
    public String id() {
        return "foreign-key-not-valid";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "Foreign key added without NOT VALID";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        List<Relation> referencedOnly = new ArrayList<>();
        for (Action a : statement.actions()) {
            if (a instanceof Action.AddConstraint k && k.constraint().kind() == ConstraintDef.Kind.FOREIGN_KEY
                    && !k.constraint().notValid() && k.constraint().references().isPresent()) {
                if (context.isNew(k.table())) {
                    referencedOnly.add(k.constraint().references().get().table());
                } else {
                    scan(k.table(), k.constraint(), k.constraint().references().get(), held(statement, k.table(),
                            context), held(statement, k.constraint().references().get().table(), context), out);
                }
            } else if (a instanceof Action.AddColumn ac && ac.column().references().isPresent()) {
                ForeignKey fk = ac.column().references().get();
                if (!context.isNew(ac.table()) && checksRows(ac.column())) {
                    scanNewColumn(ac.table(), ac.column(), fk, out);
                } else {
                    referencedOnly.add(fk.table()); // a new column of NULLs: PostgreSQL skips the check
                }
            } else if (a instanceof Action.CreateTable ct) {
                ct.foreignKeys().stream().map(ForeignKey::table).filter(r -> !r.sameAs(ct.table()))
                        .forEach(referencedOnly::add);
            }
        }
        referencedOnly.stream().filter(r -> !context.isNew(r)).map(Relation::display).distinct()
                .forEach(r -> referenced(statement, Relation.parse(r), context, out));
    }

    /** A new column with a default other than NULL: its foreign key is checked against every row. */
    private static boolean checksRows(ColumnDef c) {
        return c.defaultExpr().filter(d -> !d.trim().equalsIgnoreCase("null")).isPresent() || c.generated();
    }

    /**
     * The lock the whole statement holds on {@code table}: PostgreSQL takes the strongest of all sub-commands
     * first, so {@code DROP CONSTRAINT k, ADD CONSTRAINT k FOREIGN KEY …} checks rows under ACCESS EXCLUSIVE.
     */
    private static LockMode held(StatementAnalysis statement, Relation table, LintContext context) {
        LockMode m = LockMode.SHARE_ROW_EXCLUSIVE;
        for (TableLock l : statement.locks(context.pgVersion())) {
            if (l.relation().sameAs(table)) {
                m = m.max(l.mode());
            }
        }
        return m;
    }

    private void scan(Relation table, ConstraintDef k, ForeignKey fk, LockMode onTable, LockMode onRef,
            Findings out) {
        String t = table.display();
        String ref = fk.table().display();
        String name = k.name().orElse(table.name() + "_" + String.join("_", k.columns()) + "_fkey");
        String written = k.name().isPresent() ? k.written() : "CONSTRAINT " + name + " " + k.written();
        String held = onTable == onRef ? onTable.sqlName() + " on both"
                : onTable.sqlName() + " on " + t + " and " + onRef.sqlName() + " on " + ref;
        String blocked = onTable == LockMode.ACCESS_EXCLUSIVE || onRef == LockMode.ACCESS_EXCLUSIVE
                ? "no read or write of " + (onTable == onRef ? t + " or " + ref
                        : onTable == LockMode.ACCESS_EXCLUSIVE ? t : ref)
                        + " (the statement's other sub-commands need ACCESS EXCLUSIVE, and the check runs under it)"
                : "no INSERT, UPDATE or DELETE on " + t + " or " + ref;
        out.add(this, "FOREIGN KEY (" + String.join(", ", k.columns()) + ") REFERENCES " + ref + " without NOT VALID"
                + " checks every row of " + t + " against " + ref + " while holding " + held + ": " + blocked
                + " until the check ends",
                new TableLock(table, onTable), Work.SCAN, notValid(t, ref, written, name));
    }

    private void scanNewColumn(Relation table, ColumnDef c, ForeignKey fk, Findings out) {
        String t = table.display();
        String ref = fk.table().display();
        String name = table.name() + "_" + c.name() + "_fkey";
        String cols = fk.columns().isEmpty() ? "" : " (" + String.join(", ", fk.columns()) + ")";
        out.add(this, "ADD COLUMN " + c.name() + " REFERENCES " + ref + " with a default checks the default of every"
                + " row of " + t + " against " + ref + ", holding ACCESS EXCLUSIVE on " + t + " and SHARE ROW EXCLUSIVE"
                + " on " + ref + " until the check ends", new TableLock(table, LockMode.ACCESS_EXCLUSIVE), Work.SCAN,
                notValid(t, ref, "CONSTRAINT " + name + " FOREIGN KEY (" + c.name() + ") REFERENCES " + ref + cols,
                        name)
                        .replaceFirst("\n", "\nALTER TABLE " + t + " ADD COLUMN " + c.name() + " " + c.type().written()
                                + " DEFAULT " + c.defaultExpr().orElse("NULL") + ";\n"));
    }

    private static String notValid(String table, String ref, String constraint, String name) {
        return "-- migration 1: catalog only; new and changed rows are checked from now on\n"
                + "ALTER TABLE " + table + " ADD " + constraint + " NOT VALID;\n"
                + "-- migration 2: VALIDATE holds SHARE UPDATE EXCLUSIVE on " + table + " and ROW SHARE on " + ref
                + ": writes go on\n"
                + "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name + ";";
    }

    private void referenced(StatementAnalysis statement, Relation ref, LintContext context, Findings out) {
        String r = ref.display();
        out.add(Graded.at(this, Risk.LOW), statement.kind() + " with a foreign key to " + r + " takes SHARE ROW"
                + " EXCLUSIVE on " + r + " until " + (context.inTransaction() ? "the transaction commits" : "it ends")
                + ": it waits for the writes running on " + r + ", and new INSERT, UPDATE and DELETE on " + r
                + " queue behind it (NOT VALID does not change this lock)",
                new TableLock(ref, LockMode.SHARE_ROW_EXCLUSIVE), Work.CATALOG,
                "-- no lighter lock exists for this: keep the statement in a short migration, with nothing slow after"
                        + " it in the same transaction\n" + statement.statement().text() + ";");
    }
}
