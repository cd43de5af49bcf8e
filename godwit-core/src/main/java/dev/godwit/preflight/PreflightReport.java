package dev.godwit.preflight;

import java.util.List;

/** Every check, in the order they ran; the verdict is the worst of them. */
public record PreflightReport(List<Check> checks) {

    public PreflightReport {
        checks = List.copyOf(checks);
    }

    public Status status() {
        return checks.stream().map(Check::status).reduce(Status.PASS, Status::worst);
    }

    public boolean failed() {
        return status() == Status.FAIL;
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> c.status() == Status.FAIL).toList();
    }
}
