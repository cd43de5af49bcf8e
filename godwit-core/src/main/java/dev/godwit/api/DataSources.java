package dev.godwit.api;

import dev.godwit.db.ConnectFailure;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Connections from an application's pool, and what the configuration needs to know of where they go. */
final class DataSources {

    private DataSources() {}

    /** The pool's JDBC URL and user, without its password (pg_dump then needs ~/.pgpass or a URL of its own). */
    static String urlOf(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String url = md.getURL();
            if (url == null || !url.startsWith("jdbc:postgresql:")) {
                throw new GodwitException(ExitCode.USAGE, "the DataSource does not connect to PostgreSQL ("
                        + md.getDatabaseProductName() + "); Godwit migrates PostgreSQL only");
            }
            String user = md.getUserName();
            return user == null || url.contains("user=") ? url
                    : url + (url.contains("?") ? "&" : "?") + "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        } catch (SQLException e) {
            throw new GodwitException(ExitCode.NOT_READY, "could not get a connection from the DataSource: "
                    + e.getMessage(), java.util.List.of(), e);
        }
    }

    /**
     * A connection from the pool, handed back as the pool gave it: Godwit sets session settings (lock_timeout, its
     * own idle timeouts) and takes advisory locks, which must not leak into the application's next use of it. So
     * closing it first ends any transaction, resets every setting and releases every advisory lock.
     */
    static Connection open(DataSource ds) throws ConnectFailure {
        Connection c;
        try {
            c = ds.getConnection();
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new ConnectFailure(ConnectFailure.Kind.OTHER, "could not get a connection from the DataSource: "
                    + e.getMessage());
        }
        return (Connection) Proxy.newProxyInstance(DataSources.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        handBack(c);
                        return null;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void handBack(Connection c) throws SQLException {
        try {
            if (!c.isClosed() && c.isValid(5)) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                try (Statement s = c.createStatement()) {
                    s.execute("reset all");
                    s.execute("select pg_advisory_unlock_all()");
                }
            }
        } catch (SQLException ignored) {
            // a broken connection: the pool notices it on close and discards it
        } finally {
            c.close();
        }
    }
}
