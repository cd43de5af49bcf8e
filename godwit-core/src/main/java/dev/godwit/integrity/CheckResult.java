package dev.godwit.integrity;

import java.util.List;
import java.util.Objects;

/**
 * One line of {@code godwit check}: a check on one subject, passed or not.
 *
 * @param check   the check's id ({@code float-money}, {@code orphans}, {@code invariant}, ...)
 * @param subject what it looked at: empty for a schema check (it looks at every table), else
 *                {@code ledger_entries.account_id -> accounts.id}, an invariant's name, ...
 * @param summary in a few words: {@code 2 found}, {@code 3 orphaned row(s)}, {@code value 0.00}
 * @param details for a failed check, what was found: the schema findings, or up to 10 offending rows
 */
public record CheckResult(String check, String subject, Status status, String summary, List<String> details) {

    public enum Status { PASSED, FAILED, SKIPPED }

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        details = List.copyOf(details);
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
