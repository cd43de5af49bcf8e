package dev.godwit.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A database made for one test on the shared test server. {@link #jdbcUrl()} carries no password; the
 * password, when the server has one, is in {@link #password()}.
 */
public record TestDatabase(String host, int port, String name, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** The libpq form, password included when there is one: what a user would pass to {@code --url}. */
    public String postgresUrl() {
        String auth = password == null || password.isEmpty() ? user : user + ":" + password;
        return "postgres://" + auth + "@" + host + ":" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "godwit-test");
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    /** Runs statements in autocommit; for arranging a test's starting state. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The first column of the first row, or null when there is no row. */
    public Object queryValue(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public long count(String sql) {
        Object v = queryValue(sql);
        return v == null ? 0 : ((Number) v).longValue();
    }

    public boolean tableExists(String qualifiedName) {
        return queryValue("select to_regclass('" + qualifiedName.replace("'", "''") + "')") != null;
    }
}
