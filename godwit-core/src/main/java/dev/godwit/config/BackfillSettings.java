package dev.godwit.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code [backfill]}: the canary query a batched backfill runs before each batch, on a connection of its own, and
 * the latency above which it waits (docs/backfills.md#throttling).
 *
 * @param canaryQuery a query the application's own traffic depends on; none: no canary
 * @param canaryMax   while the canary takes longer than this, the next batch waits
 */
public record BackfillSettings(Optional<String> canaryQuery, Duration canaryMax) {

    public static final Duration DEFAULT_CANARY_MAX = Duration.ofMillis(50);

    public BackfillSettings {
        Objects.requireNonNull(canaryQuery, "canaryQuery");
        Objects.requireNonNull(canaryMax, "canaryMax");
    }

    public static BackfillSettings defaults() {
        return new BackfillSettings(Optional.empty(), DEFAULT_CANARY_MAX);
    }
}
