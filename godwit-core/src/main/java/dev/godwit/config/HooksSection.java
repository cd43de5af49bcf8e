package dev.godwit.config;

import dev.godwit.base.Suggestions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code [[hooks]]}: an array of tables at the top level (or in an environment), one hook each (docs/hooks.md). */
record HooksSection(List<Hook> hooks) implements Section {

    /** One {@code [[hooks]]}: {@code at}, and {@code run} (a shell command) or {@code sql} (a file). */
    record Hook(String name, String at, String run, String sql, Duration timeout) {}

    @Override
    public void check(Where where) throws ConfigException {
        for (int i = 0; i < hooks.size(); i++) {
            Hook h = hooks.get(i);
            String table = "[[hooks]] #" + (i + 1) + " in " + where.file();
            if (HookPoint.parse(h.at()).isEmpty()) {
                throw new ConfigException(table + ": at = " + (h.at() == null ? "(missing)" : "\"" + h.at() + "\"")
                        + " is not a hook point;" + (h.at() == null ? "" : Suggestions.didYouMean(h.at(),
                        java.util.Arrays.stream(HookPoint.values()).map(HookPoint::word).toList()))
                        + " the points are: " + HookPoint.words());
            }
            if ((h.run() == null) == (h.sql() == null)) {
                throw new ConfigException(table + " needs exactly one of run (a shell command) and sql (a SQL file"
                        + " run on the migration connection)");
            }
            if (h.timeout() != null && (h.timeout().isZero() || h.timeout().isNegative())) {
                throw new ConfigException(table + ": timeout must be more than 0, such as \"30s\"");
            }
        }
    }

    /** The hooks, SQL paths relative to the config file's folder. */
    static List<HookSpec> resolve(HooksSection s, Path base, String fileName) {
        List<HookSpec> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (int i = 0; i < s.hooks().size(); i++) {
            Hook h = s.hooks().get(i);
            HookPoint at = HookPoint.parse(h.at()).orElseThrow();
            String name = h.name() != null ? h.name() : at.word() + "#" + (i + 1);
            out.add(new HookSpec(name, at, Optional.ofNullable(h.run()),
                    Optional.ofNullable(h.sql()).map(f -> base.resolve(f.trim()).toAbsolutePath().normalize()),
                    h.timeout() != null ? h.timeout() : HookSpec.DEFAULT_TIMEOUT,
                    "[[hooks]] #" + (i + 1) + " in " + fileName));
        }
        return out;
    }
}
