package dev.godwit.config;

import dev.godwit.db.ConnectionSettings;
import dev.godwit.db.Secrets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a user calls "the database URL" into {@link ConnectionSettings}, completing it the way libpq
 * does: what the URL lacks comes from {@code PGHOST}, {@code PGPORT}, {@code PGUSER}, {@code PGPASSWORD},
 * {@code PGDATABASE}, {@code PGSSLMODE}, then {@code ~/.pgpass}, then the defaults (localhost, 5432, the OS
 * user, a database named like the user).
 */
public final class ConnectionUrls {

    public static final String FROM_ENVIRONMENT = "PG* environment and defaults";
    static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private ConnectionUrls() {}

    /**
     * Parses {@code url} ({@code postgres://}, {@code postgresql://} or {@code jdbc:postgresql://}) and fills
     * the missing parts; a null url means "no URL anywhere", which builds everything from the environment.
     */
    public static ConnectionSettings parse(String url, String source, Map<String, String> env, Path home)
            throws ConfigException {
        if (url == null) {
            return fromEnvironment(env, home);
        }
        UrlParts parts = UrlParser.parse(url, source);
        return complete(parts, source, env, home);
    }

    /** No URL anywhere: libpq's environment variables and defaults alone. */
    public static ConnectionSettings fromEnvironment(Map<String, String> env, Path home) throws ConfigException {
        return complete(UrlParts.empty(), FROM_ENVIRONMENT, env, home);
    }

    private static ConnectionSettings complete(UrlParts p, String source, Map<String, String> env, Path home)
            throws ConfigException {
        String host = firstNonBlank(p.host(), env.get("PGHOST")).orElse("localhost");
        if (p.host() == null || p.host().isEmpty()) {
            checkEnvHost(host);
        }
        int port = p.port() != null ? p.port() : envPort(env);
        String user = firstNonBlank(p.user(), env.get("PGUSER")).orElse(System.getProperty("user.name"));
        String database = firstNonBlank(p.database(), env.get("PGDATABASE")).orElse(user);
        String sslMode = p.sslMode() != null ? p.sslMode() : envSslMode(env);
        String password = firstNonEmpty(p.password(), env.get("PGPASSWORD"))
                .or(() -> PgPass.lookup(passFile(p, env, home), host, port, database, user))
                .orElse(null);
        return new ConnectionSettings(host, port, database, user, password, sslMode, p.params(), source);
    }

    private static Path passFile(UrlParts p, Map<String, String> env, Path home) {
        Optional<String> named = firstNonBlank(p.passFile(), env.get("PGPASSFILE"));
        if (named.isPresent()) {
            return Path.of(named.get());
        }
        return home == null ? null : home.resolve(".pgpass");
    }

    private static void checkEnvHost(String host) throws ConfigException {
        if (host.startsWith("/")) {
            throw new ConfigException("PGHOST=" + host + " is a Unix socket directory, and pgjdbc cannot use Unix"
                    + " sockets; use PGHOST=localhost (or host=localhost in the URL) to connect over TCP");
        }
        if (host.contains(",")) {
            throw new ConfigException("PGHOST=" + host + " names several hosts; Godwit connects to one server,"
                    + " so name just one");
        }
    }

    private static int envPort(Map<String, String> env) throws ConfigException {
        String v = env.get("PGPORT");
        if (v == null || v.isBlank()) {
            return 5432;
        }
        return UrlParser.port(v.trim()).orElseThrow(() -> new ConfigException(
                "PGPORT must be a port number between 1 and 65535, not '" + v + "'"));
    }

    private static String envSslMode(Map<String, String> env) throws ConfigException {
        String v = env.get("PGSSLMODE");
        if (v == null || v.isBlank()) {
            return null;
        }
        String mode = v.trim().toLowerCase(Locale.ROOT);
        if (!SSL_MODES.contains(mode)) {
            throw new ConfigException("PGSSLMODE must be one of " + String.join(", ", SSL_MODES) + ", not '" + v + "'");
        }
        return mode;
    }

    private static Optional<String> firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return Optional.of(a);
        }
        return b != null && !b.isBlank() ? Optional.of(b.trim()) : Optional.empty();
    }

    // libpq treats an empty password as no password, and then looks further (PGPASSWORD, the password file).
    private static Optional<String> firstNonEmpty(String a, String b) {
        if (a != null && !a.isEmpty()) {
            return Optional.of(a);
        }
        return b != null && !b.isEmpty() ? Optional.of(b) : Optional.empty();
    }

    /** What one URL said; null means "not given here". */
    record UrlParts(String host, Integer port, String database, String user, String password, String sslMode,
            String passFile, Map<String, String> params) {

        static UrlParts empty() {
            return new UrlParts(null, null, null, null, null, null, null, new LinkedHashMap<>());
        }

        @Override
        public String toString() {
            return "UrlParts[" + user + "@" + host + ":" + port + "/" + database + "]"; // no password
        }

        /** Redacts this URL's own password from a message, whatever form it was echoed in. */
        static String safe(String text, String password) {
            return Secrets.redact(Secrets.redactUrl(text), password == null ? List.of() : List.of(password));
        }
    }
}
