package dev.godwit.cli.commands;

import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
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
        List<String> dropped = s.godwit().clean(yes);
        if (out().json()) {
            Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
            doc.put("droppedSchemas", dropped);
            out().result(doc);
        } else {
            out().line("Dropped " + String.join(", ", dropped) + " and created an empty public schema;"
                    + " the audit log was kept.");
        }
        return ExitCodes.OK;
    }
}
