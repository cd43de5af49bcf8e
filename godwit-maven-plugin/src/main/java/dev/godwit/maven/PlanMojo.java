package dev.godwit.maven;

import dev.godwit.api.Godwit;
import dev.godwit.lint.Finding;
import dev.godwit.migration.MigrationScript;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code godwit plan}: what migrate would apply and the safety gate's verdict; fails as migrate would refuse. */
@Mojo(name = "plan", threadSafe = true)
public class PlanMojo extends GodwitMojo {

    /** Plan up to this version only. */
    @Parameter(property = "godwit.target")
    String target;

    /** Only this phase's migrations: expand, contract or all (the default; -- godwit:phase, docs/zero-downtime.md). */
    @Parameter(property = "godwit.phase", defaultValue = "all")
    String phase;

    @Override
    void run(Godwit godwit) throws MojoFailureException, MojoExecutionException {
        Godwit.PlanResult plan = godwit.plan(version(target, "target"), phase(phase));
        for (MigrationScript m : plan.planned().plan().pending()) {
            getLog().info("godwit: would apply " + m.script());
        }
        plan.planned().problems().forEach(p -> getLog().error("godwit: " + p));
        plan.lint().problems().forEach(p -> getLog().error("godwit: " + p));
        for (Finding f : plan.lint().findings()) {
            String line = f.location() + ": " + f.risk().word() + " " + f.rule() + ": " + f.message();
            if (f.blocks(plan.lint().maxRisk())) {
                getLog().error(line);
            } else {
                getLog().warn(line);
            }
        }
        int exit = plan.exitCode();
        if (exit != 0) {
            throw new MojoFailureException("godwit: migrate would refuse this plan (exit " + exit + ")");
        }
        getLog().info("godwit: " + plan.planned().plan().pending().size() + " migration(s) would be applied");
    }
}
