package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.cli.rehearse.RehearsalJson;
import dev.godwit.cli.rehearse.RehearsalText;
import dev.godwit.cli.rehearse.RowProgress;
import dev.godwit.config.ConfigException;
import dev.godwit.config.ConnectionUrls;
import dev.godwit.db.ConnectionSettings;
import dev.godwit.rehearse.HtmlReport;
import dev.godwit.rehearse.Rehearsal;
import dev.godwit.rehearse.RehearsalException;
import dev.godwit.rehearse.RehearsalResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rehearse", description = "Run the pending migrations on a throwaway PostgreSQL and report what"
        + " really happens: each statement's locks, rewrites, catalog changes and duration against the linter's"
        + " prediction, the rollback tested against the schema before, and (with --load) the impact on live"
        + " traffic. The target is only read. Exit 1 when a statement failed, 5 when a blocking lock the linter"
        + " missed or a rollback that does not restore the schema was found.")
public final class RehearseCommand extends BaseCommand {

    @Option(names = "--from", paramLabel = "scratch|target", description = "Starting state: the target's schema"
            + " (schema-only pg_dump, history copied) or the applied migrations run on an empty database."
            + " Default: target when it can be reached, else scratch.")
    String from;

    @Option(names = "--shadow-url", paramLabel = "URL", description = "A PostgreSQL server to create the throwaway"
            + " database on (and drop it after), instead of the embedded PostgreSQL 15.")
    String shadowUrl;

    @Option(names = "--pg-version", paramLabel = "N", description = "The major to rehearse on when the target cannot"
            + " be reached (the embedded server is 15; others need --shadow-url).")
    Integer pgVersion;

    @Option(names = "--rows", paramLabel = "small|medium|large|N", description = "Synthetic rows per table before"
            + " the trace: small 1,000, medium 100,000, large 1,000,000, or a number.")
    String rows;

    @Option(names = "--sample", paramLabel = "N", description = "Copy up to N rows per table from the target instead.")
    Integer sample;

    @Option(names = "--load", paramLabel = "C", description = "C concurrent clients reading and writing the touched"
            + " tables during the trace.")
    Integer load;

    @Option(names = "--target", paramLabel = "VERSION", description = "Rehearse the pending migrations up to this version.")
    String target;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report with a lock"
            + " timeline.")
    Path html;

    @Override
    public Integer call() throws SQLException, InterruptedException {
        Rehearsal.Options options = options();
        Session s = session();
        PrintWriter err = spec.commandLine().getErr();
        RehearsalResult result;
        try (RowProgress bar = RowProgress.of(!out().json() && System.console() != null)) {
            Rehearsal.Progress progress = new Rehearsal.Progress() {
                @Override
                public void step(String what) {
                    err.println(out().safe("rehearse: " + what));
                    err.flush();
                }

                @Override
                public void rows(long done, long total) {
                    bar.update(done, total);
                }
            };
            result = s.godwit().rehearse(options, progress);
        }
        if (html != null) {
            writeHtml(result);
        }
        if (out().json()) {
            out().result(RehearsalJson.of(s, result));
        } else {
            RehearsalText.print(out(), result);
        }
        return exitCode(result);
    }

    static int exitCode(RehearsalResult r) {
        if (!r.problems().isEmpty()) {
            return ExitCodes.VALIDATION;
        }
        if (r.statementFailed()) {
            return ExitCodes.FAILED;
        }
        if (r.missedBlockingLock() || r.rollback().doesNotRestore()) {
            return ExitCodes.SAFETY_GATE;
        }
        return r.reapplyFailed() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private void writeHtml(RehearsalResult r) {
        try {
            Path parent = html.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(html, HtmlReport.render(r), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILED, "could not write the HTML report " + html + ": " + e.getMessage());
        }
    }

    private Rehearsal.Options options() {
        Optional<Rehearsal.From> f = Optional.empty();
        if (from != null) {
            switch (from.toLowerCase(Locale.ROOT)) {
                case "scratch" -> f = Optional.of(Rehearsal.From.SCRATCH);
                case "target" -> f = Optional.of(Rehearsal.From.TARGET);
                default -> throw new CliFailure(ExitCodes.USAGE, "--from takes scratch or target, not '" + from + "'");
            }
        }
        if (sample != null && rows != null) {
            throw new CliFailure(ExitCodes.USAGE, "give --rows or --sample, not both");
        }
        if (sample != null && sample < 1 || load != null && (load < 1 || load > 64)) {
            throw new CliFailure(ExitCodes.USAGE, sample != null && sample < 1 ? "--sample must be 1 or more"
                    : "--load takes 1 to 64 clients");
        }
        return new Rehearsal.Options(f, shadow(), Optional.ofNullable(pgVersion), rows(rows),
                sample == null ? 0 : sample, load == null ? 0 : load, MigrateCommand.parseTarget(target));
    }

    private Optional<ConnectionSettings> shadow() {
        if (shadowUrl == null) {
            return Optional.empty();
        }
        try {
            ConnectionSettings c = ConnectionUrls.parse(shadowUrl, "--shadow-url", System.getenv(),
                    Path.of(System.getProperty("user.home")));
            if (c.password() != null) {
                out().addSecrets(java.util.List.of(c.password()));
            }
            return Optional.of(c);
        } catch (ConfigException e) {
            throw new CliFailure(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** small 1,000, medium 100,000, large 1,000,000, or a number of rows per table. */
    static long rows(String value) {
        if (value == null) {
            return 0;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "small":
                return 1_000;
            case "medium":
                return 100_000;
            case "large":
                return 1_000_000;
            default:
                try {
                    long n = Long.parseLong(value.replace("_", ""));
                    if (n >= 1) {
                        return n;
                    }
                } catch (NumberFormatException ignored) {
                    // the message below says what is accepted
                }
                throw new CliFailure(ExitCodes.USAGE, "--rows takes small, medium, large or a number of rows, not '"
                        + value + "'");
        }
    }
}
