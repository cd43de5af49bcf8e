package dev.godwit.audit;

import dev.godwit.audit.Verification.Break;
import dev.godwit.audit.Verification.Break.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names the first broken link of a chain read in seq order. The rules, in the order they are tried for each
 * entry, are documented in docs/audit.md ("What verify reports"); this class is their only implementation.
 * It needs no database: each {@link Link} already says whether the entry's content matches its hash.
 */
final class ChainRules {

    /**
     * One entry as verify sees it: its seq and stored hashes, whether its stored hash matches its content under
     * the hashing in use ({@code consistent}), and whether it would under plain SHA-256 ({@code plain}).
     */
    record Link(long seq, String prevHash, String hash, boolean consistent, boolean plain) {}

    private final List<Link> links;
    private final boolean keyed;
    private final Map<String, Integer> byHash = new HashMap<>();

    private ChainRules(List<Link> links, boolean keyed) {
        this.links = links;
        this.keyed = keyed;
        for (int i = 0; i < links.size(); i++) {
            byHash.putIfAbsent(links.get(i).hash(), i);
        }
    }

    static Verification check(List<Link> links, boolean keyed, Optional<String> expectHead) {
        String head = links.isEmpty() ? Chain.GENESIS : links.get(links.size() - 1).hash();
        ChainRules rules = new ChainRules(links, keyed);
        Optional<Break> b = rules.key();
        for (int i = 0; b.isEmpty() && i < links.size(); i++) {
            b = rules.at(i);
        }
        if (b.isEmpty() && expectHead.isPresent()) {
            b = rules.tail(expectHead.get().trim().toLowerCase(java.util.Locale.ROOT));
        }
        return b.map(x -> Verification.broken(links.size(), head, x))
                .orElseGet(() -> Verification.intact(links.size(), head));
    }

    /** KEY: no entry verifies with the hashing in use, or a keyed log's first entry is a plain SHA-256. */
    private Optional<Break> key() {
        if (links.isEmpty()) {
            return Optional.empty();
        }
        Link first = links.get(0);
        boolean none = links.stream().noneMatch(Link::consistent);
        if (keyed && !first.consistent() && first.plain()) {
            return brk(first.seq(), Kind.KEY, "entries are hashed with plain SHA-256, not with this HMAC key: wrong"
                    + " or missing GODWIT_AUDIT_KEY when the log was written, or the chain was re-hashed by"
                    + " someone without the key");
        }
        if (none && keyed) {
            return brk(first.seq(), Kind.KEY, "no entry's hash verifies with this key: wrong or missing"
                    + " GODWIT_AUDIT_KEY (or every entry was edited)");
        }
        if (none) {
            return brk(first.seq(), Kind.KEY, "no entry's hash verifies with plain SHA-256: the log was written"
                    + " with an HMAC key; wrong or missing GODWIT_AUDIT_KEY (or every entry was edited)");
        }
        return Optional.empty();
    }

    private Optional<Break> at(int i) {
        Link r = links.get(i);
        Link p = i == 0 ? null : links.get(i - 1);
        long expectedSeq = p == null ? 1 : p.seq() + 1;
        String expectedPrev = p == null ? Chain.GENESIS : p.hash();
        if (r.seq() < expectedSeq) {
            return brk(r.seq(), Kind.INSERTED, "entry " + r.seq() + " comes before entry 1; the log starts at 1");
        }
        if (r.seq() > expectedSeq) {
            return gap(r, expectedSeq, expectedPrev);
        }
        if (!r.prevHash().equals(expectedPrev)) {
            return link(i, r);
        }
        if (i + 1 < links.size() && links.get(i + 1).prevHash().equals(expectedPrev)) {
            return brk(r.seq(), Kind.INSERTED, "entry " + links.get(i + 1).seq() + " links to the entry before "
                    + r.seq() + ", past it: entry " + r.seq() + " was inserted");
        }
        if (!r.consistent()) {
            return brk(r.seq(), Kind.EDITED, "entry " + r.seq() + " does not match its hash: its content was changed"
                    + (keyed && r.plain() ? "; its hash is a plain SHA-256 of the changed content, so it was"
                    + " re-hashed by someone without GODWIT_AUDIT_KEY" : ""));
        }
        return Optional.empty();
    }

    /** Seq jumps past the expected number. */
    private Optional<Break> gap(Link r, long expectedSeq, String expectedPrev) {
        if (r.prevHash().equals(expectedPrev)) {
            return brk(r.seq(), Kind.EDITED, "entry " + r.seq() + " links to entry " + (expectedSeq - 1)
                    + " but is numbered " + r.seq() + ", not " + expectedSeq + ": its seq was changed");
        }
        String which = r.seq() - 1 == expectedSeq ? "entry " + expectedSeq + " is"
                : "entries " + expectedSeq + " to " + (r.seq() - 1) + " are";
        return brk(expectedSeq, Kind.DELETED, which + " missing: the log goes from " + (expectedSeq - 1)
                + " to " + r.seq());
    }

    /** The entry's prev_hash is not its predecessor's hash. */
    private Optional<Break> link(int i, Link r) {
        Integer j = r.prevHash().equals(Chain.GENESIS) ? Integer.valueOf(-1) : byHash.get(r.prevHash());
        if (j != null && j > i) {
            return brk(r.seq(), Kind.REORDERED, "entry " + r.seq() + " links to entry " + links.get(j).seq()
                    + ", which comes after it: the order of seq and the chain's links disagree");
        }
        if (j != null && j == i) {
            return brk(r.seq(), Kind.EDITED, "entry " + r.seq() + " links to itself");
        }
        if (j != null) {
            long first = links.get(j + 1).seq();
            String before = j < 0 ? "the start of the log" : "entry " + links.get(j).seq();
            return brk(first, Kind.INSERTED, "entry " + r.seq() + " links to " + before + ": the entries from "
                    + first + " up to it are not part of the chain (inserted)");
        }
        if (r.consistent()) {
            String or = i == 0 ? "" : ", or entry " + links.get(i - 1).seq() + " was edited and its hash recomputed";
            return brk(r.seq(), Kind.INSERTED, "entry " + r.seq() + " links to an entry that is not in the log:"
                    + " entry " + r.seq() + " was inserted" + or);
        }
        return brk(r.seq(), Kind.DELETED, "entry " + r.seq() + " links to an entry that is not in the log and does"
                + " not match its own hash: entries before it were deleted and the rest renumbered (or its"
                + " prev_hash was edited)");
    }

    /** With the head the caller kept: it must be the last entry's hash. */
    private Optional<Break> tail(String expected) {
        long last = links.isEmpty() ? 0 : links.get(links.size() - 1).seq();
        if (expected.equals(links.isEmpty() ? Chain.GENESIS : links.get(links.size() - 1).hash())) {
            return Optional.empty();
        }
        Integer j = byHash.get(expected);
        if (j == null) {
            return brk(last + 1, Kind.CUT_TAIL, "the expected head " + expected + " is not the hash of any entry:"
                    + " the log was cut after entry " + last + " (or the head is from another log)");
        }
        return brk(links.get(j).seq() + 1, Kind.CUT_TAIL, "the expected head is entry " + links.get(j).seq()
                + ", but the log goes on to entry " + last + ": entries were appended since that head was kept,"
                + " or the tail after it was replaced");
    }

    private static Optional<Break> brk(long seq, Kind kind, String message) {
        return Optional.of(new Break(seq, kind, message));
    }
}
