package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.api.RollbackOptions;
import dev.godwit.api.RunResult;
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

    /** --steps and --to as options, or a usage error (exit 2); `plan --rollback` reads them the same way. */
    static RollbackOptions request(Integer steps, String to) {
        if (steps != null && to != null) {
            throw new CliFailure(ExitCodes.USAGE, "give --steps or --to, not both");
        }
        if (steps != null && steps < 1) {
            throw new CliFailure(ExitCodes.USAGE, "--steps must be 1 or more, not " + steps);
        }
        return new RollbackOptions(Optional.ofNullable(steps), MigrateCommand.parseTarget("--to", to));
    }

    @Override
    public Integer call() {
        RollbackOptions request = request(steps, to);
        Session s = session(new Session.CommandOverrides(lockTimeout, null, lockWait, null));
        RunResult r = s.godwit().listening(new RunPrinter(out(), true)).rollback(request);
        return RunOutcomes.report(s, r, true);
    }
}
