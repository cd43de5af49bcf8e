package dev.godwit.cli.commands;

import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.cli.ops.PreflightOutput;
import dev.godwit.preflight.PreflightReport;
import dev.godwit.preflight.Status;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "preflight", description = "Check that the database is ready for the pending migrations:"
        + " connections, replication lag, long and idle transactions, locks on the tables they touch, disk for"
        + " a backup, the newest backup's age, their lint verdict, INVALID indexes and NOT VALID constraints."
        + " Each PASS, WARN or FAIL with its numbers and threshold ([preflight]). Read-only. Exit 8 on a FAIL.")
public final class PreflightCommand extends BaseCommand {

    @Override
    public Integer call() throws SQLException {
        Session s = session();
        // Not being able to connect is the first thing a readiness check reports: a failed check, not an error.
        PreflightReport report = s.godwit().preflight();
        if (out().json()) {
            Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
            doc.putAll(PreflightOutput.json(report));
            out().result(doc);
        } else {
            out().line(out().bold("Preflight of") + " " + s.config().connection().display() + ": "
                    + PreflightOutput.word(out(), report.status()));
            PreflightOutput.print(out(), report, true);
        }
        return report.failed() ? ExitCodes.NOT_READY : ExitCodes.OK;
    }
}
