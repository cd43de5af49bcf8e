package dev.godwit.maven;

import dev.godwit.api.Godwit;
import dev.godwit.api.RollbackOptions;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code godwit rollback}: reverts with down scripts, newest first; {@code steps} (default 1) or {@code to}. */
@Mojo(name = "rollback", threadSafe = true)
public class RollbackMojo extends GodwitMojo {

    @Parameter(property = "godwit.steps")
    Integer steps;

    /** Revert every migration above this version. */
    @Parameter(property = "godwit.to")
    String to;

    @Override
    void run(Godwit godwit) throws MojoFailureException, MojoExecutionException {
        if (steps != null && to != null) {
            throw new MojoExecutionException("godwit: give steps or to, not both");
        }
        RollbackOptions options = to != null ? new RollbackOptions(Optional.empty(), version(to, "to"))
                : RollbackOptions.steps(steps == null ? 1 : steps);
        report(godwit.rollback(options));
    }
}
