package dev.godwit.preflight;

import java.util.List;
import java.util.Objects;

/**
 * One readiness check's result.
 *
 * @param id        a stable id ({@code connections}, {@code table-locks}, ...): JSON and config use it
 * @param summary   what was measured, with its numbers ({@code 12 of 100 connections (12%)})
 * @param threshold what the numbers are held against ({@code warn at 80%, fail at 95%}); empty when none
 * @param details   one line per offender (a session, a standby, an index), when there are any
 */
public record Check(String id, Status status, String summary, String threshold, List<String> details) {

    public Check {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(threshold, "threshold");
        details = List.copyOf(details);
    }

    static Check pass(String id, String summary, String threshold) {
        return new Check(id, Status.PASS, summary, threshold, List.of());
    }
}
