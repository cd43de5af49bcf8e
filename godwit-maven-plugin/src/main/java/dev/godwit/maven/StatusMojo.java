package dev.godwit.maven;

import dev.godwit.api.Godwit;
import dev.godwit.migration.StatusEntry;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code godwit status}: every migration's state, the current version and who holds the lock. Never fails on them. */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends GodwitMojo {

    @Override
    void run(Godwit godwit) {
        Godwit.StatusResult status = godwit.status();
        getLog().info("godwit: " + godwit.config().connection().display() + " at "
                + status.planned().plan().current().map(Object::toString).orElse("no version"));
        for (StatusEntry e : status.planned().plan().entries()) {
            getLog().info(String.format("  %-10s %-8s %s", e.state().name().toLowerCase(java.util.Locale.ROOT),
                    e.version() == null ? "" : e.version(), e.description()));
        }
        status.planned().problems().forEach(p -> getLog().warn("godwit: " + p));
        getLog().info("godwit: lock " + status.lock().map(h -> "held by " + h.holder() + " on " + h.host()
                + " (run " + h.runId() + ")").orElse("free"));
    }
}
