package dev.godwit.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A working folder, a home folder and an environment for one ConfigLoader test. */
final class ConfigFixture {

    static final String PW = "s3cr3t-pw";

    final Path cwd;
    final Path home;
    final Map<String, String> env = new HashMap<>();

    ConfigFixture(Path temp) throws IOException {
        this.cwd = Files.createDirectories(temp.resolve("work"));
        this.home = Files.createDirectories(temp.resolve("home"));
        // Keep the machine's PG* variables out: every test states its environment.
        env.put("PGUSER", "tester");
    }

    Path write(String relative, String toml) throws IOException {
        Path f = cwd.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, toml);
        return f;
    }

    Path godwitToml(String toml) throws IOException {
        return write("godwit.toml", toml);
    }

    Path copyResource(String name, String relative) throws IOException {
        try (InputStream in = ConfigFixture.class.getResourceAsStream("/config/" + name)) {
            Path f = cwd.resolve(relative);
            Files.createDirectories(f.getParent());
            Files.copy(in, f);
            return f;
        }
    }

    ConfigFixture env(String key, String value) {
        env.put(key, value);
        return this;
    }

    GodwitConfig load() throws ConfigException {
        return load(CliOverrides.none());
    }

    GodwitConfig load(CliOverrides cli) throws ConfigException {
        return ConfigLoader.load(cli, env, cwd, home);
    }

    Map<String, String> envCopy() {
        return new HashMap<>(env);
    }
}
