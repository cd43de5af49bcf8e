package dev.godwit.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code godwit.toml}: its top-level sections and each {@code [environments.NAME]}'s sections,
 * checked but not yet merged.
 */
record ConfigFile(Path path, Map<Class<? extends Section>, Section> top,
        Map<String, Map<Class<? extends Section>, Section>> environments) {

    static ConfigFile none() {
        return new ConfigFile(null, Map.of(), Map.of());
    }

    Optional<Path> file() {
        return Optional.ofNullable(path);
    }

    /** The top-level section of this type laid under the environment's, or null when neither sets it. */
    <T extends Section> T merged(Class<T> type, Optional<String> environment) {
        T base = type.cast(top.get(type));
        T over = environment.map(environments::get).map(m -> type.cast(m.get(type))).orElse(null);
        return SectionBinder.overlay(base, over);
    }

    /** The environment's own section of this type, or null. */
    <T extends Section> T ofEnvironment(Class<T> type, Optional<String> environment) {
        return environment.map(environments::get).map(m -> type.cast(m.get(type))).orElse(null);
    }
}
