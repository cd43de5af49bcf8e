package dev.godwit.hooks;

import dev.godwit.config.HookPoint;
import dev.godwit.config.HookSpec;
import dev.godwit.migration.FlywayCallbacks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The hooks of one run: {@code [[hooks]]} from the settings, then the Flyway callback files found in the migration
 * folders, run at each point in that order. The run's facts come from {@code facts} at each point (the report path and
 * the version after are only known late), with the point's own added: GODWIT_HOOK_POINT, GODWIT_MIGRATION, ...
 */
public final class Hooks {

    private final List<HookSpec> hooks;
    private final Supplier<Map<String, String>> facts;
    private final HookRunner runner;

    public Hooks(List<HookSpec> hooks, Supplier<Map<String, String>> facts, List<String> secrets,
                 BooleanSupplier stopped) {
        this.hooks = List.copyOf(hooks);
        this.facts = facts;
        this.runner = new HookRunner(secrets, stopped);
    }

    /** No hooks at all. */
    public static Hooks none() {
        return new Hooks(List.of(), Map::of, List.of(), () -> false);
    }

    /** The configured hooks followed by the Flyway callback files in {@code folders} that Godwit runs. */
    public static List<HookSpec> withCallbacks(List<HookSpec> configured, List<Path> folders) {
        List<HookSpec> all = new ArrayList<>(configured);
        for (Path dir : folders) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).sorted().forEach(f -> callback(f).ifPresent(all::add));
            } catch (IOException | UncheckedIOException e) {
                // the scanner reports an unreadable folder before any hook could run
            }
        }
        return all;
    }

    private static Optional<HookSpec> callback(Path file) {
        String name = file.getFileName().toString();
        return FlywayCallbacks.event(name).map(FlywayCallbacks.RUN::get)
                .flatMap(HookPoint::parse)
                .map(at -> new HookSpec(name, at, Optional.empty(), Optional.of(file), HookSpec.DEFAULT_TIMEOUT,
                        "Flyway callback " + file));
    }

    public boolean any(HookPoint at) {
        return hooks.stream().anyMatch(h -> h.at() == at);
    }

    /**
     * Runs the hooks at {@code at}, each reported to {@code ran} as it ends. At a "before" point the first that
     * fails ends it and is returned; at an "after" point every hook runs, and the first failure is returned.
     */
    public Optional<HookRun> run(HookPoint at, Connection connection, Map<String, String> extra,
                                 Optional<String> migration, Consumer<HookRun> ran) {
        Optional<HookRun> firstFailure = Optional.empty();
        for (HookSpec h : hooks) {
            if (h.at() != at) {
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>(facts.get());
            env.putAll(extra);
            env.put("GODWIT_HOOK_POINT", at.word());
            env.put("GODWIT_HOOK_NAME", h.name());
            HookRun r = runner.run(h, env, connection, migration, at.before());
            ran.accept(r);
            if (!r.ok() && firstFailure.isEmpty()) {
                firstFailure = Optional.of(r);
                if (at.before()) {
                    return firstFailure;
                }
            }
        }
        return firstFailure;
    }
}
