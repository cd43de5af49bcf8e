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
            LOG.info("connecting to {}", s.display());
            return DriverManager.getConnection(s.jdbcUrl(), s.jdbcProperties());
        } catch (SQLException e) {
            throw translate(s, e);
        }
    }

    /**
     * The settings naming only the server {@code c} reached (of a multi-host URL, the one pgjdbc chose, e.g. the
     * primary for {@code target_session_attrs=read-write}); the settings themselves when they name one server.
     */
    public static ConnectionSettings reached(Connection c, ConnectionSettings s) throws SQLException {
        if (s.moreHosts().isEmpty()) {
            return s;
        }
        org.postgresql.util.HostSpec h = c.unwrap(org.postgresql.core.BaseConnection.class).getQueryExecutor()
                .getHostSpec();
        return s.pinned(h.getHost(), h.getPort());
    }

    static ConnectFailure translate(ConnectionSettings s, SQLException e) {
        ConnectFailure.Kind kind = kindOf(e);
        String hint = switch (kind) {
            case AUTHENTICATION -> "check the password in PGPASSWORD, ~/.pgpass or the URL";
            case DATABASE_MISSING -> "create it first, or check the database name";
            case UNREACHABLE -> unreachable(s, e);
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

    /**
     * Why no session was had, without guessing: "is the server running" only when nothing answered on the port;
     * a server that answered and refused is named as such, with its own words (already in the message).
     */
    private static String unreachable(ConnectionSettings s, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("57P03")) {
            return "the server at " + s.hostAndPort() + " answered that it is starting up, shutting down or"
                    + " recovering: try again once it is up";
        }
        if (state.equals("53300")) {
            return "the server at " + s.hostAndPort() + " has no free connection slot (max_connections): wait, or"
                    + " end idle sessions";
        }
        if (cause(e, UnknownHostException.class)) {
            return "the host name does not resolve: check the host in the URL (from " + s.source() + ")";
        }
        if (nothingAnswered(e)) {
            return "is the server running and accepting TCP connections on " + s.hostAndPort() + "?";
        }
        return "something answered on " + s.hostAndPort() + " but did not let Godwit in (see its answer above):"
                + " check the connection settings (from " + s.source() + "), such as sslmode and the certificates";
    }

    private static boolean nothingAnswered(SQLException e) {
        return e instanceof SQLTimeoutException || cause(e, ConnectException.class)
                || cause(e, NoRouteToHostException.class) || cause(e, SocketTimeoutException.class);
    }

    private static boolean cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
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
            case "08001", "08004", "08006", "57P03", "53300":
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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Connections.class);
}
