package dev.godwit.integrity;

import java.util.List;
import java.util.Optional;

/**
 * What the schema audit after a {@code migrate} found that the run introduced. The audit runs after COMMIT,
 * so it only reports; {@code error} says why it could not run, when it could not.
 */
public record AuditResult(List<Finding> findings, Optional<String> error) {

    public AuditResult {
        findings = List.copyOf(findings);
    }

    public static AuditResult failed(String why) {
        return new AuditResult(List.of(), Optional.of(why));
    }
}
