package dev.godwit.cli.commands;

import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.plan.Planner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(name = "validate", description = "Check the files against the history: checksums, missing, failed and"
        + " out-of-order migrations, and every pending file's SQL. Lists every problem; exit 4 if any.")
public final class ValidateCommand extends BaseCommand {

    @Override
    public Integer call() throws SQLException {
        Session s = session();
        {
            Planner.Planned p = s.godwit().validate();
            if (out().json()) {
                Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
                doc.put("valid", p.valid());
                doc.put("problems", ProblemJson.of(p.problems().stream().map(dev.godwit.run.Problem::of).toList()));
                doc.put("pending", p.plan().pending().size());
                out().result(doc);
            } else if (p.valid()) {
                out().line(out().green("valid") + ": " + p.files().versioned().size() + " versioned and "
                        + p.files().repeatable().size() + " repeatable migration(s) checked, "
                        + p.plan().pending().size() + " pending");
            } else {
                out().line(out().red("invalid") + ": " + p.problems().size() + " problem(s)");
                p.problems().forEach(problem -> out().line("  - " + problem.replace("\n", "\n    ")));
            }
            return p.valid() ? ExitCodes.OK : ExitCodes.VALIDATION;
        }
    }
}
