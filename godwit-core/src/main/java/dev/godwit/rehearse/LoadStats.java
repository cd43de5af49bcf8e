package dev.godwit.rehearse;

/**
 * What the load clients saw while one statement ran (operations that started in its window, up to the next
 * statement or COMMIT).
 *
 * @param blockedMs client-milliseconds spent waiting for a lock, from pg_locks samples
 */
public record LoadStats(int operations, long p50Ms, long p99Ms, long maxMs, int errors, long blockedMs) {}
