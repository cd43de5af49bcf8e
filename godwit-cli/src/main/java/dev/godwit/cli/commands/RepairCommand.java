package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.history.Repair;
import dev.godwit.migration.Version;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "repair", description = "Remove the history rows of failed migrations; with --accept-checksum,"
        + " record the current checksum of an edited, applied migration. Says what it changed.")
public final class RepairCommand extends BaseCommand {

    @Option(names = "--accept-checksum", paramLabel = "VERSION",
            description = "Accept the file's current checksum for this applied version (needs --reason).")
    String acceptChecksum;

    @Option(names = "--reason", description = "Why the edit is acceptable; recorded in the history row.")
    String reason;

    @Override
    public Integer call() throws SQLException, InterruptedException {
        Optional<Repair.AcceptChecksum> accept = Optional.empty();
        if (acceptChecksum != null) {
            if (!Version.isValid(acceptChecksum)) {
                throw new CliFailure(ExitCodes.USAGE, "--accept-checksum takes a version such as 3, not '"
                        + acceptChecksum + "'");
            }
            if (reason == null || reason.isBlank()) {
                throw new CliFailure(ExitCodes.USAGE, "--accept-checksum needs --reason \"...\": say why the edited"
                        + " migration is acceptable; the reason is kept in the history");
            }
            accept = Optional.of(new Repair.AcceptChecksum(Version.parse(acceptChecksum), reason.strip(),
                    System.getProperty("user.name")));
        } else if (reason != null) {
            throw new CliFailure(ExitCodes.USAGE, "--reason goes with --accept-checksum");
        }
        Session s = session();
        Optional<Repair.AcceptChecksum> asked = accept;
        Repair.Result r = s.godwit().repair(asked);
        if (out().json()) {
            Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
            doc.put("changes", r.changes());
            out().result(doc);
        } else if (r.changes().isEmpty()) {
            out().line("Nothing to repair: no failed rows" + (asked.isPresent() ? "" : " (to accept an edited"
                    + " migration's checksum, use --accept-checksum VERSION --reason \"...\")") + ".");
        } else {
            out().line("Repaired " + s.config().schema() + ".history:");
            r.changes().forEach(change -> out().line("  - " + change));
        }
        return ExitCodes.OK;
    }
}
