package dev.godwit.maven;

import dev.godwit.api.Godwit;
import dev.godwit.history.Repair;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code godwit repair}: marks failed rows; with {@code acceptChecksum} and {@code reason}, accepts an edited file's
 * new checksum (audited, with who accepted it).
 */
@Mojo(name = "repair", threadSafe = true)
public class RepairMojo extends GodwitMojo {

    @Parameter(property = "godwit.acceptChecksum")
    String acceptChecksum;

    @Parameter(property = "godwit.reason")
    String reason;

    @Override
    void run(Godwit godwit) throws MojoExecutionException {
        Optional<Repair.AcceptChecksum> accept = Optional.empty();
        if (acceptChecksum != null) {
            if (reason == null || reason.isBlank()) {
                throw new MojoExecutionException("godwit: acceptChecksum needs a reason (-Dgodwit.reason=...), kept in"
                        + " the audit log");
            }
            accept = Optional.of(new Repair.AcceptChecksum(version(acceptChecksum, "acceptChecksum").orElseThrow(),
                    reason.strip(), System.getProperty("user.name")));
        }
        Repair.Result result = godwit.repair(accept);
        if (result.changes().isEmpty()) {
            getLog().info("godwit: nothing to repair");
        }
        result.changes().forEach(c -> getLog().info("godwit: " + c));
    }
}
