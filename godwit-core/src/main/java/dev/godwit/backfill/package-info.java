/**
 * Batched backfills ({@code -- godwit:batch}): the key a backfill walks, its progress table in Godwit's schema, and
 * the throttle between batches (replication lag, lock waits). The batch loop itself runs in {@code execute}, under
 * the migration lock and its fence. See docs/backfills.md.
 */
package dev.godwit.backfill;
