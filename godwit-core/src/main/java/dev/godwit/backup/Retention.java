package dev.godwit.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which backups {@code prune} removes. Each rule keeps: {@code keepLast} keeps the newest N, {@code maxAge} keeps
 * everything younger than D; a backup goes only when no rule that is set keeps it (with both set: beyond the newest
 * N <em>and</em> older than D, so a quiet month never prunes down to nothing). Never a backup marked keep, and never
 * the newest verified pre-migration backup: it is the one a failed release is restored from.
 */
public final class Retention {

    /** @param keepLast 0: no count limit; @param maxAge zero: no age limit */
    public record Rules(int keepLast, Duration maxAge) {
        public boolean none() {
            return keepLast == 0 && maxAge.isZero();
        }
    }

    /** @param kept each kept backup's id and why it is kept */
    public record Plan(List<Manifest> remove, Map<String, String> kept) {}

    private Retention() {}

    static Plan plan(List<Manifest> all, Rules rules, Instant now) {
        List<Manifest> newestFirst = newestFirst(all);
        Optional<String> protectedId = newestFirst.stream()
                .filter(m -> Manifest.PRE_MIGRATE.equals(m.purpose()) && m.verified() != null)
                .map(Manifest::id).findFirst();
        List<Manifest> remove = new ArrayList<>();
        Map<String, String> kept = new LinkedHashMap<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            Manifest m = newestFirst.get(i);
            String keptBy = keptBy(m, i, rules, now);
            if (m.keep()) {
                kept.put(m.id(), "marked keep");
            } else if (protectedId.filter(m.id()::equals).isPresent()) {
                kept.put(m.id(), "the newest verified pre-migration backup");
            } else if (keptBy == null) {
                remove.add(m);
            } else {
                kept.put(m.id(), keptBy);
            }
        }
        return new Plan(remove, kept);
    }

    static List<Manifest> newestFirst(List<Manifest> all) {
        List<Manifest> out = new ArrayList<>(all);
        out.sort(java.util.Comparator.comparing(Manifest::id).reversed());
        return out;
    }

    /** Which rule keeps {@code m} (the newest first is at {@code position} 0), or null when none does. */
    private static String keptBy(Manifest m, int position, Rules rules, Instant now) {
        if (rules.none()) {
            return "no keep_last or max_age set";
        }
        if (rules.keepLast() > 0 && position < rules.keepLast()) {
            return "one of the newest " + rules.keepLast();
        }
        if (!rules.maxAge().isZero() && !m.created().isBefore(now.minus(rules.maxAge()))) {
            return "younger than " + dev.godwit.base.Durations.format(rules.maxAge());
        }
        return null;
    }
}
