package dev.godwit.hooks;

import dev.godwit.config.HookPoint;
import java.time.Duration;
import java.util.Optional;

/**
 * One hook that ran: which, where, how it ended, and its output (secrets masked, the last
 * {@value HookRunner#MAX_OUTPUT} characters at most).
 *
 * @param migration the migration a before_each / after_each hook ran for
 * @param exitCode  a shell hook's exit status; empty for SQL hooks and for a hook that was killed
 */
public record HookRun(String name, HookPoint at, String kind, Optional<String> migration, Status status,
                      Optional<Integer> exitCode, Duration took, String output, String origin) {

    /** How a hook ended. */
    public enum Status {
        OK("ok"), FAILED("failed"), TIMED_OUT("timed-out");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** "before_run hook 'maintenance-on' (shell, [[hooks]] #1 in godwit.toml) timed out after 2000 ms". */
    public String describe() {
        String end = switch (status) {
            case OK -> "ran in " + took.toMillis() + " ms";
            case FAILED -> "failed" + exitCode.map(c -> " with exit status " + c).orElse("") + " after "
                    + took.toMillis() + " ms";
            case TIMED_OUT -> "timed out after " + took.toMillis() + " ms and was stopped";
        };
        return at.word() + " hook '" + name + "' (" + kind + ", " + origin + ")" + migration.map(m -> " for " + m)
                .orElse("") + " " + end + (output.isBlank() || ok() ? "" : "; its output ends: " + tail(output));
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() <= 400 ? t : "…" + t.substring(t.length() - 400);
    }
}
