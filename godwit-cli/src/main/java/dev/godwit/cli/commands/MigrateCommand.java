package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.db.ConnectFailure;
import dev.godwit.execute.Migrate;
import dev.godwit.execute.MigrateOutcome;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.Version;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", description = "Validate, take the migration lock, and apply the pending migrations,"
        + " each in its own transaction under a short lock_timeout, retrying when a lock is not free.")
public final class MigrateCommand extends BaseCommand {

    @Option(names = "--target", paramLabel = "VERSION", description = "Apply up to and including this version.")
    String target;

    @Option(names = "--lock-timeout", paramLabel = "DURATION",
            description = "lock_timeout for each statement (default 1s); a file can set its own.")
    String lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION",
            description = "statement_timeout for each statement (default 0: none).")
    String statementTimeout;

    @Option(names = "--lock-wait", paramLabel = "DURATION",
            description = "How long to wait for another run's migration lock (default 5m); then exit 3.")
    String lockWait;

    @Option(names = "--out-of-order", description = "Apply pending migrations older than the newest applied one.")
    Boolean outOfOrder;

    @Override
    public Integer call() throws SQLException, InterruptedException {
        Session s = session(new Session.CommandOverrides(lockTimeout, statementTimeout, lockWait, outOfOrder));
        Optional<Version> to = parseTarget(target);
        MigrateOutcome outcome;
        try {
            outcome = new Migrate(s.config(), s.connector(), new RunPrinter(out()), s.requester()).run(to);
        } catch (ConnectFailure e) {
            throw Session.connectFailure(e);
        }
        if (out().json()) {
            out().result(json(s, outcome));
        }
        return report(outcome);
    }

    static Optional<Version> parseTarget(String target) {
        if (target == null) {
            return Optional.empty();
        }
        if (!Version.isValid(target)) {
            throw new CliFailure(ExitCodes.USAGE, "--target must be a version such as 3 or 1.2.3, not '" + target + "'");
        }
        return Optional.of(Version.parse(target));
    }

    private int report(MigrateOutcome outcome) {
        if (outcome instanceof MigrateOutcome.Done) {
            return ExitCodes.OK;
        }
        if (outcome instanceof MigrateOutcome.Invalid i) {
            out().error("nothing was applied: " + i.problems().size() + " problem(s) must be fixed first\n  - "
                    + String.join("\n  - ", i.problems()));
            return ExitCodes.VALIDATION;
        }
        if (outcome instanceof MigrateOutcome.LockTimedOut t) {
            out().error("nothing was applied: " + t.cause().getMessage());
            return ExitCodes.LOCK_TIMEOUT;
        }
        MigrateOutcome.Failed f = (MigrateOutcome.Failed) outcome;
        out().error(f.failed().label() + " failed at " + f.failure().describe()
                + (f.appliedBefore().isEmpty() ? ""
                        : "\n  applied before it in this run, and still applied: " + labels(f.appliedBefore())));
        return ExitCodes.FAILED;
    }

    private static String labels(List<MigrationScript> list) {
        return String.join(", ", list.stream().map(MigrationScript::label).toList());
    }

    private static Map<String, Object> json(Session s, MigrateOutcome outcome) {
        Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
        doc.put("runId", s.runId());
        if (outcome instanceof MigrateOutcome.Done d) {
            doc.put("outcome", d.applied().isEmpty() ? "up-to-date" : "applied");
            doc.put("applied", d.applied().stream().map(MigrationScript::script).toList());
            doc.put("current", d.current().map(Object::toString).orElse(null));
        } else if (outcome instanceof MigrateOutcome.Invalid i) {
            doc.put("outcome", "invalid");
            doc.put("problems", i.problems());
        } else if (outcome instanceof MigrateOutcome.LockTimedOut t) {
            doc.put("outcome", "lock-timeout");
            doc.put("message", t.cause().getMessage());
            doc.put("lock", t.cause().holder().map(StatusCommand::lockJson).orElse(null));
        } else if (outcome instanceof MigrateOutcome.Failed f) {
            doc.put("outcome", "failed");
            doc.put("failed", f.failed().script());
            doc.put("location", f.failure().location());
            doc.put("message", f.failure().message());
            doc.put("sqlState", f.failure().sqlState());
            doc.put("rolledBack", f.failure().rolledBack());
            doc.put("leftBehind", f.failure().leftBehind());
            doc.put("appliedBefore", f.appliedBefore().stream().map(MigrationScript::script).toList());
        }
        return doc;
    }
}
