package dev.godwit.db;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Everything needed to open a connection, resolved once from URL, PG* variables, ~/.pgpass and defaults.
 * The password travels only in {@link #jdbcProperties()}: the URL, {@link #display()} and
 * {@link #toString()} never contain it, so the object is safe to log.
 *
 * @param password nullable: none given anywhere (trust or peer-less setups)
 * @param sslMode  nullable: pgjdbc's default applies
 * @param params   extra pgjdbc connection properties, already in pgjdbc's spelling
 * @param source   where the URL came from, for messages: "--url", "DATABASE_URL", ...
 * @param moreHosts the servers after the first ({@code host}, {@code port}) of a multi-host URL, tried in order as
 *                  libpq does ({@code target_session_attrs} picks among them); usually empty
 */
public record ConnectionSettings(String host, int port, String database, String user, String password,
        String sslMode, Map<String, String> params, String source, List<Endpoint> moreHosts) {

    public static final String APPLICATION_NAME = "godwit";

    /** One server of a (multi-host) URL. */
    public record Endpoint(String host, int port) {
        String forUrl() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public ConnectionSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        source = source == null ? "" : source;
        moreHosts = moreHosts == null ? List.of() : List.copyOf(moreHosts);
    }

    /** One server. */
    public ConnectionSettings(String host, int port, String database, String user, String password, String sslMode,
                              Map<String, String> params, String source) {
        this(host, port, database, user, password, sslMode, params, source, List.of());
    }

    /** Every server, in the order they are tried. */
    public List<Endpoint> servers() {
        List<Endpoint> all = new ArrayList<>();
        all.add(new Endpoint(host, port));
        all.addAll(moreHosts);
        return all;
    }

    /** The same settings for another database on the same server(s). */
    public ConnectionSettings withDatabase(String other) {
        return new ConnectionSettings(host, port, other, user, password, sslMode, params, source, moreHosts);
    }

    /**
     * The same settings naming only the server a connection reached: what pg_dump must use to share that
     * server's exported snapshot, and pg_restore to write where the migration lock is held.
     */
    public ConnectionSettings pinned(String toHost, int toPort) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.remove("targetServerType");
        return new ConnectionSettings(toHost, toPort, database, user, password, sslMode, p, source, List.of());
    }

    /** {@code jdbc:postgresql://host:port[,host:port…]/db}; never contains the user's password. */
    public String jdbcUrl() {
        // pgjdbc URL-decodes the database part, so encode it the same way (URLEncoder pairs with URLDecoder).
        return "jdbc:postgresql://" + hostsForUrl() + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** user, password, sslmode, ApplicationName=godwit unless set, then the extra params. */
    public Properties jdbcProperties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        if (sslMode != null) {
            p.setProperty("sslmode", sslMode);
        }
        p.setProperty("ApplicationName", APPLICATION_NAME);
        params.forEach(p::setProperty);
        return p;
    }

    /** {@code postgres://user@host:port/db}: safe to print anywhere. */
    public String display() {
        return "postgres://" + user + "@" + hostsForUrl() + "/" + database;
    }

    /** Same as {@link #display()}: a record's generated toString would print the password. */
    @Override
    public String toString() {
        return display();
    }

    /** {@code host:port[,host:port…]}, with an IPv6 address in brackets so the port stays readable. */
    String hostAndPort() {
        return hostsForUrl();
    }

    private String hostsForUrl() {
        return servers().stream().map(Endpoint::forUrl).collect(Collectors.joining(","));
    }
}
