package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Bad input of every kind ends in a clear message, the documented exit code, and nothing changed. */
class ErrorsCliIT extends CliTestBase {

    static final String PASSWORD = "s3cr3t-pw";

    @Test
    void noCommandOrAnUnknownOptionIsAUsageError() {
        GodwitProcess.Result none = godwit.run();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.stderr()).contains("name a command");

        GodwitProcess.Result unknown = godwit.run("migrate", "--bogus");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("--bogus").contains("godwit migrate --help");
    }

    @Test
    void aBadDurationInTheConfigNamesTheKeyAndFile() {
        config("[database]\nurl = \"" + url() + "\"\n[migrations]\nlock_timeout = \"2 secs\"\n");

        GodwitProcess.Result r = godwit.run("status");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).contains("lock_timeout").contains("godwit.toml").contains("2 secs");
    }

    @Test
    void anUnknownKeyIsRefusedWithADidYouMean() {
        config("[database]\nurl = \"" + url() + "\"\n[migrations]\nlock_timout = \"2s\"\n");

        GodwitProcess.Result r = godwit.run("status");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("lock_timout").contains("lock_timeout");
    }

    @Test
    void aBadUrlIsAConfigurationErrorAndItsPasswordIsNotEchoed() {
        GodwitProcess.Result r = godwit.run("status", "--url", "mysql://root:" + PASSWORD + "@db/x");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--url");
        assertThat(r.all()).doesNotContain(PASSWORD);
    }

    @Test
    void anUnreachableServerExits8WithoutPrintingThePassword() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        GodwitProcess.Result r = godwit.run("migrate", "--url",
                "postgres://app:" + PASSWORD + "@127.0.0.1:" + closedPort + "/ledger");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(8);
        assertThat(r.stderr()).contains("could not connect").contains(String.valueOf(closedPort));
        assertThat(r.all()).doesNotContain(PASSWORD);
    }

    @Test
    void aMissingDatabaseIsAConfigurationError() {
        String missing = "postgres://" + db.user() + "@" + db.host() + ":" + db.port() + "/no_such_db";

        GodwitProcess.Result r = godwit.run("status", "--url", missing);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).contains("no_such_db");
    }

    @Test
    void thePasswordNeverAppearsInOutputOfASuccessfulRun() {
        write("V1__a.sql", "create table a (id int);");
        // The test server trusts every login, so any password works and would be easy to leak.
        String withPassword = "postgres://" + db.user() + ":" + PASSWORD + "@" + db.host() + ":" + db.port() + "/" + db.name();

        GodwitProcess.Result m = godwit.run("migrate", "--url", withPassword);
        GodwitProcess.Result s = godwit.run("status", "--json", "--url", withPassword);
        GodwitProcess.Result v = godwit.run("validate", "--url", withPassword, "-v");

        assertThat(m.exitCode()).as(m.toString()).isZero();
        assertThat(s.exitCode()).isZero();
        assertThat(v.exitCode()).isZero();
        assertThat(m.all() + s.all() + v.all()).doesNotContain(PASSWORD);
    }

    @Test
    void aPasswordFromPgpasswordIsNeverPrintedEither() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        GodwitProcess.Result r = godwit.env("PGPASSWORD", PASSWORD).env("PGHOST", "127.0.0.1")
                .env("PGPORT", String.valueOf(closedPort)).env("PGUSER", "app").env("PGDATABASE", "ledger")
                .run("status", "-v");

        assertThat(r.exitCode()).isEqualTo(8);
        assertThat(r.all()).doesNotContain(PASSWORD);
    }

    @Test
    void aTargetThatIsNotAVersionIsAUsageError() {
        GodwitProcess.Result r = run("migrate", "--target", "latest");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--target").contains("latest");
    }
}
