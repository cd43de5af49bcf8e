package dev.godwit.lint.rules;

import static dev.godwit.lint.rules.DataRules.ident;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.StatementAnalysis;
import java.util.Optional;

/** DROP DATABASE: everything, outside any transaction, with no snapshot; WITH (FORCE) also ends its sessions. */
public final class DropDatabase implements Rule {

    @Override
    public String id() {
        return "drop-database";
    }

    @Override
    public Risk risk() {
        return Risk.CRITICAL;
    }

    @Override
    public String title() {
        return "Database dropped";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action.DropDatabase dd : statement.of(Action.DropDatabase.class)) {
            boolean force = statement.statement().words().contains("FORCE");
            out.add(this, "DROP DATABASE " + dd.database() + " removes the whole database and every row in it; it"
                    + " cannot run in a transaction, so nothing rolls it back, and Godwit cannot snapshot it"
                    + (force ? "; WITH (FORCE) also terminates every session connected to it"
                            + (context.pgVersion() < 13 ? " (and PostgreSQL " + context.pgVersion()
                                    + " does not know FORCE: the statement fails)" : "")
                            : "; it fails while any session is connected to it"),
                    Optional.empty(), Work.CATALOG, safer(dd.database()));
        }
    }

    private static String safer(String database) {
        String d = ident(database);
        return "-- not in a migration: back it up, verify the backup, stop new connections, and drop it by hand later\n"
                + "-- pg_dump --format=custom --dbname=" + d + " --file=" + database + ".dump && pg_restore --list "
                + database + ".dump > /dev/null\n"
                + "ALTER DATABASE " + d + " ALLOW_CONNECTIONS false;\n"
                + "-- after the retention period, by hand: DROP DATABASE " + d + ";";
    }
}
