package dev.godwit.config;

import dev.godwit.db.ConnectionSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionUrlsTest {

    static final String PW = "s3cr3t-pw";

    @TempDir
    Path home;

    private ConnectionSettings parse(String url, Map<String, String> env) throws ConfigException {
        return ConnectionUrls.parse(url, "--url", env, home);
    }

    private ConnectionSettings parse(String url) throws ConfigException {
        return parse(url, Map.of());
    }

    @Test
    void aPasswordWhoseHostWasForgottenIsNotEchoedAsABadPort() {
        assertThatThrownBy(() -> parse("postgres://app:" + PW + "/ledger"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the port must be a number between 1 and 65535")
                .hasMessageContaining("postgres://app:***/ledger")
                .hasMessageNotContaining(PW);
        assertThatThrownBy(() -> parse("postgres://db:70000/ledger")).hasMessageContaining("not 70000");
    }

    @Test
    void readsEveryPartOfAPostgresUrl() throws Exception {
        ConnectionSettings s = parse("postgres://app:" + PW + "@db.internal:6543/ledger?sslmode=require");
        assertThat(s.host()).isEqualTo("db.internal");
        assertThat(s.port()).isEqualTo(6543);
        assertThat(s.database()).isEqualTo("ledger");
        assertThat(s.user()).isEqualTo("app");
        assertThat(s.password()).isEqualTo(PW);
        assertThat(s.sslMode()).isEqualTo("require");
        assertThat(s.source()).isEqualTo("--url");
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/ledger");
    }

    @Test
    void readsThePostgresqlScheme() throws Exception {
        ConnectionSettings s = parse("postgresql://app@db/ledger");
        assertThat(s.display()).isEqualTo("postgres://app@db:5432/ledger");
    }

    @Test
    void readsAJdbcUrlWithUserAndPasswordParameters() throws Exception {
        ConnectionSettings s = parse("jdbc:postgresql://db:5433/ledger?user=app&password=" + PW + "&sslmode=verify-full");
        assertThat(s.user()).isEqualTo("app");
        assertThat(s.password()).isEqualTo(PW);
        assertThat(s.port()).isEqualTo(5433);
        assertThat(s.sslMode()).isEqualTo("verify-full");
        assertThat(s.params()).isEmpty();
    }

    @Test
    void percentDecodesUserPasswordAndDatabaseButKeepsPlus() throws Exception {
        ConnectionSettings s = parse("postgres://us%40er:p%40ss+w%3Ard@h/my%20db%C3%BC");
        assertThat(s.user()).isEqualTo("us@er");
        assertThat(s.password()).isEqualTo("p@ss+w:rd");
        assertThat(s.database()).isEqualTo("my dbü");
    }

    @Test
    void readsTheShortJdbcFormWithOnlyADatabase() throws Exception {
        ConnectionSettings s = parse("jdbc:postgresql:ledger?user=app", Map.of("PGHOST", "pg1"));
        assertThat(s.display()).isEqualTo("postgres://app@pg1:5432/ledger");
    }

    @Test
    void readsIpv6Hosts() throws Exception {
        ConnectionSettings s = parse("postgres://app@[::1]:5433/db");
        assertThat(s.host()).isEqualTo("::1");
        assertThat(s.port()).isEqualTo(5433);
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/db");
        assertThat(s.display()).isEqualTo("postgres://app@[::1]:5433/db");
    }

    @Test
    void mapsLibpqParameterNamesToPgjdbcOnes() throws Exception {
        ConnectionSettings s = parse("postgres://app@h/db?connect_timeout=5&application_name=billing"
                + "&target_session_attrs=read-write&sslrootcert=/etc/ca.pem&sslcert=/c&sslkey=/k&options=-c%20x%3Dy");
        assertThat(s.params()).containsEntry("connectTimeout", "5")
                .containsEntry("ApplicationName", "billing")
                .containsEntry("targetServerType", "primary")
                .containsEntry("sslrootcert", "/etc/ca.pem")
                .containsEntry("sslcert", "/c")
                .containsEntry("sslkey", "/k")
                .containsEntry("options", "-c x=y");
        assertThat(s.jdbcProperties().getProperty("ApplicationName")).isEqualTo("billing");
    }

    @Test
    void propertiesCarryUserPasswordSslModeAndApplicationName() throws Exception {
        var p = parse("postgres://app:" + PW + "@h/db?sslmode=require").jdbcProperties();
        assertThat(p.getProperty("user")).isEqualTo("app");
        assertThat(p.getProperty("password")).isEqualTo(PW);
        assertThat(p.getProperty("sslmode")).isEqualTo("require");
        assertThat(p.getProperty("ApplicationName")).isEqualTo("godwit");
    }

    @Test
    void completesAUrlFromPgVariables() throws Exception {
        ConnectionSettings s = parse("postgres://db.internal/ledger", Map.of("PGUSER", "ops", "PGPORT", "6000",
                "PGPASSWORD", PW, "PGSSLMODE", "require", "PGHOST", "ignored", "PGDATABASE", "ignored"));
        assertThat(s.host()).isEqualTo("db.internal");
        assertThat(s.database()).isEqualTo("ledger");
        assertThat(s.user()).isEqualTo("ops");
        assertThat(s.port()).isEqualTo(6000);
        assertThat(s.password()).isEqualTo(PW);
        assertThat(s.sslMode()).isEqualTo("require");
    }

    @Test
    void buildsEverythingFromPgVariablesWhenThereIsNoUrl() throws Exception {
        ConnectionSettings s = ConnectionUrls.fromEnvironment(Map.of("PGHOST", "pg1", "PGPORT", "5544",
                "PGUSER", "ops", "PGDATABASE", "books", "PGPASSWORD", PW), home);
        assertThat(s.display()).isEqualTo("postgres://ops@pg1:5544/books");
        assertThat(s.password()).isEqualTo(PW);
        assertThat(s.source()).isEqualTo("PG* environment and defaults");
    }

    @Test
    void fallsBackToLibpqDefaults() throws Exception {
        ConnectionSettings s = ConnectionUrls.parse(null, "x", Map.of(), home);
        String osUser = System.getProperty("user.name");
        assertThat(s.display()).isEqualTo("postgres://" + osUser + "@localhost:5432/" + osUser);
        assertThat(s.password()).isNull();
        assertThat(s.sslMode()).isNull();
    }

    @Test
    void urlPasswordBeatsPgpasswordWhichBeatsPgpass() throws Exception {
        writePgpass("*:*:*:*:from-file");
        assertThat(parse("postgres://app:from-url@h/db", Map.of("PGPASSWORD", "from-env")).password())
                .isEqualTo("from-url");
        assertThat(parse("postgres://app@h/db", Map.of("PGPASSWORD", "from-env")).password()).isEqualTo("from-env");
        assertThat(parse("postgres://app@h/db").password()).isEqualTo("from-file");
    }

    @Test
    void pgpassfileNamesAnotherPasswordFile() throws Exception {
        Path other = home.resolve("other.pgpass");
        Files.writeString(other, "h:5432:db:app:" + PW + "\n");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
        assertThat(parse("postgres://app@h/db", Map.of("PGPASSFILE", other.toString())).password()).isEqualTo(PW);
    }

    @Test
    void toStringAndDisplayAndJdbcUrlNeverShowThePassword() throws Exception {
        ConnectionSettings s = parse("postgres://app:" + PW + "@h/db");
        assertThat(s.toString()).isEqualTo(s.display()).doesNotContain(PW);
        assertThat(s.jdbcUrl()).doesNotContain(PW);
    }

    private void writePgpass(String line) throws IOException {
        Path f = home.resolve(".pgpass");
        Files.writeString(f, line + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    }

    // ---- bad input: one test each; every message names the source and never shows the password

    private String failure(String url, Map<String, String> env) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> parse(url, env));
        assertThat(t).isInstanceOf(ConfigException.class);
        assertThat(t.getMessage()).doesNotContain(PW);
        return t.getMessage();
    }

    private String failure(String url) {
        return failure(url, Map.of());
    }

    @Test
    void rejectsAnotherDatabasesUrl() {
        assertThat(failure("mysql://app:" + PW + "@h/db"))
                .contains("--url", "not a PostgreSQL URL", "mysql://app:***@h/db");
    }

    @Test
    void rejectsGarbage() {
        assertThat(failure("not a url at all")).contains("--url", "not a PostgreSQL URL");
    }

    @Test
    void rejectsAnEmptyUrl() {
        assertThat(failure("  ")).contains("--url", "empty");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThat(failure("postgres://app:" + PW + "@h:99999/db")).contains("port", "99999", "app:***@");
    }

    @Test
    void rejectsAPortThatIsNotANumber() {
        assertThat(failure("jdbc:postgresql://h:abc/db?password=" + PW)).contains("port", "h:***/db", "password=***").doesNotContain("abc");
    }

    @Test
    void rejectsAUnixSocketHostParameter() {
        assertThat(failure("postgres://app@/db?host=/var/run/postgresql"))
                .contains("Unix socket", "host=localhost");
    }

    @Test
    void rejectsAPercentEncodedUnixSocketHost() {
        assertThat(failure("postgresql://%2Fvar%2Frun%2Fpostgresql/db")).contains("Unix socket");
    }

    @Test
    void rejectsAUnixSocketInPghost() {
        assertThatThrownBy(() -> ConnectionUrls.fromEnvironment(Map.of("PGHOST", "/var/run/postgresql"), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PGHOST")
                .hasMessageContaining("Unix socket");
    }

    @Test
    void rejectsABadPgport() {
        assertThat(failure("postgres://h/db", Map.of("PGPORT", "five"))).contains("PGPORT", "five");
    }

    @Test
    void rejectsABadPgsslmode() {
        assertThat(failure("postgres://h/db", Map.of("PGSSLMODE", "always"))).contains("PGSSLMODE", "always");
    }

    @Test
    void rejectsAnUnknownSslmode() {
        assertThat(failure("postgres://app:" + PW + "@h/db?sslmode=on")).contains("sslmode", "'on'");
    }

    @Test
    void rejectsMorePortsThanHosts() {
        assertThat(failure("postgres://h1:1,h2:2/db?port=5,6,7")).contains("2 host(s) but 3 ports");
    }

    @Test
    void rejectsABrokenPercentEscape() {
        assertThat(failure("postgres://app:" + PW + "%zz@h/db")).contains("password", "hex").doesNotContain("%zz");
    }

    @Test
    void rejectsAnUnknownTargetSessionAttrs() {
        assertThat(failure("postgres://h/db?target_session_attrs=fastest")).contains("target_session_attrs");
    }
}
