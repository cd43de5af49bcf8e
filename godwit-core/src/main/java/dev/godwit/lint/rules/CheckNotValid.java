package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.ColumnDef;
import dev.godwit.sql.analysis.ConstraintDef;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CHECK added without NOT VALID reads every row under ACCESS EXCLUSIVE (a table's), or SHARE on every
 * table using the domain (a domain's); so does a CHECK written on a column added to an existing table.
 */
public final class CheckNotValid implements Rule {

    private static final Pattern NAMED = Pattern.compile("(?i)^\\s*CONSTRAINT\\s+(\\S+)");

    @Override
    public String id() {
        return "check-not-valid";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "CHECK constraint added without NOT VALID";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action a : statement.actions()) {
            if (a instanceof Action.AddConstraint k && k.constraint().kind() == ConstraintDef.Kind.CHECK
                    && !k.constraint().notValid() && !context.isNew(k.table())) {
                table(k.table(), k.constraint(), out);
            } else if (a instanceof Action.AddColumn ac && ac.column().check().isPresent()
                    && !context.isNew(ac.table())) {
                column(ac.table(), ac.column(), out);
            } else if (a instanceof Action.AlterDomainConstraint d && !d.notValid()
                    && d.constraint().toUpperCase(Locale.ROOT).contains("CHECK")
                    && !createdInFile(d.domain(), context)) {
                domain(d, out);
            }
        }
    }

    private void table(Relation table, ConstraintDef k, Findings out) {
        String t = table.display();
        String name = k.name().orElse(table.name() + "_check");
        String written = k.name().isPresent() ? k.written() : "CONSTRAINT " + name + " " + k.written();
        out.add(this, "CHECK without NOT VALID reads every row of " + t + " while holding ACCESS EXCLUSIVE: every"
                + " read and write of " + t + " waits until the whole table has been checked",
                new TableLock(table, LockMode.ACCESS_EXCLUSIVE), Work.SCAN, notValid(t, written, name));
    }

    private void column(Relation table, ColumnDef c, Findings out) {
        String t = table.display();
        String name = table.name() + "_" + c.name() + "_check";
        out.add(this, "ADD COLUMN " + c.name() + " … CHECK (" + c.check().get() + ") checks the new column in every"
                + " row of " + t + " while holding ACCESS EXCLUSIVE (a column constraint has no NOT VALID)",
                new TableLock(table, LockMode.ACCESS_EXCLUSIVE), Work.SCAN,
                "-- the column without its CHECK (catalog only with a constant default or none)\n"
                        + "ALTER TABLE " + t + " ADD COLUMN " + c.name() + " " + c.type().written()
                        + c.defaultExpr().map(d -> " DEFAULT " + d).orElse("") + ";\n"
                        + notValid(t, "CONSTRAINT " + name + " CHECK (" + c.check().get() + ")", name));
    }

    private void domain(Action.AlterDomainConstraint d, Findings out) {
        String name = d.domain().display();
        Matcher named = NAMED.matcher(d.constraint());
        String constraint = named.find() ? named.group(1) : "<name>";
        out.add(this, "ALTER DOMAIN " + name + " ADD … CHECK without NOT VALID reads every column of type " + name
                + " in every table, holding SHARE on each (their writes wait) until all are checked",
                Optional.empty(), Work.SCAN,
                "-- migration 1: catalog only; new values are checked from now on\n"
                        + "ALTER DOMAIN " + name + " ADD " + d.constraint() + " NOT VALID;\n"
                        + "-- migration 2, at a quiet time: VALIDATE on a domain still holds SHARE on each table\n"
                        + "ALTER DOMAIN " + name + " VALIDATE CONSTRAINT " + constraint + ";");
    }

    private static boolean createdInFile(Relation domain, LintContext context) {
        return context.earlierInFile().stream().flatMap(s -> s.of(Action.CreateDomain.class).stream())
                .anyMatch(c -> c.domain().sameAs(domain));
    }

    private static String notValid(String table, String constraint, String name) {
        return "-- migration 1: catalog only (ACCESS EXCLUSIVE for milliseconds); new and changed rows are checked\n"
                + "ALTER TABLE " + table + " ADD " + constraint + " NOT VALID;\n"
                + "-- migration 2: VALIDATE reads the table under SHARE UPDATE EXCLUSIVE: reads and writes go on\n"
                + "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name + ";";
    }
}
