package dev.godwit.api;

import dev.godwit.config.CliOverrides;
import dev.godwit.config.ConfigException;
import dev.godwit.config.ConfigLayer;
import dev.godwit.config.ConfigLoader;
import dev.godwit.config.GodwitConfig;
import dev.godwit.base.Cancellation;
import dev.godwit.run.RunListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Settings for a {@link Godwit}, from {@link Godwit#configure()}. Every {@code godwit.toml} setting can be given
 * here ({@link #set}), read from a file ({@link #configFile}), or both; then {@link #load()} checks them all at once,
 * with the messages a bad file gets.
 *
 * <p>Precedence, highest first: {@link #url}, {@link #locations}, {@link #schema} and the other typed setters;
 * {@code GODWIT_*} variables of {@link #environmentVariables} (the process's by default); {@link #set} and the
 * other settings in code; the {@code godwit.toml} named by {@link #configFile} (no file is read unless named).
 */
public final class GodwitBuilder {

    private final ConfigLayer layer = ConfigLayer.empty().withoutImplicitFile();
    private Path configFile;
    private String environment;
    private String url;
    private List<String> locations;
    private String schema;
    private String lockTimeout;
    private String statementTimeout;
    private String lockWait;
    private Boolean outOfOrder;
    private DataSource dataSource;
    private Map<String, String> env = System.getenv();
    private Path workingDir = Path.of("").toAbsolutePath();
    private final List<RunListener> listeners = new ArrayList<>();
    private Cancellation cancellation = Cancellation.none();
    private String ticket;
    private String approver;
    private CliOverrides overrides;
    private String targetUrl;
    private String targetSchema;
    private Map<String, String> targetPlaceholders = Map.of();
    private Map<String, String> targetEnv = Map.of();

    GodwitBuilder() {}

    /** Connections come from this pool (it must point at PostgreSQL); {@link #url} is still needed for backups. */
    public GodwitBuilder dataSource(DataSource dataSource) {
        this.dataSource = dataSource;
        return this;
    }

    /** {@code postgres://user:pass@host:port/db} or a {@code jdbc:postgresql:} URL ({@code [database] url}). */
    public GodwitBuilder url(String url) {
        this.url = url;
        return this;
    }

    /** A direct or session-pooled URL for the run itself, when {@link #url} goes through a transaction pooler. */
    public GodwitBuilder migrationUrl(String url) {
        layer.set("database.migration_url", url);
        return this;
    }

    /** Where migrations are: {@code classpath:db/godwit}, {@code filesystem:db/migrations}, or a folder. */
    public GodwitBuilder locations(String... locations) {
        this.locations = Arrays.asList(locations);
        return this;
    }

    /** Where Godwit keeps its own tables (default {@code godwit}). */
    public GodwitBuilder schema(String schema) {
        this.schema = schema;
        return this;
    }

    /** The {@code [environments.NAME]} section to apply, and the name reports and the audit log show. */
    public GodwitBuilder environment(String name) {
        this.environment = name;
        return this;
    }

    /** Reads this {@code godwit.toml}; settings given here win over it. */
    public GodwitBuilder configFile(Path file) {
        this.configFile = file;
        return this;
    }

    /** {@code ${name}} in migrations. */
    public GodwitBuilder placeholders(Map<String, String> placeholders) {
        placeholders.forEach((k, v) -> layer.set("placeholders." + k, v));
        return this;
    }

    public GodwitBuilder lockTimeout(Duration d) {
        this.lockTimeout = d.toMillis() + "ms";
        return this;
    }

    public GodwitBuilder statementTimeout(Duration d) {
        this.statementTimeout = d.toMillis() + "ms";
        return this;
    }

    /** How long to wait for another run's migration lock before giving up (exit 3). */
    public GodwitBuilder lockWait(Duration d) {
        this.lockWait = d.toMillis() + "ms";
        return this;
    }

    public GodwitBuilder outOfOrder(boolean allowed) {
        this.outOfOrder = allowed;
        return this;
    }

    /**
     * Any {@code godwit.toml} setting as {@code section.key}, with the value the file would hold:
     * {@code set("lint.max_risk", "high")}, {@code set("safety.on_failure", "rollback-run")},
     * {@code set("backup.before_migrate", true)}, {@code set("audit.require_ticket", true)}.
     */
    public GodwitBuilder set(String sectionAndKey, Object value) {
        layer.set(sectionAndKey, value);
        return this;
    }

    /**
     * A {@code [[hooks]]} entry: {@code hook("before_run", Map.of("run", "kubectl scale deployment/api --replicas=0",
     * "timeout", Duration.ofMinutes(2)))}, or {@code "sql"} with a file. Comes after the file's hooks (docs/hooks.md).
     */
    public GodwitBuilder hook(String at, Map<String, Object> keys) {
        Map<String, Object> table = new java.util.LinkedHashMap<>(keys);
        table.put("at", at);
        layer.add("hooks", table);
        return this;
    }

    /** A {@code [[notify]]} webhook on every event: {@code notify(Map.of("url", "https://hooks.slack.com/..."))}. */
    public GodwitBuilder notify(Map<String, Object> keys) {
        layer.add("notify", keys);
        return this;
    }

    /** Hears every step of a run: progress, retries, each migration applied. Several listeners all hear them. */
    public GodwitBuilder listener(RunListener listener) {
        listeners.add(listener);
        return this;
    }

    /** The change ticket and approver for the audit log ({@code [audit]} may require them). */
    public GodwitBuilder ticket(String ticket, String approvedBy) {
        this.ticket = ticket;
        this.approver = approvedBy;
        return this;
    }

    /** A run stops cleanly when this is requested: the application's shutdown, say. */
    public GodwitBuilder cancellation(Cancellation cancellation) {
        this.cancellation = cancellation;
        return this;
    }

    /** The {@code GODWIT_*} variables to read (default: the process's); {@code Map.of()} reads none. */
    public GodwitBuilder environmentVariables(Map<String, String> env) {
        this.env = Map.copyOf(env);
        return this;
    }

    /** Where relative paths without a configuration file resolve (default: the working folder). */
    public GodwitBuilder workingDirectory(Path dir) {
        this.workingDir = dir.toAbsolutePath();
        return this;
    }

    /**
     * For command-line clients: the options as the user typed them, reported with the flag's name when bad. They
     * replace the typed setters above.
     */
    public GodwitBuilder commandLine(CliOverrides overrides) {
        this.overrides = overrides;
        return this;
    }

    /**
     * For {@link Fleet}: this builder's settings aimed at one target of a fleet. The URL and Godwit's schema win
     * over every other layer (command line included); the placeholders over the file's; {@code moreEnv} is added
     * to the variables read (the fleet run id, which the audit log records with each entry).
     */
    GodwitBuilder fleetTarget(String url, Optional<String> godwitSchema, Map<String, String> placeholders,
                              Map<String, String> moreEnv) {
        this.targetUrl = url;
        this.targetSchema = godwitSchema.orElse(null);
        this.targetPlaceholders = Map.copyOf(placeholders);
        this.targetEnv = Map.copyOf(moreEnv);
        return this;
    }

    /** Checks every setting and returns the configured Godwit; a bad setting is a {@link GodwitException} (exit 2). */
    public Godwit load() {
        CliOverrides cli = overrides != null ? overrides : new CliOverrides(Optional.ofNullable(configFile),
                Optional.ofNullable(environment), Optional.ofNullable(url), Optional.ofNullable(locations),
                Optional.ofNullable(schema), Optional.ofNullable(lockTimeout), Optional.ofNullable(statementTimeout),
                Optional.ofNullable(lockWait), Optional.ofNullable(outOfOrder));
        ConfigLayer settings = overrides != null ? ConfigLayer.empty() : layer;
        if (targetUrl != null) {
            cli = new CliOverrides(cli.configFile(), cli.environment(), Optional.of(targetUrl), cli.locations(),
                    targetSchema != null ? Optional.of(targetSchema) : cli.schema(), cli.lockTimeout(),
                    cli.statementTimeout(), cli.lockWait(), cli.outOfOrder());
        }
        for (Map.Entry<String, String> p : targetPlaceholders.entrySet()) {
            settings.set("placeholders." + p.getKey(), p.getValue());
        }
        Map<String, String> variables = new LinkedHashMap<>(env);
        variables.putAll(targetEnv);
        if (dataSource != null && url == null && !variables.containsKey("GODWIT_URL")) {
            // The pool is the connection; the configuration still names a database for messages and pg_dump.
            variables.put("GODWIT_URL", DataSources.urlOf(dataSource));
        }
        try {
            GodwitConfig config = ConfigLoader.load(cli, variables, workingDir,
                    Path.of(System.getProperty("user.home")), settings);
            List<RunListener> all = new ArrayList<>(listeners);
            all.add(new dev.godwit.run.RunLog());
            return new Godwit(config, variables, dataSource, RunListener.all(all), cancellation, ticket,
                    approver);
        } catch (ConfigException e) {
            throw new GodwitException(ExitCode.USAGE, e.getMessage());
        }
    }
}
