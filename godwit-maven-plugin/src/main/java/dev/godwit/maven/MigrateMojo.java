package dev.godwit.maven;

import dev.godwit.api.Godwit;
import dev.godwit.api.MigrateOptions;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code godwit migrate}: every guard (duties, validation, preflight, the safety gate, the lock, backup when
 * configured, invariants, audit, report). Not bound to a phase: a build that migrates does so because it was asked.
 */
@Mojo(name = "migrate", threadSafe = true)
public class MigrateMojo extends GodwitMojo {

    /** Migrate up to this version only. */
    @Parameter(property = "godwit.target")
    String target;

    /** Only this phase's migrations: expand, contract or all (the default; -- godwit:phase, docs/zero-downtime.md). */
    @Parameter(property = "godwit.phase", defaultValue = "all")
    String phase;

    /** Skip the readiness checks (audited); a read-only target is still refused. */
    @Parameter(property = "godwit.skipPreflight", defaultValue = "false")
    boolean skipPreflight;

    @Override
    void run(Godwit godwit) throws MojoFailureException, MojoExecutionException {
        getLog().info("godwit: migrating " + godwit.config().connection().display());
        report(godwit.migrate(new MigrateOptions(version(target, "target"), skipPreflight, phase(phase))));
    }
}
