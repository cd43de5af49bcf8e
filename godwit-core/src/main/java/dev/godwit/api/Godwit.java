package dev.godwit.api;

import dev.godwit.run.Problem;
import dev.godwit.audit.Actor;
import dev.godwit.audit.AuditAction;
import dev.godwit.audit.AuditLog;
import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ConnectFailure;
import dev.godwit.db.Connections;
import dev.godwit.db.Secrets;
import dev.godwit.execute.Clean;
import dev.godwit.db.Connector;
import dev.godwit.execute.Duties;
import dev.godwit.db.Grants;
import dev.godwit.execute.LintGate;
import dev.godwit.execute.Locked;
import dev.godwit.execute.Migrate;
import dev.godwit.execute.PreflightStep;
import dev.godwit.execute.Rollback;
import dev.godwit.execute.RunSetup;
import dev.godwit.history.Baseline;
import dev.godwit.history.FlywayImport;
import dev.godwit.history.Repair;
import dev.godwit.history.ToolImport;
import dev.godwit.lint.LintReport;
import dev.godwit.lock.LockHolder;
import dev.godwit.lock.LockTimeoutException;
import dev.godwit.lock.MigrationLock;
import dev.godwit.lock.PoolerDetectedException;
import dev.godwit.migration.MigrationScanner;
import dev.godwit.migration.MigrationSet;
import dev.godwit.migration.Version;
import dev.godwit.plan.Planner;
import dev.godwit.plan.RollbackPreview;
import dev.godwit.preflight.Check;
import dev.godwit.preflight.PreflightReport;
import dev.godwit.preflight.ReadOnlyTarget;
import dev.godwit.preflight.Status;
import dev.godwit.report.ReportCollector;
import dev.godwit.base.Cancellation;
import dev.godwit.run.RunListener;
import dev.godwit.run.RunOutcome;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import dev.godwit.integrity.CheckResult;
import dev.godwit.integrity.DataChecks;
import dev.godwit.integrity.SchemaAudit;
import dev.godwit.config.LintSettings;
import dev.godwit.lint.LintInput;
import dev.godwit.lint.LintSources;
import dev.godwit.lint.Linter;
import dev.godwit.lint.SchemaModel;
import dev.godwit.lint.rules.Rules;
import dev.godwit.rehearse.Rehearsal;
import dev.godwit.rehearse.RehearsalException;
import dev.godwit.rehearse.RehearsalResult;
import dev.godwit.snapshot.Snapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Godwit, embedded: every command of the CLI as a method, with every guard the CLI has (separation of duties and
 * its audit entry, the protected clean, the audit entries of baseline, repair, clean and backups, run reports,
 * secrets kept out of messages). The CLI is a client of this class; an application is another.
 *
 * <pre>{@code
 * RunResult r = Godwit.configure()
 *         .dataSource(ds)
 *         .locations("classpath:db/godwit")
 *         .load()
 *         .migrate();
 * }</pre>
 *
 * An instance is immutable and may be shared; each call is one run with its own run id. Expected refusals come
 * back as the {@link RunResult}'s outcome (migrate, rollback) or as a {@link GodwitException} with the exit code
 * the CLI prints.
 */
public final class Godwit {

    /** The variable that holds the audit log's HMAC key; it is never printed. */
    public static final String AUDIT_KEY = "GODWIT_AUDIT_KEY";

    private final GodwitConfig config;
    private final Map<String, String> env;
    private final DataSource dataSource;
    private final RunListener listener;
    private final Cancellation cancellation;
    private final String ticket;
    private final String approver;

    Godwit(GodwitConfig config, Map<String, String> env, DataSource dataSource, RunListener listener,
           Cancellation cancellation, String ticket, String approver) {
        this.config = config;
        this.env = Map.copyOf(env);
        this.dataSource = dataSource;
        this.listener = listener;
        this.cancellation = cancellation;
        this.ticket = ticket;
        this.approver = approver;
    }

    /** Starts the settings; {@link GodwitBuilder#load()} ends them. */
    public static GodwitBuilder configure() {
        return new GodwitBuilder();
    }

    /** The same Godwit with one more listener: a client's progress display for one command, say. */
    public Godwit listening(RunListener more) {
        return new Godwit(config, env, dataSource, RunListener.both(listener, more), cancellation, ticket, approver);
    }

    /** The settings in force, every layer applied (prints without passwords). */
    public GodwitConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- runs

    /** {@code godwit migrate}: everything pending. */
    public RunResult migrate() {
        return migrate(MigrateOptions.defaults());
    }

    /** {@code godwit migrate [--target V] [--skip-preflight]}. */
    public RunResult migrate(MigrateOptions options) {
        return run("migrate", (setup, hooks) -> {
            if (options.skipPreflight()) {
                // Without preflight, a hot standby or read-only database would fail at the first write (25006):
                // its one check that matters stays, and ends the run as preflight would (exit 8).
                try (Connection c = setup.connector().open()) {
                    Check writable = ReadOnlyTarget.check(c);
                    if (writable.status() == Status.FAIL) {
                        return new RunOutcome.NotReady(new PreflightReport(List.of(writable)));
                    }
                }
            }
            return new Migrate(setup).skippingPreflight(options.skipPreflight()).phase(options.phase()).withHooks(hooks)
                    .run(options.target());
        });
    }

    /** {@code godwit rollback [--steps N | --to V]}: reverts with down scripts, newest first. */
    public RunResult rollback(RollbackOptions options) {
        return run("rollback", (setup, hooks) -> new Rollback(setup).withHooks(hooks)
                .run(new Rollback.Request(options.steps(), options.to())));
    }

    /** The run's hooks, told the run's facts (docs/hooks.md); the report's path is where Reports writes it. */
    private dev.godwit.hooks.Hooks hooks(RunSetup setup, ReportCollector collector) {
        return new dev.godwit.hooks.Hooks(dev.godwit.hooks.Hooks.withCallbacks(config.around().hooks(),
                config.folders()), () -> HookFacts.of(this, setup, collector), secrets(),
                () -> cancellation.reason().isPresent());
    }

    private interface Pipeline {
        RunOutcome run(RunSetup setup, dev.godwit.hooks.Hooks hooks) throws ConnectFailure, SQLException, InterruptedException;
    }

    private RunResult run(String command, Pipeline pipeline) {
        String runId = newRunId();
        ReportCollector report = new ReportCollector();
        try (dev.godwit.notify.Webhooks webhooks = new dev.godwit.notify.Webhooks(config.around().webhooks())) {
            RunNotices notices = new RunNotices(this, command, runId, report, webhooks);
            RunSetup setup = setup(runId, RunListener.all(List.of(listener, report, notices)));
            notices.actor(setup.actor());
            RunResult r;
            try {
                r = run(command, pipeline, runId, report, setup);
            } catch (GodwitException e) {
                notices.crashed(e.getMessage());
                throw e;
            }
            List<String> warnings = new ArrayList<>(r.warnings());
            warnings.addAll(notices.ended(r.outcome(), r.report()));
            return new RunResult(r.runId(), r.outcome(), r.report(), r.auditHead(), r.backupId(), warnings);
        }
    }

    private RunResult run(String command, Pipeline pipeline, String runId, ReportCollector report, RunSetup setup) {
        List<String> warnings = new ArrayList<>();
        Optional<String> refusal = Duties.refusal(config.audit(), setup.actor(), command);
        RunOutcome outcome;
        if (refusal.isPresent()) {
            recordRefusal(setup, AuditAction.REFUSED, Map.of("command", command, "reason", refusal.get()), warnings);
            outcome = new RunOutcome.Refused(refusal.get());
        } else {
            try {
                outcome = pipeline.run(setup, hooks(setup, report));
            } catch (ConnectFailure e) {
                throw connectFailure(e);
            } catch (SQLException e) {
                throw new GodwitException(ExitCode.FAILED, redact(command + " failed: " + e.getMessage()), List.of(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GodwitException(ExitCode.FAILED, command + " was interrupted");
            }
        }
        Reports.Written written = Reports.write(this, setup, command, report, outcome, warnings);
        return new RunResult(runId, outcome, written.report(), written.auditHead(), report.backupId(), warnings);
    }

    // ---------------------------------------------------------------- reading

    /** What {@code status} shows: the plan against the history, and who holds the lock. */
    public record StatusResult(Planner.Planned planned, Optional<LockHolder> lock,
                               List<dev.godwit.backfill.BackfillProgress.Row> backfills) {
        public StatusResult {
            backfills = List.copyOf(backfills);
        }

        public StatusResult(Planner.Planned planned, Optional<LockHolder> lock) {
            this(planned, lock, List.of());
        }

        /** The batched backfill of {@code script} that has committed batches but not its last one. */
        public Optional<dev.godwit.backfill.BackfillProgress.Row> backfill(String script) {
            return backfills.stream().filter(b -> b.script().equals(script)).findFirst();
        }
    }

    /** {@code godwit status}; a batched backfill part-way through shows in {@link StatusResult#backfills}. */
    public StatusResult status() {
        return read(c -> new StatusResult(Planner.plan(config, c, Optional.empty()),
                MigrationLock.holder(c, config.schema()),
                new dev.godwit.backfill.BackfillProgress(config.schema()).all(c)));
    }

    /** What {@code serve} and the metrics file export: the lock, pending migrations, last runs, backups, audit. */
    public dev.godwit.metrics.State state() {
        dev.godwit.audit.AuditLog log = auditLog();
        return read(c -> dev.godwit.metrics.State.read(config, log, c));
    }

    /** {@code godwit validate}: files, history and each pending file's SQL; {@code valid()} says if migrate may run. */
    public Planner.Planned validate() {
        return read(c -> Planner.plan(config, c, Optional.empty()));
    }

    /** What {@code plan} shows: the pending migrations and the gate's verdict on them. */
    public record PlanResult(Planner.Planned planned, LintReport lint) {
        /** The exit code the CLI prints: 4 when migrate would refuse the files, 5 when the gate would. */
        public int exitCode() {
            if (!planned.valid() || !lint.problems().isEmpty()) {
                return ExitCode.VALIDATION;
            }
            return lint.blocks() ? ExitCode.SAFETY_GATE : ExitCode.OK;
        }
    }

    /** {@code godwit plan [--target V]}: what migrate would do, and what the safety gate says of it. */
    public PlanResult plan(Optional<Version> target) {
        return plan(target, Optional.empty());
    }

    /** {@code godwit plan [--target V] [--phase expand|contract]}: the same, for one phase (empty: every phase). */
    public PlanResult plan(Optional<Version> target, Optional<dev.godwit.sql.Phase> phase) {
        return read(c -> {
            Planner.Planned p = Planner.plan(config, c, target, phase);
            LintReport lint = p.valid() && !p.prepared().isEmpty() ? LintGate.lint(config, c, p.prepared(), phase)
                    : new LintReport(List.of(), config.lint().maxRisk(), List.of());
            return new PlanResult(p, lint);
        });
    }

    /** {@code godwit plan --rollback}: what a rollback would revert, with which down scripts. */
    public RollbackPreview planRollback(RollbackOptions options) {
        return read(c -> RollbackPreview.of(config, c, options.steps(), options.to()));
    }

    /**
     * {@code godwit preflight}: the readiness checks migrate runs first. A database that cannot be reached is a
     * failed connectivity check, not an exception.
     */
    public PreflightReport preflight() {
        try (Connection c = connector().open()) {
            return PreflightStep.check(config, c);
        } catch (ConnectFailure e) {
            return new PreflightReport(List.of(new Check("connectivity", Status.FAIL, redact(e.getMessage()), "",
                    List.of())));
        } catch (SQLException e) {
            throw new GodwitException(ExitCode.FAILED, redact("preflight failed: " + e.getMessage()), List.of(), e);
        }
    }

    /**
     * {@code godwit await --version V [--timeout D]}: waits until the database is at {@code version} or newer with
     * no failed migration, telling {@code progress} what it waits for each time that changes. Not reached in time
     * (or stopped by the cancellation) is a result with {@code reached() == false}: the CLI exits 9
     * ({@link ExitCode#AWAIT_TIMEOUT}) on a timeout. A refused login or a missing database is a {@link GodwitException}.
     */
    public dev.godwit.await.Await.Result await(Version version, java.time.Duration timeout,
                                               java.util.function.Consumer<String> progress) {
        try {
            return dev.godwit.await.Await.await(connector(), config.schema(), version, timeout, cancellation,
                    words -> progress.accept(redact(words)));
        } catch (ConnectFailure e) {
            throw connectFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ExitCode.FAILED, "await was interrupted");
        }
    }

    // ---------------------------------------------------------------- history changes

    /** {@code godwit baseline --version V}: adopt a database that is already at {@code version}. */
    public Baseline.Result baseline(Version version, String description) {
        return locked("baseline", (c, history, audit, runId) -> {
            Baseline.Result result = Baseline.at(c, history, version, description, runId);
            auditBaseline(c, audit, result);
            return result;
        }, r -> r.refused() ? Optional.of("baseline refused: " + r.refusal()) : Optional.empty());
    }

    /** {@code godwit baseline --from-flyway}: import Flyway's history, checking each file against its checksum. */
    public Baseline.Result baselineFromFlyway(String flywayTable) {
        MigrationSet files = validFiles();
        return locked("baseline", (c, history, audit, runId) -> {
            Baseline.Result result = FlywayImport.run(c, history, flywayTable, files, runId);
            auditBaseline(c, audit, result);
            return result;
        }, r -> r.refused() ? Optional.of("baseline refused: " + r.refusal()) : Optional.empty());
    }

    /**
     * {@code godwit baseline --from TOOL [--table T]}: import goose's, golang-migrate's, dbmate's, sqlx's, Diesel's,
     * Atlas's, Liquibase's (or Flyway's) history, all or nothing, each applied file checked against the tool's
     * checksum where it keeps one.
     */
    public Baseline.Result baselineFrom(String tool, Optional<String> table) {
        if (tool.equalsIgnoreCase("flyway")) {
            return baselineFromFlyway(table.orElse("flyway_schema_history"));
        }
        ToolImport.Tool t = ToolImport.Tool.parse(tool).orElseThrow(() -> new GodwitException(ExitCode.USAGE,
                "--from " + tool + " is not a tool Godwit can adopt; it knows " + ToolImport.Tool.names()));
        MigrationSet files = validFiles();
        return locked("baseline", (c, history, audit, runId) -> {
            Baseline.Result result = ToolImport.run(c, history, t, table.orElse(t.defaultTable()), files, runId);
            auditBaseline(c, audit, result);
            return result;
        }, r -> r.refused() ? Optional.of("baseline refused: " + r.refusal()) : Optional.empty());
    }

    private static void auditBaseline(Connection c, dev.godwit.execute.AuditTrail audit, Baseline.Result result)
            throws SQLException {
        if (!result.refused()) {
            audit.change(c, AuditAction.BASELINE, result.written().stream()
                    .map(row -> "recorded " + row.label() + " (" + row.script() + ")").toList());
        }
    }

    /** {@code godwit repair [--accept-checksum V --reason R]}: marks failed rows, or accepts an edited file. */
    public Repair.Result repair(Optional<Repair.AcceptChecksum> accept) {
        MigrationSet files = MigrationScanner.scanLocations(config.locations(), config.format());
        return locked("repair", (c, history, audit, runId) -> {
            Repair.Result result = Repair.run(c, history, files, accept);
            if (result.refusal() == null && !result.changes().isEmpty()) {
                audit.change(c, AuditAction.REPAIR, result.changes());
            }
            return result;
        }, r -> r.refusal() == null ? Optional.empty() : Optional.of("repair refused: " + r.refusal()));
    }

    /**
     * {@code godwit clean --yes}: drops every schema (development only). Refused, with an audit entry, unless
     * {@code clean_disabled = false} and {@code confirmed}; always refused in the environment named production.
     *
     * @return the schemas dropped
     */
    public List<String> clean(boolean confirmed) {
        Optional<String> refusal = Clean.refusal(config.migrate().cleanDisabled(), config.environment(), confirmed);
        if (refusal.isPresent()) {
            RunSetup setup = setup(newRunId(), listener);
            List<String> warnings = new ArrayList<>();
            recordRefusal(setup, AuditAction.CLEAN_REFUSED, Map.of("reason", refusal.get()), warnings);
            throw new GodwitException(ExitCode.USAGE, refusal.get() + warnings.stream().map(w -> "\n(" + w + ")")
                    .reduce("", String::concat));
        }
        return locked("clean", (c, history, audit, runId) -> {
            List<String> gone = Clean.run(c, config.schema());
            audit.change(c, AuditAction.CLEAN, List.of("dropped " + String.join(", ", gone)));
            return gone;
        }, r -> Optional.empty());
    }

    /**
     * {@code godwit snapshots restore NAME [--into TABLE] --yes}: puts a snapshot's rows back into their table by
     * primary key (or into a new table), under the migration lock, with an audit entry.
     *
     * @return the rows written
     */
    public long restoreSnapshot(String name, Optional<String> intoNewTable) {
        dev.godwit.snapshot.Snapshots snapshots = new dev.godwit.snapshot.Snapshots(
                dev.godwit.snapshot.Snapshots.DEFAULT_SCHEMA);
        return locked("snapshots restore", (c, history, audit, runId) -> {
            dev.godwit.snapshot.Snapshot s = snapshots.find(c, name).orElseThrow(() -> new GodwitException(
                    ExitCode.USAGE, "no snapshot named " + name + "; `godwit snapshots list` shows them"));
            long rows = intoNewTable.isPresent() ? snapshots.restoreAsNewTable(c, s, intoNewTable.get())
                    : snapshots.restore(c, s);
            audit.change(c, AuditAction.SNAPSHOT_RESTORED, List.of("restored " + rows + " row(s) of " + name
                    + " into " + intoNewTable.orElse(s.sourceTable())));
            return rows;
        }, r -> Optional.empty());
    }

    /**
     * {@code godwit snapshots prune --older-than D [--yes]}: the snapshots older than {@code age}; dropped, with an
     * audit entry, only when {@code apply}.
     */
    public List<String> pruneSnapshots(java.time.Duration age, boolean apply) {
        dev.godwit.snapshot.Snapshots snapshots = new dev.godwit.snapshot.Snapshots(
                dev.godwit.snapshot.Snapshots.DEFAULT_SCHEMA);
        java.time.Instant cutoff = java.time.Instant.now().minus(age);
        if (!apply) {
            return read(c -> snapshots.list(c).stream().filter(s -> s.createdAt().isBefore(cutoff))
                    .map(dev.godwit.snapshot.Snapshot::name).toList());
        }
        return locked("snapshots prune", (c, history, audit, runId) -> {
            List<String> old = snapshots.list(c).stream().filter(s -> s.createdAt().isBefore(cutoff))
                    .map(dev.godwit.snapshot.Snapshot::name).toList();
            for (String n : old) {
                snapshots.drop(c, n);
            }
            if (!old.isEmpty()) {
                audit.change(c, AuditAction.SNAPSHOTS_PRUNED, List.of("dropped " + String.join(", ", old)));
            }
            return old;
        }, r -> Optional.empty());
    }

    // ---------------------------------------------------------------- other commands

    /** Which checks {@code godwit check} runs. */
    public enum CheckPart { SCHEMA, DATA, BOTH }

    /**
     * {@code godwit check [schema|data]}: the financial schema audit and the data checks of {@code [checks]}, in a
     * read-only session. Godwit's own schemas are left out.
     */
    public List<CheckResult> check(CheckPart part) {
        List<String> own = List.of(config.schema(), Snapshots.DEFAULT_SCHEMA);
        return read(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("set default_transaction_read_only = on"); // a check never changes anything
            }
            List<CheckResult> results = new ArrayList<>();
            if (part != CheckPart.DATA) {
                results.addAll(new SchemaAudit(config.checks(), config.lint().money(), own).results(c));
            }
            if (part != CheckPart.SCHEMA) {
                results.addAll(new DataChecks(config.checks(), own).run(c));
            }
            return results;
        });
    }

    /**
     * {@code godwit lint}: the migration folders' files, without a database ({@code paths} instead when given),
     * under these settings and for this PostgreSQL major.
     */
    public LintReport lint(List<java.nio.file.Path> paths, LintSettings settings, int pgVersion) {
        List<java.nio.file.Path> targets = paths.isEmpty() ? config.folders() : paths;
        try {
            List<LintInput> inputs = LintSources.read(targets, config.placeholders(),
                    java.nio.file.Path.of("").toAbsolutePath());
            return new Linter(settings, Rules.ALL).lint(inputs, SchemaModel.empty(), Linter.Scope.FILE, pgVersion);
        } catch (LintSources.Problem e) {
            throw new GodwitException(ExitCode.USAGE, e.getMessage());
        }
    }

    /**
     * Every migration of the configured locations, class path ones included (which {@link #lint} does not read),
     * as {@code migrate} reads them: up and repeatable migrations (down scripts are not linted: they exist to undo,
     * and {@code migrate}'s gate never sees them), placeholders replaced where defined. Findings name each file by
     * its path, relative to the working folder when under it; one inside a jar by its name. Files {@code migrate} would refuse are a
     * {@link GodwitException} (exit 4), a syntax error one with exit 2, as {@code godwit lint} exits.
     */
    public LintReport lintLocations(LintSettings settings, int pgVersion) {
        MigrationSet files = validFiles();
        List<LintInput> inputs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (dev.godwit.migration.MigrationScript m : java.util.stream.Stream.concat(files.versioned().stream(),
                files.repeatable().stream()).toList()) {
            try {
                inputs.add(LintInput.of(shown(m), dev.godwit.sql.SqlScript.parse(withPlaceholders(m.text()))));
            } catch (dev.godwit.sql.SqlSyntaxException e) {
                problems.add(shown(m) + ":" + e.line() + ":" + e.column() + ": " + e.problem());
            }
        }
        if (!problems.isEmpty()) {
            throw new GodwitException(ExitCode.USAGE, String.join("\n", problems));
        }
        return new Linter(settings, Rules.ALL).lint(inputs, SchemaModel.empty(), Linter.Scope.FILE, pgVersion);
    }

    /**
     * A file as a developer can open it: its path, relative to the working folder when under it; a migration inside
     * a jar by its name.
     */
    private static String shown(dev.godwit.migration.MigrationScript m) {
        java.nio.file.Path p = m.path();
        if (p == null || !java.nio.file.Files.isRegularFile(p)) {
            return m.script();
        }
        java.nio.file.Path abs = p.toAbsolutePath().normalize();
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        return (abs.startsWith(here) ? here.relativize(abs) : abs).toString();
    }

    /** As {@code godwit lint} reads a file: a placeholder left undefined stays as written. */
    private String withPlaceholders(String text) {
        try {
            return dev.godwit.sql.Placeholders.replace(text, config.placeholders());
        } catch (dev.godwit.sql.SqlSyntaxException undefined) {
            return text;
        }
    }

    /** {@code godwit rehearse}: the pending migrations on a throwaway copy, with the locks they really take. */
    public RehearsalResult rehearse(Rehearsal.Options options, Rehearsal.Progress progress) {
        try {
            return new Rehearsal(config, progress).run(options);
        } catch (RehearsalException e) {
            throw new GodwitException(e.usage() ? ExitCode.USAGE : ExitCode.FAILED, redact(e.getMessage()), List.of(), e);
        } catch (SQLException e) {
            throw new GodwitException(ExitCode.FAILED, redact("rehearse failed: " + e.getMessage()), List.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ExitCode.FAILED, "rehearse was interrupted");
        }
    }

    /** {@code godwit backup create | list | verify | restore | prune}, each audited as the CLI audits it. */
    public BackupCommands backups() {
        return new BackupCommands(this);
    }

    /** {@code godwit audit log | verify | export}. */
    public AuditCommands audit() {
        return new AuditCommands(this);
    }

    // ---------------------------------------------------------------- shared with the command groups

    interface LockedWork<T> {
        T run(Connection c, dev.godwit.history.HistoryTable history, dev.godwit.execute.AuditTrail audit, String runId)
                throws SQLException;
    }

    interface Refusal<T> {
        Optional<String> of(T result);
    }

    /**
     * A history change under the migration lock, with its audit entry in the same transaction. Refused first on a
     * read-only target (exit 8) and when separation of duties says no (exit 2, audited).
     */
    <T> T locked(String command, LockedWork<T> work, Refusal<T> refusal) {
        String runId = newRunId();
        RunSetup setup = setup(runId, listener);
        refuseReadOnly(command);
        Optional<String> duties = Duties.refusal(config.audit(), setup.actor(), command);
        if (duties.isPresent()) {
            List<String> warnings = new ArrayList<>();
            recordRefusal(setup, AuditAction.REFUSED, Map.of("command", command, "reason", duties.get()), warnings);
            throw new GodwitException(ExitCode.USAGE, duties.get());
        }
        T result;
        try {
            result = Locked.run(setup, command, (c, history, audit) -> work.run(c, history, audit, runId));
        } catch (ConnectFailure e) {
            throw connectFailure(e);
        } catch (LockTimeoutException e) {
            throw new GodwitException(ExitCode.LOCK_TIMEOUT, e.getMessage());
        } catch (PoolerDetectedException e) {
            throw new GodwitException(ExitCode.USAGE, e.getMessage());
        } catch (SQLException e) {
            if (Grants.denied(e)) {
                throw new GodwitException(ExitCode.USAGE, Grants.advice(e, config.connection().user(), config.schema(),
                        config.connection().database()));
            }
            throw new GodwitException(ExitCode.FAILED, redact(command + " failed: " + e.getMessage()), List.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ExitCode.FAILED, command + " was interrupted; nothing was written");
        }
        Optional<String> refused = refusal.of(result);
        if (refused.isPresent()) {
            throw new GodwitException(ExitCode.VALIDATION, refused.get());
        }
        return result;
    }

    private void refuseReadOnly(String command) {
        read(c -> {
            Optional<String> why = ReadOnlyTarget.refusal(c);
            if (why.isPresent()) {
                throw new GodwitException(ExitCode.NOT_READY, command + " refused, nothing was written: " + why.get());
            }
            return null;
        });
    }

    interface Reading<T> {
        T read(Connection c) throws SQLException;
    }

    /** A read on one connection; the ways it can fail as exit codes. */
    <T> T read(Reading<T> reading) {
        try (Connection c = connector().open()) {
            return reading.read(c);
        } catch (ConnectFailure e) {
            throw connectFailure(e);
        } catch (SQLException e) {
            throw new GodwitException(ExitCode.FAILED, redact(e.getMessage()), List.of(), e);
        }
    }

    MigrationSet validFiles() {
        MigrationSet files = MigrationScanner.scanLocations(config.locations(), config.format());
        if (!files.problems().isEmpty()) {
            throw new GodwitException(ExitCode.VALIDATION, "the migration files have problems; fix them first:\n  - "
                    + String.join("\n  - ", files.problems().stream().map(Object::toString).toList()),
                    files.problems().stream().map(Problem::of).toList(), null);
        }
        return files;
    }

    /** Opens connections: from the application's DataSource when it gave one, else from the URL. */
    public Connector connector() {
        if (dataSource != null) {
            return () -> DataSources.open(dataSource);
        }
        return () -> Connections.open(config.connection());
    }

    RunSetup setup(String runId, RunListener runListener) {
        return new RunSetup(config, connector(), runListener, requester(runId), actor(), auditLog(), cancellation);
    }

    /** Who runs commands here, with ticket and approver, for the audit log and reports. */
    public Actor actor() {
        return Actor.detect(env, ticket, approver);
    }

    /**
     * Godwit's audit log, chained with HMAC when {@code GODWIT_AUDIT_KEY} is set. A set but empty key is refused
     * (exit 2) rather than taken as "no key": a plain chain where a keyed one was meant breaks every later verify.
     */
    public AuditLog auditLog() {
        return auditLog(config.schema(), env);
    }

    /** The audit log of {@code schema}, keyed with {@code GODWIT_AUDIT_KEY} from {@code env} when it is set. */
    public static AuditLog auditLog(String schema, Map<String, String> env) {
        String key = env.get(AUDIT_KEY);
        if (key == null) {
            return new AuditLog(schema, Optional.empty());
        }
        if (key.isEmpty()) {
            throw new GodwitException(ExitCode.USAGE, AUDIT_KEY + " is set but empty; unset it for plain SHA-256"
                    + " or set it to the audit key");
        }
        return new AuditLog(schema, Optional.of(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** The values no message may show: the database password, the audit and backup keys. */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        Optional.ofNullable(config.connection().password()).ifPresent(out::add);
        Optional.ofNullable(env.get(AUDIT_KEY)).ifPresent(out::add);
        Optional.ofNullable(env.get("GODWIT_BACKUP_KEY")).ifPresent(out::add);
        return out.stream().filter(s -> !s.isEmpty()).toList();
    }

    /** {@code text} with every secret masked. */
    public String redact(String text) {
        return text == null ? null : Secrets.redact(Secrets.redactUrl(text), secrets());
    }

    Cancellation cancellation() {
        return cancellation;
    }

    RunListener listener() {
        return listener;
    }

    Map<String, String> env() {
        return env;
    }

    static String newRunId() {
        return UUID.randomUUID().toString();
    }

    private MigrationLock.Requester requester(String runId) {
        // The host as the audit log names it (HOSTNAME, else the local name): the lock holder and the log agree.
        return new MigrationLock.Requester(System.getProperty("user.name"), actor().host(), ProcessHandle.current().pid(),
                runId);
    }

    /** A refusal is worth a line in the audit log, where it can be written (the database may be down). */
    void recordRefusal(RunSetup setup, AuditAction action, Map<String, Object> details, List<String> warnings) {
        try (Connection c = setup.connector().open()) {
            setup.audit().append(c, action, setup.runId(), null, setup.actor(), details);
        } catch (SQLException | ConnectFailure | RuntimeException e) {
            warnings.add("the refusal could not be recorded in the audit log: " + redact(e.getMessage()));
        }
    }

    /** Why a connection could not be opened, with the exit code that fits. */
    GodwitException connectFailure(ConnectFailure e) {
        int code = switch (e.kind()) {
            case AUTHENTICATION, DATABASE_MISSING -> ExitCode.USAGE;
            case UNREACHABLE -> ExitCode.NOT_READY;
            case OTHER -> ExitCode.FAILED;
        };
        return new GodwitException(code, redact(e.getMessage()), List.of(), e);
    }
}
