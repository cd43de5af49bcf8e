package dev.godwit.maven;

import dev.godwit.api.Godwit;
import dev.godwit.api.GodwitBuilder;
import dev.godwit.api.GodwitException;
import dev.godwit.api.RunResult;
import dev.godwit.migration.Version;
import dev.godwit.sql.Phase;
import java.io.File;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;

/**
 * What every goal shares: the settings, in the layers of the API (parameters and {@code -Dgodwit.*} over
 * {@code GODWIT_*} variables over {@code <settings>} over {@code godwit.toml}), the credentials of a settings.xml
 * server, and Godwit's refusals as build failures with their exit code. Each goal is one small class.
 */
abstract class GodwitMojo extends AbstractMojo {

    /** {@code [database] url}; without a password, which comes from {@link #serverId} or the environment. */
    @Parameter(property = "godwit.url")
    String url;

    /** {@code [migrations] locations}; default {@code filesystem:src/main/resources/db/godwit}. */
    @Parameter(property = "godwit.locations")
    List<String> locations;

    /** The {@code godwit.toml} to read; {@code ${project.basedir}/godwit.toml} when it exists. */
    @Parameter(property = "godwit.configFile", defaultValue = "${project.basedir}/godwit.toml")
    File configFile;

    /** The {@code [environments.NAME]} section to apply. */
    @Parameter(property = "godwit.environment")
    String environment;

    /** Godwit's own schema. */
    @Parameter(property = "godwit.schema")
    String schema;

    /** The id of a settings.xml {@code <server>} whose username and password connect (never printed). */
    @Parameter(property = "godwit.serverId")
    String serverId;

    /** Any {@code godwit.toml} setting as {@code <section.key>value</section.key>}, e.g. {@code <lint.max_risk>}. */
    @Parameter
    Map<String, String> settings = new HashMap<>();

    /** The change ticket and approver for the audit log. */
    @Parameter(property = "godwit.ticket")
    String ticket;

    @Parameter(property = "godwit.approver")
    String approver;

    @Parameter(property = "godwit.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings mavenSettings;

    @Parameter(defaultValue = "${session.userProperties}", readonly = true)
    Properties userProperties;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("godwit: skipped (godwit.skip)");
            return;
        }
        Godwit godwit;
        try {
            godwit = configure().load();
        } catch (GodwitException e) {
            throw failure(e);
        }
        try {
            run(godwit);
        } catch (GodwitException e) {
            throw failure(e);
        }
    }

    /** The goal's work; a {@link GodwitException} becomes a build failure with its exit code. */
    abstract void run(Godwit godwit) throws MojoFailureException, MojoExecutionException;

    GodwitBuilder configure() throws MojoExecutionException {
        GodwitBuilder b = Godwit.configure().workingDirectory(basedir.toPath()).environmentVariables(environment());
        if (configFile != null && configFile.isFile()) {
            b.configFile(configFile.toPath());
        }
        settings.forEach(b::set);
        // -Dgodwit.section.key=value: any godwit.toml setting from the command line (the goals' own properties,
        // godwit.url and the like, have one dot and are parameters). godwit.test.* belongs to godwit-junit5.
        if (userProperties != null) {
            userProperties.stringPropertyNames().stream()
                    .filter(k -> k.startsWith("godwit.") && k.indexOf('.', "godwit.".length()) > 0)
                    .filter(k -> !k.startsWith("godwit.test."))
                    .forEach(k -> b.set(k.substring("godwit.".length()), userProperties.getProperty(k)));
        }
        if (url != null && !url.isBlank()) {
            b.url(url);
        }
        if (locations != null && !locations.isEmpty()) {
            b.locations(locations.toArray(String[]::new));
        } else if (configFile == null || !configFile.isFile()) {
            b.locations("filesystem:" + basedir.toPath().resolve("src/main/resources/db/godwit"));
        }
        if (environment != null && !environment.isBlank()) {
            b.environment(environment);
        }
        if (schema != null && !schema.isBlank()) {
            b.schema(schema);
        }
        if (ticket != null || approver != null) {
            b.ticket(ticket, approver);
        }
        return b;
    }

    /**
     * The process's variables, plus the settings.xml server's user and password as PGUSER and PGPASSWORD: the URL
     * then needs no password, and libpq's rule fills it in (a password in the URL still wins). Nothing here is
     * logged; Godwit's messages mask the password.
     */
    private Map<String, String> environment() throws MojoExecutionException {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        if (serverId == null || serverId.isBlank()) {
            return env;
        }
        Server server = mavenSettings == null ? null : mavenSettings.getServer(serverId);
        if (server == null) {
            throw new MojoExecutionException("godwit: no <server> with id '" + serverId + "' in settings.xml;"
                    + " add one with <username> and <password>, or unset godwit.serverId");
        }
        if (server.getPassword() != null && server.getPassword().startsWith("{")) {
            throw new MojoExecutionException("godwit: the password of server '" + serverId + "' is encrypted, which"
                    + " this plugin cannot read yet; give it in PGPASSWORD or GODWIT_DATABASE_URL instead");
        }
        if (server.getUsername() != null) {
            env.put("PGUSER", server.getUsername());
        }
        if (server.getPassword() != null) {
            env.put("PGPASSWORD", server.getPassword());
        }
        return env;
    }

    static Optional<Version> version(String text, String parameter) throws MojoExecutionException {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Version.parse(text));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("godwit: " + parameter + ": " + e.getMessage());
        }
    }

    static Optional<Phase> phase(String text) throws MojoExecutionException {
        try {
            return Phase.option(text);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("godwit: phase " + e.getMessage());
        }
    }

    /** A migrate or rollback: its outcome in the log, and a failure with the CLI's exit code unless it is done. */
    void report(RunResult result) throws MojoFailureException {
        String text = result.describe();
        result.warnings().forEach(w -> getLog().warn("godwit: " + w));
        if (!result.succeeded()) {
            for (String line : text.split("\n")) {
                getLog().error("godwit: " + line);
            }
            throw new MojoFailureException("godwit: " + text.lines().findFirst().orElse(text));
        }
        text.lines().forEach(line -> getLog().info("godwit: " + line));
        result.auditHead().ifPresent(h -> getLog().info("godwit: audit head " + h));
    }

    private MojoFailureException failure(GodwitException e) {
        for (String line : e.getMessage().split("\n")) {
            getLog().error("godwit: " + line);
        }
        return new MojoFailureException("godwit: " + e.getMessage().lines().findFirst().orElse("")
                + " (exit " + e.exitCode() + ")", e);
    }
}
