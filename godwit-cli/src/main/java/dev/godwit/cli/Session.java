package dev.godwit.cli;

import dev.godwit.config.CliOverrides;
import dev.godwit.config.ConfigException;
import dev.godwit.config.ConfigLoader;
import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ConnectFailure;
import dev.godwit.db.Connections;
import dev.godwit.audit.Actor;
import dev.godwit.audit.AuditAction;
import dev.godwit.audit.AuditLog;
import dev.godwit.execute.Connector;
import dev.godwit.execute.Duties;
import dev.godwit.run.RunListener;
import dev.godwit.execute.RunSetup;
import dev.godwit.lock.MigrationLock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What one command invocation works with: its output, its configuration (loaded once), a way to open
 * connections, and who is running it. Commands get one from {@link #of}.
 */
public final class Session {

    private final Output output;
    private final GodwitConfig config;
    private final String runId = UUID.randomUUID().toString();

    private final GlobalOptions global;

    private Session(Output output, GodwitConfig config, GlobalOptions global) {
        this.output = output;
        this.config = config;
        this.global = global;
    }

    /** Loads the configuration; a configuration error ends the command with exit 2. */
    public static Session of(GlobalOptions g, Output output, CommandOverrides more) {
        CliOverrides cli = new CliOverrides(Optional.ofNullable(g.config), Optional.ofNullable(g.environment),
                Optional.ofNullable(g.url), Optional.ofNullable(g.locations), Optional.ofNullable(g.schema),
                Optional.ofNullable(more.lockTimeout()), Optional.ofNullable(more.statementTimeout()),
                Optional.ofNullable(more.lockWait()), Optional.ofNullable(more.outOfOrder()));
        try {
            GodwitConfig config = ConfigLoader.load(cli, System.getenv(), Path.of("").toAbsolutePath(),
                    Path.of(System.getProperty("user.home")));
            output.addSecrets(List.of(Optional.ofNullable(config.connection().password()).orElse("")));
            return new Session(output, config, g);
        } catch (ConfigException e) {
            throw new CliFailure(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** Options some commands add to the configuration (null when not given). */
    public record CommandOverrides(String lockTimeout, String statementTimeout, String lockWait, Boolean outOfOrder) {
        public static final CommandOverrides NONE = new CommandOverrides(null, null, null, null);
    }

    public GlobalOptions global() {
        return global;
    }

    public Output out() {
        return output;
    }

    public GodwitConfig config() {
        return config;
    }

    public String runId() {
        return runId;
    }

    /** Who runs this command, with ticket and approver, for the audit log and reports. */
    public Actor actor() {
        return Actor.detect(System.getenv(), global.ticket, global.approvedBy);
    }

    /** Godwit's audit log, chained with HMAC when GODWIT_AUDIT_KEY is set (the key is never printed). */
    public AuditLog auditLog() {
        return auditLog(System.getenv());
    }

    /**
     * The same with the key from {@code env}. A set but empty key is refused (exit 2) rather than taken as
     * "no key": writing a plain chain where a keyed one was meant would break it for every later verify.
     */
    public AuditLog auditLog(Map<String, String> env) {
        String key = env.get(AUDIT_KEY);
        if (key == null) {
            return new AuditLog(config.schema(), Optional.empty());
        }
        if (key.isEmpty()) {
            throw new CliFailure(ExitCodes.USAGE, AUDIT_KEY + " is set but empty; unset it for plain SHA-256"
                    + " or set it to the audit key");
        }
        output.addSecrets(List.of(key));
        return new AuditLog(config.schema(), Optional.of(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public static final String AUDIT_KEY = "GODWIT_AUDIT_KEY";

    /** Everything a run needs; refuses first when [audit] separation of duties says no (exit 2, audited). */
    public RunSetup setup(RunListener listener, String command) {
        Signals.grace(config.migrate().stopGrace());
        RunSetup setup = new RunSetup(config, connector(), dev.godwit.cli.ops.MetricsExport.wrap(global, listener),
                requester(), actor(), auditLog(), Signals.cancellation());
        Optional<String> refusal = Duties.refusal(config.audit(), setup.actor(), command);
        if (refusal.isPresent()) {
            try (Connection c = connect()) {
                setup.audit().append(c, AuditAction.REFUSED, runId, null, setup.actor(),
                        Map.of("command", command, "reason", refusal.get()));
            } catch (java.sql.SQLException | CliFailure e) {
                output.warn("the refusal could not be recorded in the audit log: " + e.getMessage());
            }
            throw new CliFailure(ExitCodes.USAGE, refusal.get());
        }
        return setup;
    }

    public Connector connector() {
        return () -> Connections.open(config.connection());
    }

    /** Opens a connection, or ends the command with the exit code that fits why it could not. */
    public Connection connect() {
        try {
            return connector().open();
        } catch (ConnectFailure e) {
            throw connectFailure(e);
        }
    }

    public static CliFailure connectFailure(ConnectFailure e) {
        int code = switch (e.kind()) {
            case AUTHENTICATION, DATABASE_MISSING -> ExitCodes.USAGE;
            case UNREACHABLE -> ExitCodes.NOT_READY;
            case OTHER -> ExitCodes.FAILED;
        };
        return new CliFailure(code, e.getMessage());
    }

    public MigrationLock.Requester requester() {
        return new MigrationLock.Requester(System.getProperty("user.name"), hostName(),
                ProcessHandle.current().pid(), runId);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    public Map<String, Object> databaseJson() {
        return Map.of("database", config.connection().display(), "schema", config.schema());
    }
}
