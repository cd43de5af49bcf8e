package dev.godwit.maven;

import dev.godwit.api.Godwit;
import dev.godwit.config.LintSettings;
import dev.godwit.config.Risk;
import dev.godwit.lint.Finding;
import dev.godwit.lint.LintReport;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The migrations linted in the build: fails it on findings at or above {@code max_risk} that the files do not
 * allow, each printed as a Maven error with file and line. No database.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class LintMojo extends GodwitMojo {

    /** The first risk that fails the build: low, medium, high or critical (default: {@code [lint] max_risk}, else high). */
    @Parameter(property = "godwit.maxRisk")
    String maxRisk;

    /** The PostgreSQL major the migrations will run on (default: {@code [lint] pg_version}, else 15). */
    @Parameter(property = "godwit.pgVersion")
    Integer pgVersion;

    @Override
    void run(Godwit godwit) throws MojoFailureException, MojoExecutionException {
        LintSettings settings = godwit.config().lint();
        if (maxRisk != null && !maxRisk.isBlank()) {
            settings = settings.withMaxRisk(Risk.parse(maxRisk).orElseThrow(() -> new MojoExecutionException(
                    "godwit: maxRisk must be low, medium, high or critical, not '" + maxRisk + "'")));
        }
        int major = pgVersion != null ? pgVersion : settings.pgVersion().orElse(LintSettings.DEFAULT_PG_VERSION);
        // The files migrate's gate judges: up and repeatable migrations. Not down scripts, which `godwit lint`
        // also reads: every `drop table` that undoes a `create table` is critical, and would fail every build.
        LintReport report = godwit.lintLocations(settings, major);
        if (!report.problems().isEmpty()) {
            report.problems().forEach(p -> getLog().error("godwit: " + p));
            throw new MojoFailureException("godwit: the lint directives have problems (exit 2)");
        }
        for (Finding f : report.findings()) {
            String line = f.location() + ": " + f.risk().word() + " " + f.rule() + ": " + f.message()
                    + (f.allowedBecause().map(r -> " (allowed: " + r + ")").orElse(""));
            if (f.blocks(report.maxRisk())) {
                getLog().error(line);
            } else {
                getLog().warn(line);
            }
        }
        List<Finding> blocking = report.blocking();
        getLog().info("godwit: " + report.files().size() + " file(s), " + report.findings().size() + " finding(s), "
                + blocking.size() + " at or above " + report.maxRisk().word());
        if (!blocking.isEmpty()) {
            throw new MojoFailureException("godwit: " + blocking.size() + " finding(s) at or above max_risk "
                    + report.maxRisk().word() + ", first " + blocking.get(0).location() + " " + blocking.get(0).rule()
                    + " (exit 5); make the change safely or allow it in the file with a reason (docs/linting.md)");
        }
    }
}
