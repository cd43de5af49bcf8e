package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.api.MigrateOptions;
import dev.godwit.api.RunResult;
import dev.godwit.migration.Version;
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

    @Option(names = "--skip-preflight", description = "Do not run the readiness checks first ([preflight]);"
            + " the audit log records that they were skipped.")
    boolean skipPreflight;

    @Option(names = "--phase", paramLabel = "expand|contract|all", description = "Only the migrations of this"
            + " phase (-- godwit:phase; expand by default): expand before the new application version rolls out,"
            + " contract after the old one is gone. Default: all.")
    String phase;

    @Option(names = "--out-of-order", description = "Apply pending migrations older than the newest applied one.")
    Boolean outOfOrder;

    @Override
    public Integer call() {
        Session s = session(new Session.CommandOverrides(lockTimeout, statementTimeout, lockWait, outOfOrder));
        Optional<Version> to = parseTarget(target);
        RunResult r = s.godwit().listening(new RunPrinter(out(), false, global().progressEvery(),
                System.console() != null && !out().json()))
                .migrate(new MigrateOptions(to, skipPreflight, parsePhase(phase)));
        return RunOutcomes.report(s, r);
    }

    /** {@code --phase}: expand, contract, or all (and absent) for every phase. */
    static Optional<dev.godwit.sql.Phase> parsePhase(String value) {
        try {
            return dev.godwit.sql.Phase.option(value);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, "--phase " + e.getMessage());
        }
    }

    static Optional<Version> parseTarget(String target) {
        return parseTarget("--target", target);
    }

    static Optional<Version> parseTarget(String option, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!Version.isValid(value)) {
            throw new CliFailure(ExitCodes.USAGE, option + " must be a version such as 3 or 1.2.3, not '" + value + "'");
        }
        return Optional.of(Version.parse(value));
    }
}
