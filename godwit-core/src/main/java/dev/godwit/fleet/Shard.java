package dev.godwit.fleet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * {@code --shard I/N}: the slice of a fleet one process (one pod of a Kubernetes Indexed Job) runs. A target
 * belongs to shard {@code hash(name) mod N}, where hash is the first 8 bytes of SHA-256 of the name in UTF-8.
 *
 * <p>Why a hash of the name and not the index in the sorted list: a target's shard depends on nothing but its own
 * name and N, so reordering the fleet file, or adding and removing other targets between a Job's first pod and a
 * retried one, never moves a target to another pod (with a sorted index, adding one name early in the order moves
 * every target after it). The price is balance: shards differ in size by about the square root of their size
 * (10,000 targets over 100 pods: 100 ± 10 each), which the docs accept.
 */
public record Shard(int index, int count) {

    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("a shard is I/N with 0 <= I < N, not " + index + "/" + count);
        }
    }

    /** {@code 3/10}: the fourth of ten (Kubernetes' JOB_COMPLETION_INDEX counts from 0). */
    public static Shard parse(String text) throws FleetException {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        try {
            if (slash > 0) {
                int i = Integer.parseInt(t.substring(0, slash).trim());
                int n = Integer.parseInt(t.substring(slash + 1).trim());
                if (n >= 1 && i >= 0 && i < n) {
                    return new Shard(i, n);
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new FleetException("--shard must be I/N with 0 <= I < N (JOB_COMPLETION_INDEX/completions), not '"
                + text + "'");
    }

    public boolean contains(String targetName) {
        return count == 1 || Math.floorMod(hash(targetName), (long) count) == index;
    }

    public List<Target> select(List<Target> targets) {
        return targets.stream().filter(t -> contains(t.name())).toList();
    }

    static long hash(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
