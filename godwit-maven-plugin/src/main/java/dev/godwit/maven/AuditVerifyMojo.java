package dev.godwit.maven;

import dev.godwit.api.Godwit;
import dev.godwit.audit.Verification;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code godwit audit verify}: the audit log's hash chain (HMAC with GODWIT_AUDIT_KEY) is intact. */
@Mojo(name = "audit-verify", threadSafe = true)
public class AuditVerifyMojo extends GodwitMojo {

    /** The head kept from an earlier run: a log cut after it fails too. */
    @Parameter(property = "godwit.expectHead")
    String expectHead;

    @Override
    void run(Godwit godwit) throws MojoFailureException {
        Verification v = godwit.audit().verify(Optional.ofNullable(expectHead).filter(s -> !s.isBlank()));
        if (!v.intact()) {
            String why = v.firstBreak().map(b -> "entry " + b.seq() + " " + b.word() + ": " + b.message())
                    .orElse("broken");
            getLog().error("godwit: the audit log is not intact: " + why);
            throw new MojoFailureException("godwit: the audit log is not intact: " + why + " (exit 4)");
        }
        getLog().info("godwit: audit log intact, " + v.entries() + " entries, head " + v.head());
    }
}
