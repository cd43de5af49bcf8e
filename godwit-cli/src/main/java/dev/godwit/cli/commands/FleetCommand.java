package dev.godwit.cli.commands;

import dev.godwit.api.Fleet;
import dev.godwit.api.GodwitBuilder;
import dev.godwit.api.MigrateOptions;
import dev.godwit.audit.Verification;
import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Output;
import dev.godwit.cli.Session;
import dev.godwit.fleet.FleetException;
import dev.godwit.fleet.FleetFile;
import dev.godwit.fleet.FleetListener;
import dev.godwit.fleet.Shard;
import dev.godwit.fleet.TargetResult;
import dev.godwit.migration.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code godwit fleet plan | migrate | status | validate | rollback | audit-verify}: one command over many databases
 * or tenant schemas (docs/fleet.md). Everything is the API's ({@link Fleet}); this parses options and prints.
 */
@Command(name = "fleet", description = "Run the same migrations over a fleet of databases or tenant schemas:"
        + " canary wave first, then N in parallel, within a failure budget; a summary per target.",
        subcommands = {FleetCommand.Plan.class, FleetCommand.Migrate.class, FleetCommand.Status.class,
            FleetCommand.Validate.class, FleetCommand.Rollback.class, FleetCommand.AuditVerify.class})
public final class FleetCommand extends BaseCommand {

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: `godwit fleet plan`, `migrate`,"
                + " `status`, `validate`, `rollback --to V` or `audit-verify`, with --fleet FILE or --schemas PATTERN");
    }

    /** The options every fleet subcommand has. */
    abstract static class Sub implements Callable<Integer> {

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @ParentCommand
        FleetCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--fleet", paramLabel = "FILE", description = "The fleet file: [[targets]], [source], [fleet].")
        Path fleetFile;

        @Option(names = "--schemas", paramLabel = "PATTERN", description = "Every schema of the database whose name"
                + " is LIKE PATTERN is a tenant: search_path set to it, ${tenant_schema} in migrations, Godwit's"
                + " tables in godwit_<schema>.")
        String schemas;

        @Option(names = "--shard", paramLabel = "I/N", description = "Run only slice I of N (0 <= I < N): the targets"
                + " whose name hashes to I; for a Kubernetes Indexed Job, JOB_COMPLETION_INDEX/completions.")
        String shard;

        @Option(names = "--parallel", paramLabel = "N", description = "Targets at a time (default [fleet] parallel, 1).")
        Integer parallel;

        @Option(names = "--summary-dir", paramLabel = "DIR",
                description = "Where the JSON and HTML summaries go (default [fleet] summary_dir, fleet-reports).")
        Path summaryDir;

        @Option(names = "--run-id", paramLabel = "ID", description = "The fleet run id (default $GODWIT_FLEET_RUN_ID,"
                + " else a new one); it is in each target's audit entries.")
        String runId;

        Output out() {
            return parent.out();
        }

        Fleet fleet(Session.CommandOverrides more, Optional<Integer> canary, Optional<Integer> maxFailures,
                    boolean canaryOnly, Optional<Path> auditFile) {
            if (fleetFile == null && schemas == null) {
                throw new CliFailure(ExitCodes.USAGE, "name the targets: --fleet FILE (a fleet file) or --schemas"
                        + " PATTERN (tenant schemas of the --url database)");
            }
            positive("--parallel", parallel, 1);
            canary.ifPresent(c -> positive("--canary", c, 0));
            maxFailures.ifPresent(f -> positive("--max-failures", f, 1));
            try {
                FleetFile file = fleetFile == null ? FleetFile.none() : FleetFile.read(fleetFile);
                Shard s = shard == null ? Shard.ALL : Shard.parse(shard);
                Fleet.Options o = new Fleet.Options(s, Optional.ofNullable(parallel), canary, maxFailures, canaryOnly,
                        Optional.ofNullable(runId), Optional.ofNullable(summaryDir), auditFile,
                        Optional.ofNullable(schemas));
                GodwitBuilderSupplier base = () -> Session.builder(parent.global(), more);
                return Fleet.configure(base::get).fleetFile(file).options(o);
            } catch (FleetException e) {
                throw new CliFailure(ExitCodes.USAGE, e.getMessage());
            }
        }

        private static void positive(String option, Integer value, int min) {
            if (value != null && value < min) {
                throw new CliFailure(ExitCodes.USAGE, option + " must be at least " + min + ", not " + value);
            }
        }

        /** One line per target as it finishes (stderr under --json, so stdout stays one document). */
        FleetListener printer() {
            Output o = out();
            return new FleetListener() {
                @Override
                public void waveStarted(String wave, int n) {
                    say(o, o.bold(wave.equals("canary") ? "Canary wave" : "Wave") + ": " + n + " target(s)");
                }

                @Override
                public void targetFinished(TargetResult r) {
                    String word = r.failed() ? o.red(r.result().word()) : r.result() == TargetResult.Result.NOT_STARTED
                            ? o.yellow(r.result().word()) : o.green(r.result().word());
                    say(o, "  " + r.name() + ": " + word + " " + r.before().orElse("-") + " -> " + r.after().orElse("-")
                            + " (" + r.durationMs() + " ms) " + r.message());
                }
            };
        }

        private static void say(Output o, String line) {
            if (o.json()) {
                o.status(line);
            } else {
                o.line(line);
            }
        }

        int print(Fleet.FleetRun run) {
            Output o = out();
            run.warnings().forEach(o::warn);
            if (o.json()) {
                Map<String, Object> doc = new LinkedHashMap<>(run.summary().json());
                doc.put("summaryJson", run.json().map(Path::toString).orElse(null));
                doc.put("summaryHtml", run.html().map(Path::toString).orElse(null));
                doc.put("auditHead", run.auditHead().orElse(null));
                o.result(doc);
            } else {
                o.line("");
                for (String line : run.summary().text().split("\n")) {
                    o.line(line);
                }
                run.html().ifPresent(h -> o.line("summary: " + h));
                run.auditHead().ifPresent(h -> o.line("fleet audit head: " + h));
            }
            return run.exitCode();
        }
    }

    private interface GodwitBuilderSupplier {
        GodwitBuilder get();
    }

    /** The options of the commands that change targets: waves and the failure budget. */
    abstract static class Changing extends Sub {

        @Option(names = "--canary", paramLabel = "K", description = "Canary wave: the targets tagged canary, else the"
                + " first K (default [fleet] canary, 1); it must succeed before the rest start.")
        Integer canary;

        @Option(names = "--canary-only", description = "Run the canary wave only (the canary Job of a Kubernetes"
                + " release).")
        boolean canaryOnly;

        @Option(names = "--max-failures", paramLabel = "F", description = "Start no new target after F failures"
                + " (default [fleet] max_failures, 1); running ones finish.")
        Integer maxFailures;

        @Option(names = "--audit-file", paramLabel = "FILE", description = "The fleet's hash-chained audit record"
                + " (default [fleet] audit_file, else fleet-audit.jsonl in the summary folder).")
        Path auditFile;

        @Option(names = "--lock-wait", paramLabel = "DURATION",
                description = "How long each target waits for another run's migration lock (default 5m).")
        String lockWait;

        @Option(names = "--lock-timeout", paramLabel = "DURATION",
                description = "lock_timeout for each statement (default 1s).")
        String lockTimeout;

        Fleet changingFleet() {
            return fleet(new Session.CommandOverrides(lockTimeout, null, lockWait, null), Optional.ofNullable(canary),
                    Optional.ofNullable(maxFailures), canaryOnly, Optional.ofNullable(auditFile));
        }
    }

    @Command(name = "migrate", description = "Migrate every target (canary wave first); targets already at the"
            + " version are skipped, so a re-run finishes an interrupted fleet.")
    static final class Migrate extends Changing {

        @Option(names = "--target", paramLabel = "VERSION", description = "Take every target up to this version.")
        String target;

        @Option(names = "--skip-preflight", description = "Skip each target's readiness checks (audited on each).")
        boolean skipPreflight;

        @Override
        public Integer call() {
            Optional<Version> to = MigrateCommand.parseTarget(target);
            return print(changingFleet().migrate(to, new MigrateOptions(to, skipPreflight), printer()));
        }
    }

    @Command(name = "rollback", description = "Revert every target down to --to VERSION with its down scripts;"
            + " targets at or below it are skipped.")
    static final class Rollback extends Changing {

        @Option(names = "--to", paramLabel = "VERSION", required = true,
                description = "Revert every migration above this version (only --to: a re-run must not revert twice).")
        String to;

        @Override
        public Integer call() {
            Version v = MigrateCommand.parseTarget("--to", to).orElseThrow();
            return print(changingFleet().rollback(v, printer()));
        }
    }

    @Command(name = "plan", description = "What migrate would do on each target, and the safety gate's verdict.")
    static final class Plan extends Sub {

        @Option(names = "--target", paramLabel = "VERSION", description = "Plan up to this version.")
        String target;

        @Override
        public Integer call() {
            return print(fleet(Session.CommandOverrides.NONE, Optional.empty(), Optional.empty(), false,
                    Optional.empty()).plan(MigrateCommand.parseTarget(target), printer()));
        }
    }

    @Command(name = "status", description = "Each target's version, pending migrations and lock holder.")
    static final class Status extends Sub {

        @Override
        public Integer call() {
            return print(fleet(Session.CommandOverrides.NONE, Optional.empty(), Optional.empty(), false,
                    Optional.empty()).status(printer()));
        }
    }

    @Command(name = "validate", description = "Files and history on each target.")
    static final class Validate extends Sub {

        @Override
        public Integer call() {
            return print(fleet(Session.CommandOverrides.NONE, Optional.empty(), Optional.empty(), false,
                    Optional.empty()).validate(printer()));
        }
    }

    @Command(name = "audit-verify", description = "Check the fleet audit file's hash chain (with GODWIT_AUDIT_KEY"
            + " when it was written with one).")
    static final class AuditVerify implements Callable<Integer> {

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @ParentCommand
        FleetCommand parent;

        @Option(names = "--audit-file", paramLabel = "FILE", required = true, description = "The fleet audit file.")
        Path auditFile;

        @Option(names = "--expect-head", paramLabel = "HASH", description = "The head printed by the fleet run.")
        String expectHead;

        @Override
        public Integer call() {
            Output o = parent.out();
            String key = System.getenv("GODWIT_AUDIT_KEY");
            if (key != null && key.isEmpty()) {
                throw new CliFailure(ExitCodes.USAGE, "GODWIT_AUDIT_KEY is set but empty; unset it for plain SHA-256");
            }
            if (!java.nio.file.Files.isRegularFile(auditFile)) {
                throw new CliFailure(ExitCodes.USAGE, "the fleet audit file " + auditFile + " does not exist");
            }
            Verification v;
            try {
                v = new dev.godwit.audit.AuditFile(auditFile, Optional.ofNullable(key)
                        .map(k -> k.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .verify(Optional.ofNullable(expectHead));
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.FAILED, "could not read " + auditFile + ": " + e.getMessage());
            }
            if (o.json()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("file", auditFile.toString());
                doc.put("intact", v.intact());
                doc.put("entries", v.entries());
                doc.put("head", v.head());
                doc.put("break", v.firstBreak().map(b -> Map.of("seq", b.seq(), "kind", b.word(), "message",
                        b.message())).orElse(null));
                o.result(doc);
            } else if (v.intact()) {
                o.line(o.green("intact") + ": " + v.entries() + " entries, head " + v.head());
            } else {
                Verification.Break b = v.firstBreak().orElseThrow();
                o.line(o.red("broken") + " at entry " + b.seq() + " (" + b.word() + "): " + b.message());
            }
            return v.intact() ? ExitCodes.OK : ExitCodes.VALIDATION; // as `godwit audit verify`
        }
    }
}
