package dev.godwit.api;

import dev.godwit.audit.AuditFile;
import dev.godwit.base.Cancellation;
import dev.godwit.db.ConnectFailure;
import dev.godwit.db.Secrets;
import dev.godwit.fleet.FleetException;
import dev.godwit.fleet.FleetFile;
import dev.godwit.fleet.FleetListener;
import dev.godwit.fleet.FleetSummary;
import dev.godwit.fleet.Shard;
import dev.godwit.fleet.Target;
import dev.godwit.fleet.TargetResult;
import dev.godwit.fleet.TargetResult.Result;
import dev.godwit.fleet.TargetSources;
import dev.godwit.fleet.TenantUrls;
import dev.godwit.fleet.Waves;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.Version;
import dev.godwit.plan.Planner;
import dev.godwit.run.RunOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A fleet of databases (or tenant schemas) run as one: {@code godwit fleet plan | migrate | status | validate |
 * rollback}. Each target is a {@link Godwit} of its own, built from the same settings with the target's URL, so
 * every guard of a single run (preflight, lint gate, backup, lock, invariants, its own audit log and report) holds
 * on each; this class adds the waves, the failure budget, the summary and the fleet's aggregate audit record.
 *
 * <pre>{@code
 * FleetRun run = Fleet.configure(() -> Godwit.configure().configFile(Path.of("godwit.toml")))
 *         .fleetFile(FleetFile.read(Path.of("fleet.toml")))
 *         .options(Fleet.Options.defaults().parallel(8))
 *         .migrate(Optional.empty(), FleetListener.NONE);
 * }</pre>
 */
public final class Fleet {

    /** The variable that carries a fleet run id into each target's audit entries (and across a Job's pods). */
    public static final String RUN_ID_VARIABLE = "GODWIT_FLEET_RUN_ID";

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /**
     * What the command line says of a fleet run; each empty value falls back to {@code [fleet]} in the fleet file,
     * then to the default (parallel 1, canary 1, max failures 1, summaries in {@code fleet-reports}).
     */
    public record Options(Shard shard, Optional<Integer> parallel, Optional<Integer> canary,
                          Optional<Integer> maxFailures, boolean canaryOnly, Optional<String> runId,
                          Optional<Path> summaryDir, Optional<Path> auditFile, Optional<String> schemas) {

        public static Options defaults() {
            return new Options(Shard.ALL, Optional.empty(), Optional.empty(), Optional.empty(), false,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        public Options parallel(int n) {
            return new Options(shard, Optional.of(n), canary, maxFailures, canaryOnly, runId, summaryDir, auditFile,
                    schemas);
        }
    }

    /** A fleet run's summary and where it was written; {@code warnings} are what went wrong beside the run. */
    public record FleetRun(FleetSummary summary, Optional<Path> json, Optional<Path> html, Optional<String> auditHead,
                           List<String> warnings) {
        public int exitCode() {
            return summary.exitCode();
        }
    }

    private final Supplier<GodwitBuilder> base;
    private FleetFile file = FleetFile.none();
    private Options options = Options.defaults();

    private Fleet(Supplier<GodwitBuilder> base) {
        this.base = base;
    }

    /**
     * {@code base} makes a fresh builder with the settings every target shares (configuration file, locations,
     * environment, cancellation, listeners); the fleet adds each target's URL to it.
     */
    public static Fleet configure(Supplier<GodwitBuilder> base) {
        return new Fleet(base);
    }

    public Fleet fleetFile(FleetFile f) {
        this.file = f;
        return this;
    }

    public Fleet options(Options o) {
        this.options = o;
        return this;
    }

    // ---------------------------------------------------------------- targets

    /** The targets this process runs: the file's, the query's or the schemas', then this shard's slice. */
    public List<Target> targets() {
        Godwit g = baseGodwit();
        List<Target> all = new ArrayList<>(file.targets());
        Optional<String> schemas = options.schemas().or(file::schemas);
        try {
            if (schemas.isPresent()) {
                String url = TenantUrls.of(g.config().connection());
                all.addAll(g.read(c -> sneaky(() -> TargetSources.fromSchemas(c, schemas.get(), url))));
            }
            if (file.query().isPresent()) {
                Godwit registry = file.queryUrlEnv().isPresent() ? targetGodwit(
                        new Target("targets query", null, file.queryUrlEnv().get(), List.of(), Optional.empty()),
                        g.env(), "") : g;
                all.addAll(registry.read(c -> sneaky(() -> TargetSources.fromQuery(c, file.query().get()))));
            }
        } catch (SneakyFleet e) {
            throw new GodwitException(ExitCode.USAGE, g.redact(e.getCause().getMessage()));
        } catch (FleetException e) {
            throw new GodwitException(ExitCode.USAGE, g.redact(e.getMessage()));
        }
        List<String> names = all.stream().map(Target::name).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new GodwitException(ExitCode.USAGE, "two targets have the same name (from the file, the query or"
                    + " --schemas); names must be unique: " + duplicates(names));
        }
        return options.shard().select(all);
    }

    // ---------------------------------------------------------------- commands

    /** {@code godwit fleet migrate}: each target to {@code target} (everything pending when empty). */
    public FleetRun migrate(Optional<Version> target, MigrateOptions migrateOptions, FleetListener listener) {
        MigrateOptions o = target.isPresent() ? new MigrateOptions(target, migrateOptions.skipPreflight())
                : migrateOptions;
        return changing("migrate", target, listener, (t, g) -> migrateOne(t, g, o));
    }

    /**
     * {@code godwit fleet rollback --to V}: each target down to {@code to}. Only {@code --to}: a number of steps
     * would revert again on a re-run, and a fleet must be safe to run twice.
     */
    public FleetRun rollback(Version to, FleetListener listener) {
        return changing("rollback", Optional.of(to), listener, (t, g) -> rollbackOne(t, g, to));
    }

    /** {@code godwit fleet status}: each target's version, pending count and lock, all targets in parallel. */
    public FleetRun status(FleetListener listener) {
        return reading("status", Optional.empty(), listener, (t, g) -> {
            Godwit.StatusResult s = g.status();
            Optional<String> at = current(s.planned());
            String lock = s.lock().filter(h -> h.live()).map(h -> "; lock held by " + h.describe()).orElse("");
            return row(t, Result.CHECKED, at, at, 0, Optional.empty(), Optional.empty(),
                    s.planned().plan().pending().size() + " pending" + lock);
        });
    }

    /** {@code godwit fleet validate}: files and history on each target. */
    public FleetRun validate(FleetListener listener) {
        return reading("validate", Optional.empty(), listener, (t, g) -> {
            Planner.Planned p = g.validate();
            Optional<String> at = current(p);
            return row(t, Result.CHECKED, at, at, p.valid() ? 0 : ExitCode.VALIDATION, Optional.empty(),
                    Optional.empty(), p.valid() ? "valid; " + p.plan().pending().size() + " pending"
                            : p.problems().size() + " problem(s): " + firstLine(p.problems().get(0)));
        });
    }

    /** {@code godwit fleet plan}: what migrate would do on each target, and the safety gate's verdict. */
    public FleetRun plan(Optional<Version> target, FleetListener listener) {
        return reading("plan", target, listener, (t, g) -> {
            Godwit.PlanResult p = g.plan(target);
            Optional<String> at = current(p.planned());
            Optional<String> to = p.planned().prepared().isEmpty() ? at : Optional.of(p.planned().prepared()
                    .get(p.planned().prepared().size() - 1).script().version() == null ? at.orElse("")
                    : p.planned().prepared().get(p.planned().prepared().size() - 1).script().version().text());
            String what = !p.planned().valid() ? "invalid: " + firstLine(p.planned().problems().get(0))
                    : p.lint().blocks() ? "the safety gate would refuse " + p.lint().blocking().size() + " finding(s)"
                    : p.planned().prepared().size() + " migration(s) would run";
            return row(t, Result.CHECKED, at, to, p.exitCode(), Optional.empty(), Optional.empty(), what);
        });
    }

    // ---------------------------------------------------------------- one target

    private interface OnTarget {
        TargetResult run(Target t, Godwit g);
    }

    private TargetResult migrateOne(Target t, Godwit g, MigrateOptions o) {
        Godwit.StatusResult s = g.status();
        Optional<String> before = current(s.planned());
        if (!s.planned().valid()) {
            return row(t, Result.FAILED, before, before, ExitCode.VALIDATION, Optional.empty(), Optional.empty(),
                    "does not validate: " + firstLine(s.planned().problems().get(0)));
        }
        List<MigrationScript> todo = s.planned().plan().pending().stream()
                .filter(m -> o.target().isEmpty() || m.version() == null || m.version().compareTo(o.target().get()) <= 0)
                .toList();
        if (todo.isEmpty()) {
            return row(t, Result.UP_TO_DATE, before, before, 0, Optional.empty(), Optional.empty(),
                    "already at " + before.orElse("no version") + "; nothing to apply");
        }
        RunResult r = g.migrate(o);
        return fromRun(t, g, r, before);
    }

    private TargetResult rollbackOne(Target t, Godwit g, Version to) {
        Godwit.StatusResult s = g.status();
        Optional<String> before = current(s.planned());
        if (before.isEmpty() || Version.parse(before.get()).compareTo(to) <= 0) {
            return row(t, Result.UP_TO_DATE, before, before, 0, Optional.empty(), Optional.empty(),
                    "already at " + before.orElse("no version") + ", not above " + to + "; nothing to revert");
        }
        RunResult r = g.rollback(new RollbackOptions(Optional.empty(), Optional.of(to)));
        return fromRun(t, g, r, before);
    }

    private TargetResult fromRun(Target t, Godwit g, RunResult r, Optional<String> before) {
        Optional<String> after;
        if (r.outcome() instanceof RunOutcome.Done d) {
            after = d.current().map(Version::text);
        } else {
            after = readBack(g).or(() -> before);
        }
        return row(t, r.succeeded() ? Result.APPLIED : Result.FAILED, before, after, r.exitCode(),
                Optional.of(r.runId()), r.report(), firstLine(g.redact(r.describe())));
    }

    private static Optional<String> readBack(Godwit g) {
        try {
            return current(g.status().planned());
        } catch (GodwitException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> current(Planner.Planned p) {
        return p.plan().current().map(Object::toString);
    }

    private static TargetResult row(Target t, Result result, Optional<String> before, Optional<String> after,
                                    int exit, Optional<String> runId, Optional<Path> report, String message) {
        return new TargetResult(t.name(), t.tags(), result, before, after, 0, exit, runId, report, message);
    }

    // ---------------------------------------------------------------- the fleet

    private FleetRun changing(String command, Optional<Version> to, FleetListener listener, OnTarget work) {
        FleetFile.Settings s = file.settings();
        Waves.Options w = new Waves.Options(options.parallel().or(s::parallel).orElse(1),
                options.canary().or(s::canary).orElse(1), options.maxFailures().or(s::maxFailures).orElse(1),
                options.canaryOnly());
        return run(command, to, w, listener, work, true);
    }

    private FleetRun reading(String command, Optional<Version> to, FleetListener listener, OnTarget work) {
        // Reading changes nothing: no canary wave, no budget, every target judged.
        Waves.Options w = new Waves.Options(options.parallel().or(file.settings()::parallel).orElse(1), 0,
                Integer.MAX_VALUE, false);
        return run(command, to, w, listener, work, false);
    }

    private FleetRun run(String command, Optional<Version> to, Waves.Options waveOptions, FleetListener listener,
                         OnTarget work, boolean audited) {
        Godwit g = baseGodwit();
        List<Target> targets = targets();
        String fleetRunId = options.runId().or(() -> Optional.ofNullable(g.env().get(RUN_ID_VARIABLE))
                .filter(v -> !v.isBlank())).orElseGet(() -> UUID.randomUUID().toString());
        List<String> warnings = new ArrayList<>();
        Optional<AuditFile> audit = audited ? Optional.of(auditFile(g)) : Optional.empty();
        String[] head = {null};
        Instant started = Instant.now();
        Map<String, Object> startDetails = new LinkedHashMap<>();
        startDetails.put("command", command);
        startDetails.put("shard", options.shard().toString());
        startDetails.put("targets", targets.size());
        startDetails.put("parallel", waveOptions.parallel());
        startDetails.put("canary", waveOptions.canary());
        startDetails.put("maxFailures", waveOptions.maxFailures());
        to.ifPresent(v -> startDetails.put("to", v.text()));
        audit.ifPresent(a -> append(a, g, "fleet_started", fleetRunId, startDetails, head, warnings));
        Cancellation stop = g.cancellation();
        FleetListener heard = new FleetListener() {
            @Override
            public void waveStarted(String wave, int n) {
                listener.waveStarted(wave, n);
            }

            @Override
            public void targetStarted(Target t) {
                listener.targetStarted(t);
            }

            @Override
            public void targetFinished(TargetResult r) {
                audit.ifPresent(a -> append(a, g, "fleet_target", fleetRunId, targetDetails(r), head, warnings));
                listener.targetFinished(r);
            }
        };
        List<TargetResult> results = new Waves(waveOptions, stop, heard).run(targets,
                t -> timed(t, fleetRunId, g, work));
        FleetSummary summary = new FleetSummary(fleetRunId, command, options.shard(), started, Instant.now(),
                to.map(Version::text), results);
        if (audit.isPresent()) {
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("command", command);
            end.put("shard", options.shard().toString());
            end.put("counts", summary.json().get("counts"));
            end.put("exitCode", summary.exitCode());
            append(audit.get(), g, "fleet_finished", fleetRunId, end, head, warnings);
        }
        Path dir = options.summaryDir().or(file.settings()::summaryDir).orElse(Path.of("fleet-reports"));
        String base = "fleet-" + command + "-" + FILE_TIME.format(started) + "-" + fleetRunId.substring(0,
                Math.min(8, fleetRunId.length())) + (options.shard().count() > 1 ? "-shard-" + options.shard().index()
                + "of" + options.shard().count() : "");
        Optional<Path> json = Optional.empty();
        Optional<Path> html = Optional.empty();
        try {
            Files.createDirectories(dir);
            json = Optional.of(dir.resolve(base + ".json"));
            Files.writeString(json.get(), new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsString(summary.json()), StandardCharsets.UTF_8);
            html = Optional.of(dir.resolve(base + ".html"));
            Files.writeString(html.get(), summary.html(dir), StandardCharsets.UTF_8);
        } catch (IOException e) {
            warnings.add("could not write the fleet summary to " + dir + ": " + e.getMessage()
                    + "; set [fleet] summary_dir or --summary-dir to a writable folder");
        }
        return new FleetRun(summary, json, html, Optional.ofNullable(head[0]), warnings);
    }

    /** One target, timed; every way it can fail becomes its row, with its password kept out of the message. */
    private TargetResult timed(Target t, String fleetRunId, Godwit base, OnTarget work) {
        long t0 = System.nanoTime();
        TargetResult r;
        Godwit g = null;
        try {
            g = targetGodwit(t, base.env(), fleetRunId);
            r = work.run(t, g);
        } catch (FleetException e) {
            r = row(t, Result.FAILED, Optional.empty(), Optional.empty(), ExitCode.USAGE, Optional.empty(),
                    Optional.empty(), firstLine(base.redact(e.getMessage())));
        } catch (GodwitException e) {
            String msg = g != null ? g.redact(e.getMessage()) : base.redact(e.getMessage());
            r = row(t, Result.FAILED, Optional.empty(), Optional.empty(), e.exitCode(), Optional.empty(),
                    Optional.empty(), firstLine(Secrets.redactUrl(msg)));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new TargetResult(r.name(), r.tags(), r.result(), r.before(), r.after(), ms, r.exitCode(), r.runId(),
                r.report(), r.message());
    }

    private Godwit targetGodwit(Target t, Map<String, String> env, String fleetRunId) throws FleetException {
        String url = t.resolveUrl(env);
        Map<String, String> placeholders = new LinkedHashMap<>();
        Optional<String> godwitSchema = Optional.empty();
        if (t.schema().isPresent()) {
            url = TenantUrls.withSearchPath(url, t.schema().get(), t.name());
            placeholders.put("tenant_schema", t.schema().get());
            godwitSchema = Optional.of(TargetSources.HISTORY_PREFIX + t.schema().get());
        }
        Map<String, String> more = fleetRunId.isEmpty() ? Map.of() : Map.of(RUN_ID_VARIABLE, fleetRunId);
        return base.get().fleetTarget(url, godwitSchema, placeholders, more).load();
    }

    private Godwit baseGodwit() {
        return base.get().load();
    }

    private AuditFile auditFile(Godwit g) {
        Path dir = options.summaryDir().or(file.settings()::summaryDir).orElse(Path.of("fleet-reports"));
        Path path = options.auditFile().or(file.settings()::auditFile).orElse(dir.resolve("fleet-audit.jsonl"));
        String key = g.env().get(Godwit.AUDIT_KEY);
        if (key != null && key.isEmpty()) {
            throw new GodwitException(ExitCode.USAGE, Godwit.AUDIT_KEY + " is set but empty; unset it for plain"
                    + " SHA-256 or set it to the audit key");
        }
        return new AuditFile(path, Optional.ofNullable(key).map(k -> k.getBytes(StandardCharsets.UTF_8)));
    }

    /** The fleet's audit file, for {@code godwit fleet audit-verify}. */
    public AuditFile auditFile() {
        return auditFile(baseGodwit());
    }

    private static void append(AuditFile a, Godwit g, String action, String runId, Map<String, Object> details,
                               String[] head, List<String> warnings) {
        synchronized (head) {
            try {
                head[0] = a.append(action, runId, g.actor(), details);
            } catch (IOException | RuntimeException e) {
                warnings.add("the fleet audit record could not be written to " + a.file() + ": " + e.getMessage());
            }
        }
    }

    private static Map<String, Object> targetDetails(TargetResult r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("target", r.name());
        d.put("result", r.result().name().toLowerCase(java.util.Locale.ROOT));
        d.put("before", r.before().orElse(null));
        d.put("after", r.after().orElse(null));
        d.put("exitCode", r.exitCode());
        d.put("runId", r.runId().orElse(null));
        d.put("durationMs", r.durationMs());
        return d;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String duplicates(List<String> names) {
        return names.stream().filter(n -> names.indexOf(n) != names.lastIndexOf(n)).distinct().toList().toString();
    }

    private interface FleetRead<T> {
        T read() throws FleetException, SQLException;
    }

    private static <T> T sneaky(FleetRead<T> r) throws SQLException {
        try {
            return r.read();
        } catch (FleetException e) {
            throw new SneakyFleet(e);
        }
    }

    /** A checked FleetException through {@link Godwit#read}'s functional interface. */
    private static final class SneakyFleet extends RuntimeException {
        SneakyFleet(FleetException e) {
            super(e);
        }
    }
}
