package dev.godwit.junit5;

import dev.godwit.api.GodwitBuilder;
import dev.godwit.db.ConnectionSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One test's database: a fresh copy of the migrated template, dropped after the test. Take it as a parameter of a
 * test method (or of a {@code @BeforeEach} method) to reach it by URL, by {@link DataSource}, or through Godwit.
 */
public final class GodwitDatabase {

    private final TestServer server;
    private final Migrations migrations;
    private final ConnectionSettings settings;

    GodwitDatabase(TestServer server, Migrations migrations, String name) {
        this.server = server;
        this.migrations = migrations;
        this.settings = server.settings(name);
    }

    /** The database's name: each test has its own. */
    public String name() {
        return settings.database();
    }

    /** {@code jdbc:postgresql://host:port/name}; user and password are {@link #user()} and {@link #password()}. */
    public String jdbcUrl() {
        return settings.jdbcUrl();
    }

    public String user() {
        return settings.user();
    }

    /** Null when the server needs none (the embedded one). */
    public String password() {
        return settings.password();
    }

    /** {@code postgres://user:password@host:port/name}, the form {@code godwit.toml} and the CLI take. */
    public String url() {
        String pass = settings.password() == null ? "" : ":" + encode(settings.password());
        String ssl = settings.sslMode() == null ? "" : "?sslmode=" + encode(settings.sslMode());
        return "postgres://" + encode(settings.user()) + pass + "@" + settings.host() + ":" + settings.port() + "/"
                + encode(settings.database()) + ssl;
    }

    /** A data source without a pool: every connection is new, and the test closes what it opens. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl());
        ds.setUser(user());
        if (password() != null) {
            ds.setPassword(password());
        }
        return ds;
    }

    public Connection connection() throws SQLException {
        return dataSource().getConnection();
    }

    /**
     * Godwit on this database with the test class's migrations and settings; add more settings before
     * {@code load()}: {@code db.godwit().set("lint.max_risk", "medium").load().migrate()}.
     */
    public GodwitBuilder godwit() {
        return migrations.builder(url());
    }

    TestServer server() {
        return server;
    }

    Migrations migrations() {
        return migrations;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Names the database, never the password. */
    @Override
    public String toString() {
        return settings.display();
    }
}
