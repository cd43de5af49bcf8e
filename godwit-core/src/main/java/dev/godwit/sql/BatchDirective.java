package dev.godwit.sql;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code -- godwit:batch size=N pause=D [key=col] [max_lag=D] [max_runtime=D]}: run the file's one data statement
 * (UPDATE, DELETE or INSERT … SELECT) in keyset batches over the table's primary key (or the named unique key), each
 * batch its own short transaction. See docs/backfills.md.
 *
 * @param size       rows of the key range per batch
 * @param pause      the wait between two batches
 * @param key        the unique, NOT NULL column to walk instead of the primary key
 * @param maxLag     wait while any standby replays this much behind the batches already committed
 * @param maxRuntime stop cleanly after this long; the next run resumes where it stopped
 * @param line       where the directive is, for messages
 */
public record BatchDirective(int size, Duration pause, Optional<String> key, Optional<Duration> maxLag,
                             Optional<Duration> maxRuntime, int line) {

    /** The keys the directive takes, in the order the docs list them. */
    public static final java.util.List<String> KEYS = java.util.List.of("size", "pause", "key", "max_lag", "max_runtime");

    public BatchDirective {
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(maxLag, "maxLag");
        Objects.requireNonNull(maxRuntime, "maxRuntime");
    }
}
