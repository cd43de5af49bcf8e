package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.audit.AuditAction;
import dev.godwit.execute.Clean;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        Optional<String> refusal = Clean.refusal(s.config().migrate().cleanDisabled(), s.config().environment(), yes);
        if (refusal.isPresent()) {
            recordRefusal(s, refusal.get());
            throw new CliFailure(ExitCodes.USAGE, refusal.get());
        }
        List<String> dropped = Locking.run(s, "clean", (c, history, audit) -> {
            List<String> gone = Clean.run(c, s.config().schema());
            audit.change(c, AuditAction.CLEAN, List.of("dropped " + String.join(", ", gone)));
            return gone;
        });
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

    /** A refused clean is worth a line in the audit log (where it can be written: the database may be down). */
    private void recordRefusal(Session s, String why) {
        try (java.sql.Connection c = s.connector().open()) {
            s.auditLog().append(c, AuditAction.CLEAN_REFUSED, s.runId(), null, s.actor(), Map.of("reason", why));
        } catch (java.sql.SQLException | dev.godwit.db.ConnectFailure e) {
            out().warn("the refused clean could not be recorded in the audit log: " + e.getMessage());
        }
    }
}
