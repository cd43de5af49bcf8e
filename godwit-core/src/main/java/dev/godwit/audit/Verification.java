package dev.godwit.audit;

import java.util.Optional;

/**
 * What {@link AuditLog#verify} found: whether the chain is intact, how many entries it has, the hash of the last
 * entry (the head to keep elsewhere, or {@link Chain#GENESIS} when the log is empty), and the first broken link.
 */
public record Verification(boolean intact, long entries, String head, Optional<Break> firstBreak) {

    /** The first broken link: the entry's seq (or where the missing entry would be), what kind, and why. */
    public record Break(long seq, Kind kind, String message) {
        public enum Kind { EDITED, DELETED, INSERTED, REORDERED, CUT_TAIL, KEY }

        /** {@code edited}, {@code cut_tail}: for messages and JSON. */
        public String word() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static Verification intact(long entries, String head) {
        return new Verification(true, entries, head, Optional.empty());
    }

    static Verification broken(long entries, String head, Break b) {
        return new Verification(false, entries, head, Optional.of(b));
    }
}
