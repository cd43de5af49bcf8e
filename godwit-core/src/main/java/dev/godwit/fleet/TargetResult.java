package dev.godwit.fleet;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one target's run did, as the fleet summary shows it.
 *
 * @param before   the version before the run (empty: nothing applied, or not known because it was not reached)
 * @param after    the version after it, read back where the run failed; for a target not started, its version
 *                 before, when known
 * @param exitCode the target's own exit code, as {@code godwit migrate} against it alone would exit
 * @param runId    the target's run id (in its history, audit log and report), when a run started
 * @param report   the target's run report, when one was written
 * @param message  one line: what was done, or what went wrong (never a URL or password)
 */
public record TargetResult(String name, List<String> tags, Result result, Optional<String> before,
                           Optional<String> after, long durationMs, int exitCode, Optional<String> runId,
                           Optional<Path> report, String message) {

    /** How a target ended in this fleet run. */
    public enum Result {
        /** Something was applied (or reverted) and it succeeded. */
        APPLIED("applied", true),
        /** Already at the target version: nothing to do (a re-run skips it). */
        UP_TO_DATE("up to date", true),
        /** For plan, status and validate: read and judged; the exit code says the verdict. */
        CHECKED("checked", true),
        /** Its run ended in anything but success: failed, refused, locked, unreachable. */
        FAILED("failed", false),
        /** Not started: the failure budget was spent, a canary failed, or the fleet was stopped. */
        NOT_STARTED("not started", false);

        private final String word;
        private final boolean ok;

        Result(String word, boolean ok) {
            this.word = word;
            this.ok = ok;
        }

        public String word() {
            return word;
        }

        public boolean ok() {
            return ok;
        }
    }

    public TargetResult {
        tags = List.copyOf(tags);
    }

    public static TargetResult notStarted(Target t, String why) {
        return new TargetResult(t.name(), t.tags(), Result.NOT_STARTED, Optional.empty(), Optional.empty(), 0, -1,
                Optional.empty(), Optional.empty(), why);
    }

    /** Counts against the failure budget. */
    public boolean failed() {
        return result == Result.FAILED || (result == Result.CHECKED && exitCode != 0);
    }
}
