package dev.godwit.execute;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter between lock-timeout retries: the n-th wait is drawn from
 * [d/2, d] where d = min(max, base * 2^(n-1)), so retrying runners spread out instead of colliding.
 */
public record Backoff(Duration base, Duration max) {

    public Duration delay(int attempt, RandomGenerator random) {
        long baseMs = Math.max(1, base.toMillis());
        long d = Math.min(max.toMillis(), baseMs << Math.min(20, Math.max(0, attempt - 1)));
        long half = d / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(d - half + 1)));
    }
}
