package dev.godwit.integrity;

import java.util.List;
import java.util.Objects;

/**
 * One invariant of one migration, checked: its value before and after, what was expected, and the verdict.
 *
 * @param check    {@code ledger_entries.rows}, {@code ledger_entries.sum(amount)}, or a user invariant's name
 * @param expected {@code no rows lost}, {@code unchanged}, {@code change +0..+100}, {@code zero}, ...
 * @param how      how it was measured ({@code exact}, {@code counters: …}, {@code skipped: …}) or, for a user
 *                 invariant, where it is defined
 * @param evidence for a violated {@code no_rows} invariant, up to 10 of the rows it found
 */
public record InvariantResult(String check, String before, String after, String expected, Status status,
                              String how, List<String> evidence) {

    public enum Status {
        HOLDS("ok"),
        CHANGED_AS_DECLARED("ok: declared change"),
        VIOLATED("VIOLATED"),
        /** It already failed before the migration, and the migration did not change it. */
        ALREADY_FAILING("failing before too"),
        SKIPPED("skipped"),
        /** An {@code expect-change} that matches no check: most likely a misspelt target. */
        UNUSED_DECLARATION("matches no check");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public InvariantResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        evidence = List.copyOf(evidence);
    }

    public boolean violated() {
        return status == Status.VIOLATED;
    }

    /** {@code ledger_entries.rows: before 6, after 2, expected no rows lost}. */
    public String describe() {
        return check + ": before " + before + ", after " + after + ", expected " + expected;
    }
}
