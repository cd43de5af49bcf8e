package dev.godwit.config;

import java.nio.file.Path;

/**
 * A table in a config file, for messages: {@code [migrations] lock_timeout in /srv/app/godwit.toml}.
 *
 * @param path the table's dotted name, e.g. {@code environments.production.migrations}
 */
record Where(Path file, String path) {

    String key(String key) {
        return "[" + path + "] " + key + " in " + file;
    }

    String table() {
        return "[" + path + "] in " + file;
    }

    Where child(String name) {
        return new Where(file, path + "." + name);
    }
}
