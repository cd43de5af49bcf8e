package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.report.RunReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = "Print the report of a migrate or rollback run (the newest, or RUN_ID),"
        + " from the [report] dir; --json prints its JSON form.")
public final class ReportCommand extends BaseCommand {

    @Parameters(arity = "0..1", paramLabel = "RUN_ID", description = "The run id, or its first characters.")
    String runId;

    @Override
    public Integer call() throws IOException {
        Session s = session();
        Path dir = s.config().reportDir();
        Optional<Path> file = RunReports.find(dir, Optional.ofNullable(runId), out().json() ? ".json" : ".md");
        if (file.isEmpty()) {
            throw new CliFailure(ExitCodes.USAGE, (runId == null ? "no run reports" : "no run report for run " + runId)
                    + " in " + dir + "; reports are written by migrate and rollback runs that change something");
        }
        String text = Files.readString(file.get());
        if (out().json()) {
            out().result(new com.fasterxml.jackson.databind.ObjectMapper().readTree(text));
        } else {
            out().line(text.stripTrailing());
        }
        return ExitCodes.OK;
    }
}
