package dev.godwit.cli;

import dev.godwit.api.Godwit;
import dev.godwit.api.GodwitException;
import dev.godwit.audit.Actor;
import dev.godwit.audit.AuditLog;
import dev.godwit.config.CliOverrides;
import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ConnectFailure;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;

/**
 * What one command invocation works with: its output and the {@link Godwit} its options configure. Every guard
 * (separation of duties, audit entries, reports) is the API's; this only turns options into settings and the API's
 * refusals into exit codes. Commands get one from {@link #of}.
 */
public final class Session {

    private final Output output;
    private final Godwit godwit;
    private final GlobalOptions global;

    private Session(Output output, Godwit godwit, GlobalOptions global) {
        this.output = output;
        this.godwit = godwit;
        this.global = global;
    }

    /** Loads the configuration; a configuration error ends the command with exit 2. */
    public static Session of(GlobalOptions g, Output output, CommandOverrides more) {
        CliOverrides cli = new CliOverrides(Optional.ofNullable(g.config), Optional.ofNullable(g.environment),
                Optional.ofNullable(g.url), Optional.ofNullable(g.locations), Optional.ofNullable(g.schema),
                Optional.ofNullable(more.lockTimeout()), Optional.ofNullable(more.statementTimeout()),
                Optional.ofNullable(more.lockWait()), Optional.ofNullable(more.outOfOrder()));
        try {
            Godwit godwit = Godwit.configure()
                    .commandLine(cli)
                    .environmentVariables(System.getenv())
                    .ticket(g.ticket, g.approvedBy)
                    .cancellation(Signals.cancellation())
                    .listener(dev.godwit.cli.ops.MetricsExport.wrap(g, e -> { }))
                    .load();
            output.addSecrets(godwit.secrets());
            Signals.grace(godwit.config().migrate().stopGrace());
            return new Session(output, godwit, g);
        } catch (GodwitException e) {
            throw new CliFailure(e.exitCode(), e.getMessage());
        }
    }

    /**
     * The settings this command line gives, not yet loaded: what {@code godwit fleet} hands the API, which adds
     * each target's URL to a fresh copy.
     */
    public static dev.godwit.api.GodwitBuilder builder(GlobalOptions g, CommandOverrides more) {
        CliOverrides cli = new CliOverrides(Optional.ofNullable(g.config), Optional.ofNullable(g.environment),
                Optional.ofNullable(g.url), Optional.ofNullable(g.locations), Optional.ofNullable(g.schema),
                Optional.ofNullable(more.lockTimeout()), Optional.ofNullable(more.statementTimeout()),
                Optional.ofNullable(more.lockWait()), Optional.ofNullable(more.outOfOrder()));
        return Godwit.configure().commandLine(cli).environmentVariables(System.getenv()).ticket(g.ticket, g.approvedBy)
                .cancellation(Signals.cancellation());
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

    /** The API this command is a client of. */
    public Godwit godwit() {
        return godwit;
    }

    public GodwitConfig config() {
        return godwit.config();
    }

    /** Who runs this command, with ticket and approver, for the audit log and reports. */
    public Actor actor() {
        return godwit.actor();
    }

    /** Godwit's audit log, chained with HMAC when GODWIT_AUDIT_KEY is set (the key is never printed). */
    public AuditLog auditLog() {
        try {
            return godwit.auditLog();
        } catch (GodwitException e) {
            throw new CliFailure(e.exitCode(), e.getMessage());
        }
    }

    public static final String AUDIT_KEY = Godwit.AUDIT_KEY;

    /** Opens a connection, or ends the command with the exit code that fits why it could not. */
    public Connection connect() {
        try {
            return godwit.connector().open();
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

    public Map<String, Object> databaseJson() {
        return Map.of("database", config().connection().display(), "schema", config().schema());
    }
}
