package dev.godwit.junit5;

import dev.godwit.config.ConfigException;
import dev.godwit.config.ConnectionUrls;
import dev.godwit.db.ConnectionSettings;
import dev.godwit.embedded.EmbeddedServer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL server every test database lives on, one per JVM: started embedded, or named by a URL. It is a
 * closeable resource of JUnit's root store, so JUnit stops it after the last test class (AutoCloseable for JUnit
 * 5.13 and later, CloseableResource for earlier ones).
 */
@SuppressWarnings("deprecation") // CloseableResource: what JUnit before 5.13 closes; AutoCloseable for the later ones
final class TestServer implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final String URL_PROPERTY = "godwit.test.url";
    static final String URL_VARIABLE = "GODWIT_TEST_URL";

    private final ConnectionSettings admin;
    private final Closeable embedded; // not EmbeddedServer: godwit-embedded-postgres may be excluded

    private TestServer(ConnectionSettings admin, Closeable embedded) {
        this.admin = admin;
        this.embedded = embedded;
    }

    static TestServer start() {
        String url = System.getProperty(URL_PROPERTY);
        String source = "-D" + URL_PROPERTY;
        if (url == null || url.isBlank()) {
            url = System.getenv(URL_VARIABLE);
            source = URL_VARIABLE;
        }
        if (url != null && !url.isBlank()) {
            try {
                return new TestServer(ConnectionUrls.parse(url, source, Map.of(),
                        Path.of(System.getProperty("user.home"))), null);
            } catch (ConfigException e) {
                throw new ExtensionConfigurationException(source + " is not a PostgreSQL URL: " + e.getMessage());
            }
        }
        String advice = "; name a server with -D" + URL_PROPERTY + "=postgres://USER:PASSWORD@HOST:PORT/postgres"
                + " or " + URL_VARIABLE;
        try {
            return Embedded.start();
        } catch (NoClassDefFoundError e) {
            throw new ExtensionConfigurationException("no PostgreSQL for the tests: dev.godwit:godwit-embedded-postgres"
                    + " is not on the test class path" + advice, e);
        } catch (IOException e) {
            throw new ExtensionConfigurationException("could not start the embedded PostgreSQL (" + e.getMessage()
                    + ")" + advice, e);
        }
    }

    /** The only place that names the embedded server, so a class path without it fails with words, not a crash. */
    private static final class Embedded {
        static TestServer start() throws IOException {
            EmbeddedServer server = EmbeddedServer.startThrowaway();
            return new TestServer(server.admin(), server::close);
        }
    }

    /** The server's settings for {@code database}. */
    ConnectionSettings settings(String database) {
        return admin.withDatabase(database);
    }

    /** Runs one statement on the administration database (CREATE and DROP DATABASE cannot run in a transaction). */
    void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.jdbcProperties());
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** A copy of {@code template} as {@code name}: a file copy, not a re-migration. */
    void cloneDatabase(String template, String name) throws SQLException {
        execute("create database " + quote(name) + " template " + quote(template));
    }

    void createEmpty(String name) throws SQLException {
        execute("create database " + quote(name));
    }

    /** Drops it even when the test left connections open (PostgreSQL 13 and later). */
    void drop(String name) throws SQLException {
        execute("drop database if exists " + quote(name) + " with (force)");
    }

    /** Where the tests run, for messages: never with the password. */
    String display() {
        return embedded != null ? "the embedded PostgreSQL on port " + admin.port() : admin.display();
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
