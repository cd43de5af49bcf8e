package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * INSERT, UPDATE or DELETE on a system catalog (pg_catalog, or a pg_ table named without a schema): it goes
 * around every check PostgreSQL makes ({@code UPDATE pg_index SET indisvalid = …} can make the planner use a
 * half-built index and return wrong rows), needs superuser, and may not survive an upgrade.
 */
public final class SystemCatalogWrite implements Rule {

    @Override
    public String id() {
        return "system-catalog-write";
    }

    @Override
    public Risk risk() {
        return Risk.CRITICAL;
    }

    @Override
    public String title() {
        return "Direct write to a system catalog";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action a : statement.actions()) {
            Optional<Relation> t = a instanceof Action.Update u ? Optional.of(u.table())
                    : a instanceof Action.Delete d ? Optional.of(d.table())
                    : a instanceof Action.Insert i ? Optional.of(i.table()) : Optional.empty();
            if (t.isEmpty() || !catalog(t.get())) {
                continue;
            }
            String name = t.get().display();
            out.add(this, statement.kind() + " " + name + " writes a system catalog directly: PostgreSQL's checks,"
                    + " locks and cache invalidations that the SQL command for the same change makes are skipped, so"
                    + " the database can give wrong answers or refuse to start; it needs superuser and may not"
                    + " survive an upgrade",
                    new TableLock(t.get(), LockMode.ROW_EXCLUSIVE), Work.ROWS,
                    "-- use the command that makes the change (e.g. REINDEX INDEX CONCURRENTLY, ALTER TABLE …,\n"
                            + "-- ALTER INDEX …, DROP INDEX CONCURRENTLY …); never write pg_catalog in a migration");
        }
    }

    /** pg_catalog.x, or an unqualified pg_x that is one of PostgreSQL's catalogs (pg_index, pg_class, …). */
    static boolean catalog(Relation r) {
        String schema = r.schema().map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        return schema.equals("pg_catalog") || schema.isEmpty() && r.name().startsWith("pg_");
    }
}
