package dev.godwit.db;

import dev.godwit.db.Secrets;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.List;
import java.util.Locale;

/** Opens connections and turns the driver's failures into advice a user can act on. */
public final class Connections {

    private Connections() {}

    public static Connection open(ConnectionSettings s) throws ConnectFailure {
        try {
            return DriverManager.getConnection(s.jdbcUrl(), s.jdbcProperties());
        } catch (SQLException e) {
            throw translate(s, e);
        }
    }

    static ConnectFailure translate(ConnectionSettings s, SQLException e) {
        ConnectFailure.Kind kind = kindOf(e);
        String hint = switch (kind) {
            case AUTHENTICATION -> "check the password in PGPASSWORD, ~/.pgpass or the URL";
            case DATABASE_MISSING -> "create it first, or check the database name";
            case UNREACHABLE -> "is the server running and accepting TCP connections on " + s.hostAndPort() + "?";
            case OTHER -> "check the connection settings (from " + s.source() + ")";
        };
        String reason = String.valueOf(e.getMessage());
        if (s.source().startsWith("PG* environment")) { // ConnectionUrls.FROM_ENVIRONMENT: no URL anywhere
            hint += " (no database was named: Godwit used libpq's PG* variables and defaults; give --url,"
                    + " GODWIT_DATABASE_URL, DATABASE_URL or [database] url in godwit.toml)";
        }
        String text = "could not connect to " + s.display() + ": " + reason + "; " + hint;
        String safe = Secrets.redact(Secrets.redactUrl(text), s.password() == null ? List.of() : List.of(s.password()));
        return new ConnectFailure(kind, safe);
    }

    private static ConnectFailure.Kind kindOf(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        // pgjdbc reports "the server asked for a password and none was given" as 08004 (connection
        // rejected); for the user that is a password problem, not a network one.
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (state.equals("08004") && message.contains("password")) {
            return ConnectFailure.Kind.AUTHENTICATION;
        }
        switch (state) {
            case "28P01", "28000":
                return ConnectFailure.Kind.AUTHENTICATION;
            case "3D000":
                return ConnectFailure.Kind.DATABASE_MISSING;
            case "08001", "08004", "08006":
                return ConnectFailure.Kind.UNREACHABLE;
            default:
                break;
        }
        if (e instanceof SQLTimeoutException) {
            return ConnectFailure.Kind.UNREACHABLE;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return ConnectFailure.Kind.UNREACHABLE;
            }
        }
        return ConnectFailure.Kind.OTHER;
    }
}
