package dev.godwit.lock;

import java.time.Instant;

/**
 * Who holds the migration lock, as far as Godwit can tell.
 *
 * @param backendPid the PostgreSQL backend that holds the advisory lock (the truth)
 * @param holder the OS user from the lease row, or null when the row is missing
 * @param live false when the lease row is left from a run that died: the advisory lock is free
 */
public record LockHolder(Integer backendPid, String holder, String host, Long osPid, String runId,
                         Instant acquiredAt, Instant heartbeatAt, String application, boolean live) {

    /** "alice@build-7 (pid 4242, run 3f2a…) since 2026-11-21T06:40:00Z". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (holder != null) {
            sb.append(holder).append('@').append(host).append(" (pid ").append(osPid);
            if (runId != null) {
                sb.append(", run ").append(runId, 0, Math.min(8, runId.length()));
            }
            sb.append(')');
            if (acquiredAt != null) {
                sb.append(" since ").append(acquiredAt);
            }
        } else {
            sb.append("PostgreSQL backend ").append(backendPid);
            if (application != null && !application.isEmpty()) {
                sb.append(" (").append(application).append(')');
            }
        }
        if (!live) {
            sb.append(" [stale: that run has ended and the lock is free]");
        }
        return sb.toString();
    }
}
