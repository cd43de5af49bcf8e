package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action.AlterColumnType;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import dev.godwit.sql.analysis.TypeName;
import java.util.Optional;

/**
 * ALTER COLUMN … TYPE that rewrites the table under ACCESS EXCLUSIVE. The binary-compatible changes that
 * only touch the catalog (see {@link TypeChanges}) are not reported; when the old type is unknown it says so,
 * at medium, instead of guessing.
 */
public final class ColumnTypeChange implements Rule {

    @Override
    public String id() {
        return "column-type-change";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "Column type change that rewrites the table";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (AlterColumnType at : statement.of(AlterColumnType.class)) {
            if (!context.isNew(at.table())) {
                check(at, context, out);
            }
        }
    }

    private void check(AlterColumnType at, LintContext context, Findings out) {
        String col = at.table().display() + "." + at.column();
        TableLock lock = new TableLock(at.table(), LockMode.ACCESS_EXCLUSIVE);
        Optional<TypeName> old = context.columnType(at.table(), at.column());
        if (old.isEmpty()) {
            if (!at.convertsPlainly()) {
                out.add(this, col + " TYPE " + at.type().written() + " USING " + at.using().orElse("")
                        + ": the USING expression computes every value anew, so PostgreSQL rewrites "
                        + at.table().display() + " and rebuilds its indexes", lock, Work.REWRITE, expand(at));
                return;
            }
            out.add(Graded.at(this, Risk.MEDIUM), "old type of " + col + " unknown (no CREATE TABLE of "
                    + at.table().display() + " in the linted files, no database): TYPE " + at.type().written()
                    + " is a rewrite of the whole table under ACCESS EXCLUSIVE unless the change is binary compatible"
                    + " (varchar(n) → varchar(m ≥ n), varchar or text; text → varchar;"
                    + " numeric(p,s) → numeric(q ≥ p,s) or numeric; a timestamp/time precision raised)", lock,
                    Work.REWRITE, expand(at));
            return;
        }
        TypeChanges.Change change = TypeChanges.of(old.get(), at, context.pgVersion());
        String head = col + " " + old.get().written() + " → " + at.type().written() + ": ";
        switch (change.kind()) {
            case CATALOG -> { } // binary compatible: the catalog only
            case REWRITE -> out.add(this, head + "PostgreSQL rewrites " + at.table().display()
                    + " and rebuilds its indexes, because " + change.why(), lock, Work.REWRITE, expand(at));
            case INDEXES -> out.add(Graded.at(this, Risk.MEDIUM), head + "no rewrite, but " + change.why()
                    + " under ACCESS EXCLUSIVE", lock, Work.SCAN, expand(at));
            case UNKNOWN -> out.add(Graded.at(this, Risk.MEDIUM), head + "Godwit cannot tell: " + change.why(),
                    lock, Work.REWRITE, expand(at));
            case UTC_ONLY -> utcOnly(at, head, change, context, lock, out);
        }
    }

    /** timestamp ↔ timestamptz on PostgreSQL 12+: decided by the session's TimeZone when the statement runs. */
    private void utcOnly(AlterColumnType at, String head, TypeChanges.Change change, LintContext context,
            TableLock lock, Findings out) {
        String meaning = " Existing values are read as wall-clock times in that TimeZone: right only if they were"
                + " written in it.";
        if (TypeChanges.utcSession(context)) {
            out.add(Graded.at(this, Risk.LOW), head + "no rewrite, since the file sets TimeZone to UTC first, but"
                    + " every index on " + at.column() + " is rebuilt under ACCESS EXCLUSIVE." + meaning, lock,
                    Work.SCAN,
                    "-- no safer form: keep indexes on " + at.column() + " few, or build new ones CONCURRENTLY first");
            return;
        }
        out.add(Graded.at(this, Risk.MEDIUM), head + change.why() + "; this file does not set TimeZone, so it"
                + " depends on the server's (SHOW timezone)." + meaning, lock, Work.REWRITE,
                "-- make the session's TimeZone UTC in the same file, so that PostgreSQL 12+ skips the rewrite\n"
                        + "SET LOCAL TimeZone = 'UTC';\n"
                        + "ALTER TABLE " + at.table().display() + " ALTER COLUMN " + at.column() + " TYPE "
                        + at.type().written() + ";");
    }

    /** Expand and contract: a new column filled in the background, then a swap of names. */
    static String expand(AlterColumnType at) {
        String t = at.table().display();
        String c = at.column();
        String value = at.using().orElse(c + "::" + at.type().written());
        return "-- 1. a new column of the new type: catalog only\n"
                + "ALTER TABLE " + t + " ADD COLUMN " + c + "_new " + at.type().written() + ";\n"
                + "-- 2. keep it in step with a trigger that sets " + c + "_new from " + c + " on INSERT and UPDATE\n"
                + "-- 3. later migrations: backfill in batches\n"
                + "UPDATE " + t + " SET " + c + "_new = " + value + " WHERE id BETWEEN :from AND :to;\n"
                + "-- 4. one short migration: swap the names (and move defaults, constraints, indexes)\n"
                + "ALTER TABLE " + t + " RENAME COLUMN " + c + " TO " + c + "_old;\n"
                + "ALTER TABLE " + t + " RENAME COLUMN " + c + "_new TO " + c + ";";
    }
}
