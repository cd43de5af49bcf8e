package dev.godwit.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where in a run a hook runs ({@code [[hooks]] at}). A "before" hook that fails stops the run before it applies
 * anything more; an "after" hook that fails is reported and audited, and undoes nothing (docs/hooks.md).
 */
public enum HookPoint {
    /** Under the lock, after the backup, when there is something to apply. */
    BEFORE_RUN(true),
    /** After every pending migration was applied. */
    AFTER_SUCCESS(false),
    /** After a run that passed before_run ended any other way (failed, interrupted, a before hook failed). */
    ON_FAILURE(false),
    /** Before each migration, on its connection, outside its transaction. */
    BEFORE_EACH(true),
    /** After each migration's COMMIT. */
    AFTER_EACH(false),
    /** {@code rollback}: under the lock, before the first down script. */
    BEFORE_ROLLBACK(true),
    /** {@code rollback}: after the last down script, whatever the outcome. */
    AFTER_ROLLBACK(false);

    private final boolean before;

    HookPoint(boolean before) {
        this.before = before;
    }

    /** A failing hook at this point stops the run. */
    public boolean before() {
        return before;
    }

    /** {@code before_run}: as written in godwit.toml and in GODWIT_HOOK_POINT. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HookPoint> parse(String word) {
        if (word == null) {
            return Optional.empty();
        }
        String w = word.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(p -> p.word().equals(w)).findFirst();
    }

    public static String words() {
        return Arrays.stream(values()).map(HookPoint::word).collect(Collectors.joining(", "));
    }
}
