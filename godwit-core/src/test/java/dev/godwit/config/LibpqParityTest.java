package dev.godwit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.db.ConnectionSettings;
import dev.godwit.db.ConnectionSettings.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a psql user's setup means to Godwit, read as libpq reads it: multi-host URLs and PGHOST lists, libpq's
 * keyword/value strings, services from pg_service.conf, the SSL variables, and $HOME (not Java's user.home) for
 * ~/.pgpass and the service file.
 */
class LibpqParityTest {

    static final String PW = "s3cr3t-pw";

    @TempDir
    Path dir;

    private ConnectionSettings parse(String url, Map<String, String> env) throws ConfigException {
        // Java's user.home is a folder with nothing in it: whatever is found comes from $HOME.
        return ConnectionUrls.parse(url, "--url", env, dir.resolve("java-home"));
    }

    @Test
    void aMultiHostUrlKeepsEveryServerInOrderForPgjdbc() throws Exception {
        ConnectionSettings s = parse("postgres://app@standby.internal:5433,primary.internal/ledger"
                + "?target_session_attrs=read-write", Map.of());
        assertThat(s.servers()).containsExactly(new Endpoint("standby.internal", 5433),
                new Endpoint("primary.internal", 5432));
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://standby.internal:5433,primary.internal:5432/ledger");
        assertThat(s.display()).isEqualTo("postgres://app@standby.internal:5433,primary.internal:5432/ledger");
        assertThat(s.jdbcProperties().getProperty("targetServerType")).isEqualTo("primary");
        assertThat(s.pinned("primary.internal", 5432).jdbcUrl()).isEqualTo("jdbc:postgresql://primary.internal:5432/ledger");
        assertThat(s.pinned("primary.internal", 5432).params()).doesNotContainKey("targetServerType");

        ConnectionSettings jdbc = parse("jdbc:postgresql://[::1]:5433,h2:5434/db", Map.of());
        assertThat(jdbc.servers()).containsExactly(new Endpoint("::1", 5433), new Endpoint("h2", 5434));
        assertThat(jdbc.jdbcUrl()).startsWith("jdbc:postgresql://[::1]:5433,h2:5434/");
    }

    @Test
    void hostAndPortListsComeFromTheQueryOrFromPghostAndPgport() throws Exception {
        assertThat(parse("postgres:///db?host=h1,h2&port=1,2", Map.of()).servers())
                .containsExactly(new Endpoint("h1", 1), new Endpoint("h2", 2));
        assertThat(parse("postgres:///db", Map.of("PGHOST", "h1,h2", "PGPORT", "7")).servers())
                .as("one port serves every host").containsExactly(new Endpoint("h1", 7), new Endpoint("h2", 7));
        assertThat(parse("postgres:///db", Map.of("PGHOST", "h1,h2", "PGPORT", "7,8")).servers())
                .containsExactly(new Endpoint("h1", 7), new Endpoint("h2", 8));
        assertThatThrownBy(() -> parse("postgres:///db", Map.of("PGHOST", "h1,h2,h3", "PGPORT", "7,8")))
                .hasMessageContaining("3 host(s) but 2 ports");
    }

    @Test
    void libpqKeywordValueStringsAreRead() throws Exception {
        ConnectionSettings s = parse("host=db.internal port=6543 dbname=ledger user=app password='p w\\'x'"
                + " sslmode=verify-full application_name = deploy", Map.of());
        assertThat(s.servers()).containsExactly(new Endpoint("db.internal", 6543));
        assertThat(s.database()).isEqualTo("ledger");
        assertThat(s.user()).isEqualTo("app");
        assertThat(s.password()).isEqualTo("p w'x");
        assertThat(s.sslMode()).isEqualTo("verify-full");
        assertThat(s.params()).containsEntry("ApplicationName", "deploy");
        assertThatThrownBy(() -> parse("host=h password='" + PW, Map.of())).hasMessageContaining("no closing quote")
                .hasMessageNotContaining(PW);
    }

    @Test
    void aServiceFillsWhatTheUrlLeavesOutAndWinsOverPgVariables() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(".pg_service.conf"), String.join("\n",
                "# the user's services",
                "[ledger]",
                "host=primary.internal,standby.internal",
                "port=5433",
                "dbname=ledger",
                "user=deploy",
                "sslmode=verify-full",
                "target_session_attrs=read-write",
                "",
                "[other]",
                "host=elsewhere", ""));
        Map<String, String> env = Map.of("HOME", home.toString(), "PGHOST", "from-pghost", "PGUSER", "from-pguser");

        ConnectionSettings s = parse("service=ledger", env);
        assertThat(s.servers()).containsExactly(new Endpoint("primary.internal", 5433),
                new Endpoint("standby.internal", 5433));
        assertThat(s.user()).isEqualTo("deploy");
        assertThat(s.database()).isEqualTo("ledger");
        assertThat(s.sslMode()).isEqualTo("verify-full");
        assertThat(s.params()).containsEntry("targetServerType", "primary");

        ConnectionSettings url = parse("postgres://app@/other_db?service=ledger", env);
        assertThat(url.user()).as("the URL wins over its service").isEqualTo("app");
        assertThat(url.database()).isEqualTo("other_db");
        assertThat(url.host()).isEqualTo("primary.internal");

        Map<String, String> pgservice = new HashMap<>(env);
        pgservice.put("PGSERVICE", "other");
        assertThat(parse(null, pgservice).host()).isEqualTo("elsewhere");
        assertThat(parse(null, pgservice).user()).as("what the service leaves out comes from PG*").isEqualTo("from-pguser");
    }

    @Test
    void theServiceFileIsPgservicefileElseTheUsersElseTheSystemOne() throws Exception {
        Path named = Files.writeString(dir.resolve("named.conf"), "[a]\nhost=from-named\n");
        Path sys = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(sys.resolve("pg_service.conf"), "[a]\nhost=from-system\n[b]\nhost=system-b\n");
        Map<String, String> env = Map.of("PGSERVICEFILE", named.toString(), "PGSYSCONFDIR", sys.toString());
        assertThat(parse("service=a", env).host()).isEqualTo("from-named");
        assertThat(parse("service=b", env).host()).as("not in the user's file: the system's").isEqualTo("system-b");
        assertThatThrownBy(() -> parse("service=c", env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("the connection service \"c\" is not defined")
                .hasMessageContaining(named.toString()).hasMessageContaining(sys.resolve("pg_service.conf").toString());
    }

    @Test
    void pgpassIsFoundUnderDollarHomeNotJavasUserHome() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path pgpass = Files.writeString(home.resolve(".pgpass"), "h:5432:db:app:" + PW + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        assertThat(parse("postgres://app@h/db", Map.of("HOME", home.toString())).password()).isEqualTo(PW);
        assertThat(parse("postgres://app@h/db", Map.of()).password()).as("Java's user.home has none").isNull();
        // Of a multi-host URL, the first host with an entry gives the password.
        Files.writeString(pgpass, "h2:5432:db:app:" + PW + "\n");
        assertThat(parse("postgres://app@h1,h2/db", Map.of("HOME", home.toString())).password()).isEqualTo(PW);
    }

    @Test
    void theSslVariablesAndLibpqsDefaultFilesUnderHomeReachPgjdbc() throws Exception {
        Map<String, String> env = Map.of("PGSSLROOTCERT", "/etc/ssl/db-root.crt", "PGSSLCERT", "/etc/ssl/me.crt",
                "PGSSLKEY", "/etc/ssl/me.pk8", "PGTARGETSESSIONATTRS", "read-write", "PGCONNECT_TIMEOUT", "7");
        ConnectionSettings s = parse("postgres://app@h/db", env);
        assertThat(s.jdbcProperties()).containsEntry("sslrootcert", "/etc/ssl/db-root.crt")
                .containsEntry("sslcert", "/etc/ssl/me.crt").containsEntry("sslkey", "/etc/ssl/me.pk8")
                .containsEntry("targetServerType", "primary").containsEntry("connectTimeout", "7");
        assertThat(parse("postgres://app@h/db?sslrootcert=/url/root.crt", env).params())
                .as("the URL wins").containsEntry("sslrootcert", "/url/root.crt");

        Path home = Files.createDirectories(dir.resolve("home"));
        Path certs = Files.createDirectories(home.resolve(".postgresql"));
        Files.writeString(certs.resolve("root.crt"), "-----BEGIN CERTIFICATE-----");
        ConnectionSettings fromHome = parse("postgres://app@h/db", Map.of("HOME", home.toString()));
        assertThat(fromHome.params()).containsEntry("sslrootcert", certs.resolve("root.crt").toString())
                .doesNotContainKeys("sslcert", "sslkey");
    }

    @Test
    void aUnixSocketAmongSeveralHostsIsStillRefused() {
        assertThatThrownBy(() -> parse("postgres:///db", Map.of("PGHOST", "h1,/var/run/postgresql")))
                .hasMessageContaining("Unix socket");
        assertThatThrownBy(() -> parse("postgres://h1,%2Ftmp/db", Map.of())).hasMessageContaining("Unix socket");
        assertThat(List.of()).isEmpty();
    }
}
