package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action.Reindex;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.Optional;

/**
 * REINDEX without CONCURRENTLY: SHARE on the table and ACCESS EXCLUSIVE on each index it rebuilds. Writes
 * wait, and so do reads: the planner locks every index of a table it plans a query on.
 */
public final class ReindexNotConcurrently implements Rule {

    @Override
    public String id() {
        return "reindex-not-concurrently";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "REINDEX without CONCURRENTLY";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Reindex r : statement.of(Reindex.class)) {
            if (r.concurrently()) {
                continue;
            }
            Optional<Relation> table = r.target().equals("TABLE") ? Optional.of(r.name())
                    : r.target().equals("INDEX") ? context.tableOfIndex(r.name()) : Optional.empty();
            if (table.isPresent() && context.isNew(table.get())) {
                continue;
            }
            out.add(this, what(r, table) + ": writes wait, and so do reads, since planning any query on a table locks"
                    + " all its indexes — until every index is rebuilt", lock(r, table), Work.SCAN,
                    safer(r, context.pgVersion()));
        }
    }

    private static String what(Reindex r, Optional<Relation> table) {
        String name = r.name().display();
        return switch (r.target()) {
            case "INDEX" -> "REINDEX INDEX " + name + " takes ACCESS EXCLUSIVE on " + name + " and SHARE on "
                    + table.map(Relation::display).orElse("its table");
            case "TABLE" -> "REINDEX TABLE " + name + " takes SHARE on " + name + " and ACCESS EXCLUSIVE on each of"
                    + " its indexes in turn";
            default -> "REINDEX " + r.target() + " " + name + " takes SHARE on every table in it and ACCESS"
                    + " EXCLUSIVE on each index in turn";
        };
    }

    private static Optional<TableLock> lock(Reindex r, Optional<Relation> table) {
        if (r.target().equals("INDEX")) {
            return Optional.of(new TableLock(r.name(), LockMode.ACCESS_EXCLUSIVE));
        }
        return table.map(t -> new TableLock(t, LockMode.SHARE));
    }

    private static String safer(Reindex r, int pgVersion) {
        String name = r.name().display();
        if (r.target().equals("SYSTEM")) {
            return "-- REINDEX SYSTEM has no concurrent form: run it in a maintenance window, not in a migration";
        }
        if (pgVersion < 12) {
            String index = r.target().equals("INDEX") ? r.name().name() : "<index>";
            return "-- PostgreSQL before 12 has no REINDEX CONCURRENTLY: build a twin of "
                    + (r.target().equals("INDEX") ? "the index" : "each index")
                    + " and swap, each step in a file of its own\n"
                    + "CREATE INDEX CONCURRENTLY " + index + "_new ON <table> (<the same columns>);\n"
                    + "DROP INDEX CONCURRENTLY " + index + ";\n"
                    + "ALTER INDEX " + index + "_new RENAME TO " + index + ";\n"
                    + "-- (an index behind a constraint cannot be swapped so: rebuild it in a maintenance window)";
        }
        return "-- in a file of its own (CONCURRENTLY runs outside a transaction); reads and writes go on\n"
                + "REINDEX " + r.target() + " CONCURRENTLY " + name + ";";
    }
}
