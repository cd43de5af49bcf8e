package dev.godwit.metrics;

import dev.godwit.base.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /health}: "ok", or "degraded" with one reason per problem, judged from the {@link State} read at
 * request time. A migration in progress is not a problem; a failure with no success since, a broken audit
 * chain, a failed schema audit, a stale or missing backup and an unreachable database are.
 *
 * @param backupMaxAge a newest verified backup older than this degrades (0: backups are not judged)
 */
public record Health(boolean ok, List<String> reasons) {

    public Health {
        reasons = List.copyOf(reasons);
    }

    public static Health unreachable(String why) {
        return new Health(false, List.of("the database cannot be read: " + why));
    }

    public static Health of(State s, Duration backupMaxAge, Instant now) {
        List<String> reasons = new ArrayList<>();
        if (s.lastFailure().isPresent() && (s.lastSuccess().isEmpty()
                || s.lastFailure().get().isAfter(s.lastSuccess().get()))) {
            reasons.add("the last migration failed, at " + s.lastFailure().get() + ", and none has succeeded since");
        }
        s.auditBreak().ifPresent(b -> reasons.add("the audit chain does not verify: " + b));
        s.integrityProblems().forEach(p -> reasons.add("schema audit: " + p));
        if (!backupMaxAge.isZero()) {
            Optional<Instant> b = s.lastBackup();
            if (b.isEmpty()) {
                reasons.add("no verified backup");
            } else if (Duration.between(b.get(), now).compareTo(backupMaxAge) > 0) {
                reasons.add("the newest verified backup is older than " + Durations.format(backupMaxAge));
            }
        }
        return new Health(reasons.isEmpty(), reasons);
    }

    public String status() {
        return ok ? "ok" : "degraded";
    }
}
