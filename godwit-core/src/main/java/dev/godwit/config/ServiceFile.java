package dev.godwit.config;

import dev.godwit.config.ConnectionUrls.UrlParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * libpq's connection service file: {@code service=ledger} (or {@code PGSERVICE=ledger}) takes the connection
 * parameters of the {@code [ledger]} section of the user's file ({@code PGSERVICEFILE}, else
 * {@code $HOME/.pg_service.conf}) or, when that has none, of the system's ({@code PGSYSCONFDIR/pg_service.conf},
 * else {@code /etc/postgresql-common/pg_service.conf} as Debian's libpq). Lines are {@code key=value}; {@code #}
 * starts a comment. As in libpq, what the URL itself says wins over the service, and the service over PG* variables.
 */
final class ServiceFile {

    /** Where Debian's and Ubuntu's libpq look without PGSYSCONFDIR. */
    static final Path DEBIAN_SYSCONFDIR = Path.of("/etc/postgresql-common");

    private ServiceFile() {}

    /** The service's parameters; empty when no service is named. A named service that exists nowhere is an error. */
    static Optional<UrlParts> parameters(Optional<String> service, Map<String, String> env, Path home)
            throws ConfigException {
        if (service.isEmpty()) {
            return Optional.empty();
        }
        String name = service.get().trim();
        List<Path> looked = new ArrayList<>();
        for (Path file : files(env, home)) {
            looked.add(file);
            Optional<Map<String, String>> section = section(file, name);
            if (section.isPresent()) {
                return Optional.of(UrlParser.parameters(section.get(), file + " [" + name + "]"));
            }
        }
        throw new ConfigException("the connection service \"" + name + "\" is not defined: no [" + name
                + "] section in " + String.join(" or ", looked.stream().map(Path::toString).toList())
                + "; define it there, or set PGSERVICEFILE to the file that has it");
    }

    private static List<Path> files(Map<String, String> env, Path home) {
        List<Path> out = new ArrayList<>();
        String user = env.get("PGSERVICEFILE");
        if (user != null && !user.isBlank()) {
            out.add(Path.of(user.trim()));
        } else if (home != null) {
            out.add(home.resolve(".pg_service.conf"));
        }
        String sys = env.get("PGSYSCONFDIR");
        out.add((sys != null && !sys.isBlank() ? Path.of(sys.trim()) : DEBIAN_SYSCONFDIR).resolve("pg_service.conf"));
        return out;
    }

    /** The {@code [name]} section's key/values, or empty when the file or the section is not there. */
    static Optional<Map<String, String>> section(Path file, String name) throws ConfigException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read the connection service file " + file + ": " + e.getMessage());
        }
        Map<String, String> found = null;
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (found != null) {
                    break;
                }
                if (line.endsWith("]") && line.substring(1, line.length() - 1).strip().equals(name)) {
                    found = new LinkedHashMap<>();
                }
                continue;
            }
            if (found != null) {
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new ConfigException(file + ":" + n + ": expected key=value in service [" + name + "], not '"
                            + dev.godwit.db.Secrets.redactUrl(line) + "'");
                }
                found.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return Optional.ofNullable(found);
    }
}
