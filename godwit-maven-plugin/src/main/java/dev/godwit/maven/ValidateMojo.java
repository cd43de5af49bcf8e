package dev.godwit.maven;

import dev.godwit.api.Godwit;
import dev.godwit.plan.Planner;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code godwit validate}: the files, the history and each pending file's SQL; fails when migrate would refuse. */
@Mojo(name = "validate", threadSafe = true)
public class ValidateMojo extends GodwitMojo {

    @Override
    void run(Godwit godwit) throws MojoFailureException {
        Planner.Planned planned = godwit.validate();
        if (!planned.valid()) {
            planned.problems().forEach(p -> getLog().error("godwit: " + p));
            throw new MojoFailureException("godwit: " + planned.problems().size() + " problem(s); migrate would"
                    + " refuse these files (exit 4)");
        }
        getLog().info("godwit: valid; " + planned.plan().pending().size() + " pending on "
                + godwit.config().connection().display());
    }
}
