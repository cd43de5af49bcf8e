package dev.godwit.maven;

import dev.godwit.api.Godwit;
import dev.godwit.history.Baseline;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code godwit baseline}: records an existing database as being at {@code version} (audited). */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends GodwitMojo {

    @Parameter(property = "godwit.version", required = true)
    String version;

    @Parameter(property = "godwit.description", defaultValue = "baseline")
    String description;

    @Override
    void run(Godwit godwit) throws MojoExecutionException {
        Baseline.Result result = godwit.baseline(version(version, "version").orElseThrow(), description);
        result.written().forEach(row -> getLog().info("godwit: recorded " + row.label()));
    }
}
