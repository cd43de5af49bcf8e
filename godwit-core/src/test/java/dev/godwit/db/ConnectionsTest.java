package dev.godwit.db;

import dev.godwit.config.ConnectionUrls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class ConnectionsTest {

    static final String PW = "s3cr3t-pw";

    @TempDir
    Path home;

    private ConnectionSettings settings(String url) throws Exception {
        return ConnectionUrls.parse(url, "--url", Map.of(), home);
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void opensAConnectionNamedGodwit(TestDatabase db) throws Exception {
        try (Connection c = Connections.open(settings(db.postgresUrl()))) {
            assertThat(query(c, "select current_database()")).isEqualTo(db.name());
            assertThat(query(c, "show application_name")).isEqualTo("godwit");
        }
    }

    @Test
    void keepsAnApplicationNameTheUserGave(TestDatabase db) throws Exception {
        try (Connection c = Connections.open(settings(db.postgresUrl() + "?application_name=billing-deploy"))) {
            assertThat(query(c, "show application_name")).isEqualTo("billing-deploy");
        }
    }

    @Test
    void reachesADatabaseWhoseNameNeedsEncoding(TestDatabase db) throws Exception {
        String name = db.name() + " ä+b";
        db.execute("create database \"" + name + "\"");
        try {
            String url = db.postgresUrl() + "%20%C3%A4+b";
            try (Connection c = Connections.open(settings(url))) {
                assertThat(query(c, "select current_database()")).isEqualTo(name);
            }
        } finally {
            db.execute("drop database \"" + name + "\"");
        }
    }

    @Test
    void opensWhatTheLoadedConfigurationNames(TestDatabase db) throws Exception {
        var env = Map.of("DATABASE_URL", db.postgresUrl());
        var config = dev.godwit.config.ConfigLoader.load(dev.godwit.config.CliOverrides.none(), env, home, home);
        assertThat(config.connection().source()).isEqualTo("DATABASE_URL");
        try (Connection c = Connections.open(config.connection())) {
            assertThat(ServerInfo.of(c).database()).isEqualTo(db.name());
        }
    }

    @Test
    void aMissingDatabaseIsDatabaseMissing(TestDatabase db) throws Exception {
        ConnectionSettings s = settings("postgres://" + db.user() + ":" + PW + "@" + db.host() + ":" + db.port()
                + "/no_such_db");
        ConnectFailure f = catchThrowableOfType(ConnectFailure.class, () -> Connections.open(s));
        assertThat(f.kind()).isEqualTo(ConnectFailure.Kind.DATABASE_MISSING);
        assertThat(f.getMessage())
                .startsWith("could not connect to postgres://" + db.user() + "@" + db.host() + ":" + db.port()
                        + "/no_such_db: ")
                .contains("create it first")
                .doesNotContain(PW);
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ConnectionSettings s = settings("postgres://app:" + PW + "@localhost:" + port + "/x?connect_timeout=5");
        ConnectFailure f = catchThrowableOfType(ConnectFailure.class, () -> Connections.open(s));
        assertThat(f.kind()).isEqualTo(ConnectFailure.Kind.UNREACHABLE);
        assertThat(f.getMessage()).contains("accepting TCP connections on localhost:" + port).doesNotContain(PW);
    }

    @Test
    void anUnknownHostIsUnreachable() throws Exception {
        ConnectionSettings s = settings("postgres://app@no-such-host.invalid/x?connect_timeout=5");
        ConnectFailure f = catchThrowableOfType(ConnectFailure.class, () -> Connections.open(s));
        assertThat(f.kind()).isEqualTo(ConnectFailure.Kind.UNREACHABLE);
    }

    @Test
    void authenticationFailuresAreRedactedAndAdvised() throws Exception {
        // The test server trusts everyone, so the server's answer is simulated; the translation is what is tested.
        ConnectionSettings s = settings("postgres://app:" + PW + "@db:5432/ledger");
        SQLException e = new SQLException("password authentication failed for user \"app\" (password=" + PW
                + ", url postgres://app:" + PW + "@db/ledger)", "28P01");
        ConnectFailure f = Connections.translate(s, e);
        assertThat(f.kind()).isEqualTo(ConnectFailure.Kind.AUTHENTICATION);
        assertThat(f.getMessage())
                .startsWith("could not connect to postgres://app@db:5432/ledger: password authentication failed")
                .endsWith("; check the password in PGPASSWORD, ~/.pgpass or the URL")
                .doesNotContain(PW);
        assertThat(Connections.translate(s, new SQLException("no pg_hba.conf entry", "28000")).kind())
                .isEqualTo(ConnectFailure.Kind.AUTHENTICATION);
    }

    @Test
    void withNoDatabaseNamedAnywhereTheFailureSaysWhereToNameOne() throws Exception {
        ConnectionSettings none = dev.godwit.config.ConnectionUrls.fromEnvironment(java.util.Map.of(), null);
        SQLException refused = new SQLException("Connection to localhost:5432 refused.", "08001");
        assertThat(Connections.translate(none, refused).getMessage()).contains("no database was named", "--url",
                "GODWIT_DATABASE_URL");
        assertThat(Connections.translate(settings("postgres://app@db:5432/ledger"), refused).getMessage())
                .doesNotContain("no database was named");
    }

    @Test
    void aMissingPasswordIsAnAuthenticationProblem() throws Exception {
        ConnectionSettings s = settings("postgres://app@db:5432/ledger");
        SQLException e = new SQLException("The server requested SCRAM-based authentication, but no password was"
                + " provided.", "08004");
        assertThat(Connections.translate(s, e).kind()).isEqualTo(ConnectFailure.Kind.AUTHENTICATION);
    }

    @Test
    void unreachableAdviceBracketsIpv6Hosts() throws Exception {
        ConnectionSettings s = settings("postgres://app@[::1]:6000/ledger");
        assertThat(Connections.translate(s, new SQLException("Connection refused", "08001",
                new java.net.ConnectException("Connection refused"))).getMessage())
                .endsWith("accepting TCP connections on [::1]:6000?");
    }

    /** "Is the server running" only when nothing answered: here the server answers and refuses SSL. */
    @Test
    void aServerThatAnsweredIsNotAskedWhetherItRuns(TestDatabase db) throws Exception {
        ConnectionSettings s = settings(db.postgresUrl() + "?sslmode=require");
        ConnectFailure f = catchThrowableOfType(ConnectFailure.class, () -> Connections.open(s));
        assertThat(f.kind()).isEqualTo(ConnectFailure.Kind.UNREACHABLE);
        assertThat(f.getMessage()).contains("does not support SSL", "something answered on " + db.host() + ":"
                + db.port(), "sslmode").doesNotContain("is the server running");
    }

    @Test
    void aListenerThatIsNotPostgresIsNotAskedWhetherTheServerRuns() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                try (var sock = listener.accept()) {
                    sock.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                } catch (java.io.IOException ignored) {
                    // the test is over
                }
            });
            t.start();
            ConnectionSettings s = settings("postgres://app@localhost:" + listener.getLocalPort() + "/x");
            ConnectFailure f = catchThrowableOfType(ConnectFailure.class, () -> Connections.open(s));
            assertThat(f.getMessage()).contains("localhost:" + listener.getLocalPort(), "check the connection settings")
                    .doesNotContain("is the server running");
            t.join();
        }
    }

    @Test
    void aServerStartingUpOrFullSaysSo() throws Exception {
        ConnectionSettings s = settings("postgres://app@db:5432/ledger");
        assertThat(Connections.translate(s, new SQLException("the database system is starting up", "57P03"))
                .getMessage()).contains("answered that it is starting up, shutting down or recovering");
        ConnectFailure full = Connections.translate(s, new SQLException("sorry, too many clients already", "53300"));
        assertThat(full.kind()).isEqualTo(ConnectFailure.Kind.UNREACHABLE);
        assertThat(full.getMessage()).contains("no free connection slot (max_connections)");
    }

    @Test
    void otherFailuresAreOtherAndStillRedacted() throws Exception {
        ConnectionSettings s = settings("postgres://app:" + PW + "@db:5432/ledger");
        ConnectFailure f = Connections.translate(s, new SQLException("odd: " + PW, "XX000"));
        assertThat(f.kind()).isEqualTo(ConnectFailure.Kind.OTHER);
        assertThat(f.getMessage()).doesNotContain(PW).contains("--url");
    }

    @Test
    void serverInfoReadsTheServer(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            ServerInfo info = ServerInfo.of(c);
            assertThat(info.major()).isEqualTo(15);
            assertThat(info.versionNum()).isBetween(150000, 159999);
            assertThat(info.version()).startsWith("15.");
            assertThat(info.database()).isEqualTo(db.name());
            assertThat(info.user()).isEqualTo(db.user());
        }
    }

    @Test
    void majorOfTheOldNumbering() {
        assertThat(new ServerInfo(90624, "9.6.24", "d", "u").major()).isEqualTo(9);
        assertThat(new ServerInfo(160002, "16.2", "d", "u").major()).isEqualTo(16);
    }
}
