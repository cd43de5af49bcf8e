package dev.godwit.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code statements-after-exclusive-lock} finding per lock region — the rest of the transaction after a
 * statement took ACCESS EXCLUSIVE on an existing table — instead of one per statement run while it is held (a
 * long converging migration gave hundreds): the first statement's finding, at the highest risk of them all,
 * saying how many statements run under the lock and where. Allowed findings stay as they are.
 */
final class LockRegions {

    static final String RULE = "statements-after-exclusive-lock";

    /** A region's finding: where it is in the file's list, and the findings folded into it. */
    private record Region(int index, List<Finding> folded) {}

    private final Map<Integer, Region> byTransaction = new HashMap<>();

    /**
     * Takes note of {@code f}; false when it is folded into its region's finding (the caller drops it).
     *
     * @param transactionStart the first statement of {@code f}'s transaction: one region per transaction
     * @param index            where {@code f} would go in the file's findings
     */
    boolean add(Finding f, int transactionStart, int index) {
        if (!f.rule().equals(RULE) || f.allowed()) {
            return true;
        }
        Region r = byTransaction.get(transactionStart);
        if (r == null) {
            byTransaction.put(transactionStart, new Region(index, new ArrayList<>()));
            return true;
        }
        r.folded().add(f);
        return false;
    }

    /** The file's findings with each region's first finding saying what was folded into it. */
    List<Finding> merged(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings);
        for (Region r : byTransaction.values()) {
            if (r.folded().isEmpty()) {
                continue;
            }
            Finding first = out.get(r.index());
            Finding worst = first;
            for (Finding f : r.folded()) {
                worst = f.risk().compareTo(worst.risk()) > 0 ? f : worst;
            }
            List<String> lines = r.folded().stream().map(f -> String.valueOf(f.line())).toList();
            String more = "; " + r.folded().size() + (r.folded().size() == 1 ? " more statement runs" : " more statements run")
                    + " while the lock is held (line" + (lines.size() == 1 ? " " : "s ")
                    + String.join(", ", lines.size() > 10 ? lines.subList(0, 10) : lines)
                    + (lines.size() > 10 ? ", …" : "") + ")"
                    + (worst == first ? "" : "; the worst, at line " + worst.line() + ": " + worst.message());
            out.set(r.index(), new Finding(first.rule(), worst.risk(), first.file(), first.line(), first.column(),
                    first.statement(), first.message() + more, first.lock(), worst.work(), first.safeAlternative(),
                    first.allowedBecause()));
        }
        return out;
    }
}
