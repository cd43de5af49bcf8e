package dev.godwit.db;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything needed to open a connection, resolved once from URL, PG* variables, ~/.pgpass and defaults.
 * The password travels only in {@link #jdbcProperties()}: the URL, {@link #display()} and
 * {@link #toString()} never contain it, so the object is safe to log.
 *
 * @param password nullable: none given anywhere (trust or peer-less setups)
 * @param sslMode  nullable: pgjdbc's default applies
 * @param params   extra pgjdbc connection properties, already in pgjdbc's spelling
 * @param source   where the URL came from, for messages: "--url", "DATABASE_URL", ...
 */
public record ConnectionSettings(String host, int port, String database, String user, String password,
        String sslMode, Map<String, String> params, String source) {

    public static final String APPLICATION_NAME = "godwit";

    public ConnectionSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        source = source == null ? "" : source;
    }

    /** {@code jdbc:postgresql://host:port/db}; never contains the user's password. */
    public String jdbcUrl() {
        // pgjdbc URL-decodes the database part, so encode it the same way (URLEncoder pairs with URLDecoder).
        return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/"
                + URLEncoder.encode(database, StandardCharsets.UTF_8);
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
        return "postgres://" + user + "@" + hostForUrl() + ":" + port + "/" + database;
    }

    /** Same as {@link #display()}: a record's generated toString would print the password. */
    @Override
    public String toString() {
        return display();
    }

    /** {@code host:port}, with an IPv6 address in brackets so the port stays readable. */
    String hostAndPort() {
        return hostForUrl() + ":" + port;
    }

    private String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
