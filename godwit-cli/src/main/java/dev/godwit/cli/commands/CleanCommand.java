package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.execute.Clean;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "clean", description = "Drop every schema in the database (development only). Refused unless"
        + " clean_disabled = false and --yes; always refused in the environment named production.")
public final class CleanCommand extends BaseCommand {

    @Option(names = "--yes", description = "Confirm that everything in the database may be dropped.")
    boolean yes;

    @Override
    public Integer call() throws SQLException, InterruptedException {
        Session s = session();
        Clean.refusal(s.config().migrate().cleanDisabled(), s.config().environment(), yes).ifPresent(why -> {
            throw new CliFailure(ExitCodes.USAGE, why);
        });
        List<String> dropped = Locking.run(s, (c, history) -> Clean.run(c));
        if (out().json()) {
            Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
            doc.put("droppedSchemas", dropped);
            out().result(doc);
        } else {
            out().line("Dropped schema(s) " + String.join(", ", dropped) + " and created an empty public schema.");
        }
        return ExitCodes.OK;
    }
}
