package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action.AddColumn;
import dev.godwit.sql.analysis.ColumnDef;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;

/**
 * ADD COLUMN … NOT NULL (or PRIMARY KEY) with no value for the rows already there — no default, not
 * generated, not serial — fails on the first existing row: it only works while the table is empty.
 */
public final class AddColumnNotNullWithoutDefault implements Rule {

    @Override
    public String id() {
        return "add-column-not-null-without-default";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "NOT NULL column added to an existing table without a default";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (AddColumn add : statement.of(AddColumn.class)) {
            ColumnDef c = add.column();
            if (context.isNew(add.table()) || !c.notNull() || c.hasValueForExistingRows()) {
                continue;
            }
            String table = add.table().display();
            out.add(this, "ADD COLUMN " + c.name() + " " + c.type().written()
                    + (c.primaryKey() ? " PRIMARY KEY" : " NOT NULL")
                    + " gives the rows already in " + table + " no value: PostgreSQL reads " + table
                    + " under ACCESS EXCLUSIVE and fails on the first row (\"column " + c.name() + " … contains null"
                    + " values\"); it only succeeds while " + table + " is empty",
                    new TableLock(add.table(), LockMode.ACCESS_EXCLUSIVE), Work.SCAN,
                    c.primaryKey() ? saferKey(table, c) : safer(table, c, context.pgVersion()));
        }
    }

    private static String saferKey(String table, ColumnDef c) {
        String index = Relation.parse(table).name() + "_" + c.name() + "_key";
        return "-- a new key needs a value of its own in every row: add it NULL (catalog only)\n"
                + "ALTER TABLE " + table + " ADD COLUMN " + c.name() + " " + c.type().written() + ";\n"
                + "-- later migrations: fill it in batches, make it NOT NULL (set-not-null pattern), then\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY " + index + " ON " + table + " (" + c.name() + ");\n"
                + "ALTER TABLE " + table + " ADD PRIMARY KEY USING INDEX " + index + ";";
    }

    private static String safer(String table, ColumnDef c, int pgVersion) {
        String type = c.type().written();
        String backfill = "ALTER TABLE " + table + " ADD COLUMN " + c.name() + " " + type + ";\n"
                + "UPDATE " + table + " SET " + c.name() + " = <value> WHERE " + c.name()
                + " IS NULL AND id BETWEEN :from AND :to;";
        String then = "-- then make it NOT NULL with the set-not-null pattern"
                + " (CHECK … NOT VALID, VALIDATE, SET NOT NULL)";
        if (pgVersion < 11) {
            return "-- before PostgreSQL 11 any default rewrites the table: add the column NULL, backfill it in\n"
                    + "-- batches in later migrations\n" + backfill + "\n" + then;
        }
        return "-- a constant default is stored once in the catalog (PostgreSQL 11+): no rewrite, no failure\n"
                + "ALTER TABLE " + table + " ADD COLUMN " + c.name() + " " + type + " NOT NULL DEFAULT <constant>;\n"
                + "-- then, if new rows must always give their own value:\n"
                + "ALTER TABLE " + table + " ALTER COLUMN " + c.name() + " DROP DEFAULT;\n"
                + "-- or, when no constant fits: add it NULL and backfill it in batches in later migrations\n"
                + backfill + "\n" + then;
    }
}
