package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.db.ConnectFailure;
import dev.godwit.execute.Rollback;
import dev.godwit.report.ReportCollector;
import dev.godwit.run.RunListener;
import dev.godwit.run.RunOutcome;
import java.sql.SQLException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rollback", description = "Revert the last applied migration (or --steps N, or everything above"
        + " --to VERSION) with its down script, newest first, each in its own transaction. Nothing is reverted"
        + " when one of them has no usable down script.")
public final class RollbackCommand extends BaseCommand {

    @Option(names = "--steps", paramLabel = "N", description = "How many applied migrations to revert (default 1).")
    Integer steps;

    @Option(names = "--to", paramLabel = "VERSION", description = "Revert every applied migration above this version.")
    String to;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "lock_timeout for each statement (default 1s).")
    String lockTimeout;

    @Option(names = "--lock-wait", paramLabel = "DURATION",
            description = "How long to wait for another run's migration lock (default 5m); then exit 3.")
    String lockWait;

    /** --steps and --to as a request, or a usage error (exit 2); `plan --rollback` reads them the same way. */
    static Rollback.Request request(Integer steps, String to) {
        if (steps != null && to != null) {
            throw new CliFailure(ExitCodes.USAGE, "give --steps or --to, not both");
        }
        if (steps != null && steps < 1) {
            throw new CliFailure(ExitCodes.USAGE, "--steps must be 1 or more, not " + steps);
        }
        return new Rollback.Request(Optional.ofNullable(steps), MigrateCommand.parseTarget("--to", to));
    }

    @Override
    public Integer call() throws SQLException, InterruptedException {
        Rollback.Request request = request(steps, to);
        Session s = session(new Session.CommandOverrides(lockTimeout, null, lockWait, null));
        RunOutcome outcome;
        ReportCollector report = new ReportCollector();
        try {
            outcome = new Rollback(s.setup(RunListener.both(new RunPrinter(out(), true), report), "rollback"))
                    .run(request);
        } catch (ConnectFailure e) {
            throw Session.connectFailure(e);
        }
        Reporting.write(s, "rollback", report, outcome);
        return RunOutcomes.report(s, outcome);
    }
}
