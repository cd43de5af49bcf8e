package dev.godwit.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes, before or after the command's name: {@code godwit --url U migrate}
 * and {@code godwit migrate --url U} both work. Declared once on the top command and inherited.
 */
public final class GlobalOptions {

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Configuration file (default: godwit.toml in the working directory, or $GODWIT_CONFIG).")
    Path config;

    @Option(names = "--env", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Use the [environments.NAME] section of the configuration (or $GODWIT_ENV).")
    String environment;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Database: postgres://user@host:port/db?sslmode=... or jdbc:postgresql://...")
    String url;

    @Option(names = "--locations", paramLabel = "DIR[,DIR]", split = ",", scope = ScopeType.INHERIT,
            description = "Folders of migration files (default: db/migrations next to the configuration).")
    List<String> locations;

    @Option(names = "--schema", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Schema of Godwit's own tables: history, lock (default: godwit).")
    String schema;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Machine-readable output on stdout; progress and logs go to stderr.")
    boolean json;

    @Option(names = "--ticket", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "The change ticket, recorded in the audit log and the run report (or $GODWIT_TICKET).")
    String ticket;

    @Option(names = "--approved-by", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Who approved the change, recorded with it (or $GODWIT_APPROVED_BY).")
    String approvedBy;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Log what Godwit does (stderr).")
    boolean verbose;

    @Option(names = "--metrics-file", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "Write Godwit's Prometheus metrics to this file (node_exporter textfile), atomically.")
    Path metricsFile;

    @Option(names = "--progress-every", paramLabel = "DURATION", scope = ScopeType.INHERIT,
            description = "Off a terminal, how often a long statement prints a progress line (default 10s; on a"
                    + " terminal one line is redrawn every second).")
    String progressEvery;

    /** --progress-every as a duration (10 s when not given); a bad value is a usage error. */
    public java.time.Duration progressEvery() {
        if (progressEvery == null) {
            return java.time.Duration.ofSeconds(10);
        }
        return dev.godwit.base.Durations.parse(progressEvery).orElseThrow(() -> new CliFailure(ExitCodes.USAGE,
                dev.godwit.base.Durations.expected("--progress-every", progressEvery)));
    }

    /** The log format on stderr. */
    public enum LogFormat { text, json }

    @Option(names = "--log-format", paramLabel = "text|json", scope = ScopeType.INHERIT,
            description = "Logs on stderr as text (default) or one JSON object per line.")
    LogFormat logFormat = LogFormat.text;

    /** The metrics this invocation collects; present with --metrics-file. */
    private dev.godwit.prometheus.GodwitMetrics metrics;

    public java.util.Optional<Path> metricsFile() {
        return java.util.Optional.ofNullable(metricsFile);
    }

    public synchronized java.util.Optional<dev.godwit.prometheus.GodwitMetrics> metrics() {
        if (metricsFile != null && metrics == null) {
            metrics = new dev.godwit.prometheus.GodwitMetrics();
        }
        return java.util.Optional.ofNullable(metrics);
    }

    public boolean json() {
        return json;
    }

    public String url() {
        return url;
    }

    /** True for a global option whose value is the next argument ({@code --url URL}, not {@code --json}). */
    static boolean takesValue(String arg) {
        for (java.lang.reflect.Field f : GlobalOptions.class.getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o != null && f.getType() != boolean.class && java.util.Arrays.asList(o.names()).contains(arg)) {
                return true;
            }
        }
        return false;
    }
}
