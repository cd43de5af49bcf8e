package dev.godwit.config;

import dev.godwit.db.ConnectionSettings;
import dev.godwit.db.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a user calls "the database URL" into {@link ConnectionSettings}, completing it the way libpq
 * does: what the URL lacks comes from its service ({@code service=} or {@code PGSERVICE}, in
 * {@code pg_service.conf}), then {@code PGHOST}, {@code PGPORT}, {@code PGUSER}, {@code PGPASSWORD},
 * {@code PGDATABASE}, {@code PGSSLMODE}, {@code PGSSLROOTCERT}, {@code PGSSLCERT}, {@code PGSSLKEY},
 * {@code PGTARGETSESSIONATTRS}, {@code PGCONNECT_TIMEOUT}, then {@code $HOME/.pgpass}, then the defaults
 * (localhost, 5432, the OS user, a database named like the user). {@code $HOME} is the environment's, as for
 * libpq, not Java's {@code user.home} (they differ in many containers).
 */
public final class ConnectionUrls {

    public static final String FROM_ENVIRONMENT = "PG* environment and defaults";
    static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /** libpq variables that only become a pgjdbc property: variable, libpq name (as in a URL). */
    private static final Map<String, String> ENV_PARAMS = Map.of(
            "PGSSLROOTCERT", "sslrootcert", "PGSSLCERT", "sslcert", "PGSSLKEY", "sslkey",
            "PGTARGETSESSIONATTRS", "target_session_attrs", "PGCONNECT_TIMEOUT", "connect_timeout");

    private ConnectionUrls() {}

    /**
     * Parses {@code url} ({@code postgres://}, {@code postgresql://}, {@code jdbc:postgresql://} or libpq's
     * {@code key=value} form) and fills the missing parts; a null url means "no URL anywhere", which builds
     * everything from the environment.
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

    /** libpq's home: {@code $HOME} when set, else what the caller knows (Java's user.home). */
    static Path home(Map<String, String> env, Path fallback) {
        String h = env.get("HOME");
        return h != null && !h.isBlank() ? Path.of(h) : fallback;
    }

    private static ConnectionSettings complete(UrlParts url, String source, Map<String, String> env, Path javaHome)
            throws ConfigException {
        Path home = home(env, javaHome);
        UrlParts p = url.or(ServiceFile.parameters(firstNonBlank(url.service(), env.get("PGSERVICE")), env, home));
        List<String> hosts = !p.hosts().isEmpty() && !p.hosts().get(0).isEmpty() ? p.hosts()
                : envHosts(env);
        List<Integer> ports = ports(p.ports(), hosts.size(), env);
        String user = firstNonBlank(p.user(), env.get("PGUSER")).orElse(System.getProperty("user.name"));
        String database = firstNonBlank(p.database(), env.get("PGDATABASE")).orElse(user);
        String sslMode = p.sslMode() != null ? p.sslMode() : envSslMode(env);
        Map<String, String> params = new LinkedHashMap<>(p.params());
        envParams(env, params);
        sslFiles(home, params);
        Optional<String> password = firstNonEmpty(p.password(), env.get("PGPASSWORD"));
        for (int i = 0; password.isEmpty() && i < hosts.size(); i++) {
            password = PgPass.lookup(passFile(p, env, home), hosts.get(i), ports.get(i), database, user);
        }
        List<ConnectionSettings.Endpoint> more = new ArrayList<>();
        for (int i = 1; i < hosts.size(); i++) {
            more.add(new ConnectionSettings.Endpoint(hosts.get(i), ports.get(i)));
        }
        return new ConnectionSettings(hosts.get(0), ports.get(0), database, user, password.orElse(null), sslMode,
                params, source, more);
    }

    private static List<String> envHosts(Map<String, String> env) throws ConfigException {
        String v = env.get("PGHOST");
        if (v == null || v.isBlank()) {
            return List.of("localhost");
        }
        List<String> out = new ArrayList<>();
        for (String h : v.trim().split(",", -1)) {
            checkEnvHost(h.isBlank() ? "localhost" : h.trim(), v);
            out.add(h.isBlank() ? "localhost" : h.trim());
        }
        return out;
    }

    /** One port per host: a single port serves every host, as in libpq; a host without one gets PGPORT or 5432. */
    private static List<Integer> ports(List<Integer> given, int hostCount, Map<String, String> env)
            throws ConfigException {
        List<Integer> raw = given.isEmpty() ? envPorts(env) : given;
        int fallback = envPorts(env).size() == 1 && envPorts(env).get(0) != null ? envPorts(env).get(0) : 5432;
        if (raw.size() != 1 && raw.size() != hostCount) {
            throw new ConfigException("the database URL names " + hostCount + " host(s) but " + raw.size() + " ports;"
                    + " give one port for all of them, or one for each");
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            Integer port = raw.size() == 1 ? raw.get(0) : raw.get(i);
            out.add(port != null ? port : fallback);
        }
        return out;
    }

    private static List<Integer> envPorts(Map<String, String> env) throws ConfigException {
        String v = env.get("PGPORT");
        if (v == null || v.isBlank()) {
            return java.util.Collections.singletonList(null);
        }
        List<Integer> out = new ArrayList<>();
        for (String text : v.trim().split(",", -1)) {
            out.add(UrlParser.port(text.trim()).orElseThrow(() -> new ConfigException(
                    "PGPORT must be a port number between 1 and 65535 (or one per host, comma-separated), not '"
                            + v + "'")));
        }
        return out;
    }

    /** PGSSLROOTCERT and friends fill what the URL and service did not set. */
    private static void envParams(Map<String, String> env, Map<String, String> params) throws ConfigException {
        for (Map.Entry<String, String> e : ENV_PARAMS.entrySet()) {
            String v = env.get(e.getKey());
            if (v == null || v.isBlank()) {
                continue;
            }
            UrlParts one = UrlParser.parameters(Map.of(e.getValue(), v.trim()), e.getKey());
            one.params().forEach(params::putIfAbsent);
        }
    }

    /**
     * libpq's default certificate files are under {@code $HOME/.postgresql}; pgjdbc looks under Java's user.home.
     * Where the two differ, name libpq's files when they exist (the key only in a form pgjdbc reads: PKCS-8 DER).
     */
    private static void sslFiles(Path home, Map<String, String> params) {
        if (home == null) {
            return;
        }
        Path dir = home.resolve(".postgresql");
        Map<String, String> defaults = Map.of("sslrootcert", "root.crt", "sslcert", "postgresql.crt",
                "sslkey", "postgresql.pk8");
        defaults.forEach((param, file) -> {
            Path f = dir.resolve(file);
            if (!params.containsKey(param) && Files.isRegularFile(f)) {
                params.put(param, f.toString());
            }
        });
    }

    private static Path passFile(UrlParts p, Map<String, String> env, Path home) {
        Optional<String> named = firstNonBlank(p.passFile(), env.get("PGPASSFILE"));
        if (named.isPresent()) {
            return Path.of(named.get());
        }
        return home == null ? null : home.resolve(".pgpass");
    }

    private static void checkEnvHost(String host, String all) throws ConfigException {
        if (host.startsWith("/")) {
            throw new ConfigException("PGHOST=" + all + " names a Unix socket directory, and pgjdbc cannot use Unix"
                    + " sockets; use PGHOST=localhost (or host=localhost in the URL) to connect over TCP");
        }
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

    /**
     * What one URL (or one service) said; null or empty means "not given here".
     *
     * @param ports one per host (an element is null when that host has no port of its own), or one for all
     */
    record UrlParts(List<String> hosts, List<Integer> ports, String database, String user, String password,
            String sslMode, String passFile, String service, Map<String, String> params) {

        static UrlParts empty() {
            return new UrlParts(List.of(), List.of(), null, null, null, null, null, null, new LinkedHashMap<>());
        }

        /** This URL's parts, with what it leaves out taken from {@code service} (libpq: the URL wins). */
        UrlParts or(Optional<UrlParts> service) {
            if (service.isEmpty()) {
                return this;
            }
            UrlParts s = service.get();
            Map<String, String> merged = new LinkedHashMap<>(s.params());
            merged.putAll(params);
            return new UrlParts(hosts.isEmpty() ? s.hosts() : hosts, ports.isEmpty() ? s.ports() : ports,
                    or(database, s.database()), or(user, s.user()), or(password, s.password()),
                    or(sslMode, s.sslMode()), or(passFile, s.passFile()), this.service, merged);
        }

        private static String or(String a, String b) {
            return a != null ? a : b;
        }

        @Override
        public String toString() {
            return "UrlParts[" + user + "@" + hosts + ":" + ports + "/" + database + "]"; // no password
        }

        /** Redacts this URL's own password from a message, whatever form it was echoed in. */
        static String safe(String text, String password) {
            return Secrets.redact(Secrets.redactUrl(text), password == null ? List.of() : List.of(password));
        }
    }
}
