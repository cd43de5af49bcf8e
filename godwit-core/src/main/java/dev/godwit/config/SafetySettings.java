package dev.godwit.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The resolved {@code [safety]} settings.
 *
 * @param onFailure what a failed run does to the migrations it applied before the failure
 * @param snapshot when data that a statement destroys is copied first
 * @param snapshotRowLimit with {@code auto}: a copy of more rows than this is skipped (said in the output)
 */
public record SafetySettings(OnFailure onFailure, SnapshotMode snapshot, long snapshotRowLimit) {

    public static SafetySettings defaults() {
        return new SafetySettings(OnFailure.ROLLBACK_RUN, SnapshotMode.AUTO, 100_000);
    }

    /** {@code rollback-run}: revert this run's earlier migrations with their down scripts; {@code stop}: leave them. */
    public enum OnFailure {
        ROLLBACK_RUN, STOP;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<OnFailure> parse(String s) {
            return Arrays.stream(values()).filter(v -> v.word().equals(s.trim().toLowerCase(Locale.ROOT))).findFirst();
        }
    }

    /** {@code auto}: copy when the rows to copy are few enough; {@code always}; {@code never}. */
    public enum SnapshotMode {
        AUTO, ALWAYS, NEVER;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<SnapshotMode> parse(String s) {
            return Arrays.stream(values()).filter(v -> v.word().equals(s.trim().toLowerCase(Locale.ROOT))).findFirst();
        }
    }
}
