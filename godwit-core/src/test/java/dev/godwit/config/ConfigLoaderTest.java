package dev.godwit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path temp;

    ConfigFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new ConfigFixture(temp);
    }

    @Test
    void withNoFileAndNoVariablesEverythingIsADefault() throws Exception {
        GodwitConfig c = fx.load();
        assertThat(c.configFile()).isEmpty();
        assertThat(c.environment()).isEmpty();
        assertThat(c.connection().display()).isEqualTo("postgres://tester@localhost:5432/tester");
        assertThat(c.connection().source()).isEqualTo("PG* environment and defaults");
        assertThat(c.schema()).isEqualTo("godwit");
        assertThat(c.folders()).containsExactly(fx.cwd.resolve("db/migrations"));
        assertThat(c.placeholders()).isEmpty();
        assertThat(c.migrate()).isEqualTo(MigrateSettings.defaults());
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        MigrateSettings d = MigrateSettings.defaults();
        assertThat(d.lockTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.statementTimeout()).isEqualTo(Duration.ZERO);
        assertThat(d.maxAttempts()).isEqualTo(10);
        assertThat(d.retryBaseDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(d.retryMaxDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.lockWait()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.outOfOrder()).isFalse();
        assertThat(d.cleanDisabled()).isTrue();
    }

    @Test
    void readsEveryKeyOfAFile() throws Exception {
        Path file = fx.copyResource("full.toml", "godwit.toml");
        GodwitConfig c = fx.load();
        assertThat(c.configFile()).contains(file);
        assertThat(c.connection().display()).isEqualTo("postgres://app@db.internal:6543/ledger");
        assertThat(c.connection().password()).isEqualTo(ConfigFixture.PW);
        assertThat(c.connection().sslMode()).isEqualTo("require");
        assertThat(c.connection().source()).isEqualTo("godwit.toml [database] url");
        assertThat(c.schema()).isEqualTo("deploy_meta");
        assertThat(c.folders()).containsExactly(fx.cwd.resolve("sql/main"), Path.of("/opt/shared/migrations"));
        assertThat(c.placeholders()).containsExactly(
                java.util.Map.entry("tenant", "acme"), java.util.Map.entry("region", "eu-west-1"));
        assertThat(c.migrate()).isEqualTo(new MigrateSettings(Duration.ofSeconds(3), Duration.ofHours(1), 4,
                Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(90), true, false));
    }

    @Test
    void anEnvironmentSectionOverlaysTheTopLevelOnes() throws Exception {
        fx.copyResource("full.toml", "godwit.toml");
        GodwitConfig c = fx.load(Cli.flags().env("production").build());
        assertThat(c.environment()).contains("production");
        assertThat(c.connection().display()).isEqualTo("postgres://app@prod-db:5432/ledger");
        assertThat(c.connection().source()).isEqualTo("godwit.toml [environments.production.database] url");
        assertThat(c.migrate().lockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.migrate().maxAttempts()).isEqualTo(4); // not overridden: the top level's
        assertThat(c.schema()).isEqualTo("deploy_meta");
        assertThat(c.placeholders()).containsEntry("tenant", "acme-prod").containsEntry("region", "eu-west-1");
    }

    @Test
    void godwitEnvChoosesTheEnvironment() throws Exception {
        fx.copyResource("full.toml", "godwit.toml");
        fx.env("GODWIT_ENV", "staging");
        assertThat(fx.load().migrate().maxAttempts()).isEqualTo(2);
        assertThat(fx.load(Cli.flags().env("production").build()).environment()).contains("production");
    }

    @Test
    void relativeFileLocationsAreRelativeToTheFilesFolder() throws Exception {
        fx.write("conf/app.toml", "[migrations]\nlocations = [\"../sql\", \"more\"]\n");
        GodwitConfig c = fx.load(Cli.flags().config("conf/app.toml").build());
        assertThat(c.configFile()).contains(fx.cwd.resolve("conf/app.toml"));
        assertThat(c.folders()).containsExactly(fx.cwd.resolve("sql"), fx.cwd.resolve("conf/more"));
    }

    @Test
    void theDefaultLocationIsNextToTheFile() throws Exception {
        fx.write("conf/app.toml", "[database]\nschema = \"g\"\n");
        assertThat(fx.load(Cli.flags().config("conf/app.toml").build()).folders())
                .containsExactly(fx.cwd.resolve("conf/db/migrations"));
    }

    @Test
    void commandLineAndVariableLocationsAreRelativeToTheWorkingFolder() throws Exception {
        fx.write("conf/app.toml", "[migrations]\nlocations = [\"x\"]\n");
        fx.env("GODWIT_CONFIG", "conf/app.toml");
        fx.env("GODWIT_LOCATIONS", " a , b/c ,");
        assertThat(fx.load().folders()).containsExactly(fx.cwd.resolve("a"), fx.cwd.resolve("b/c"));
        assertThat(fx.load(Cli.flags().locations("d", "/abs").build()).folders())
                .containsExactly(fx.cwd.resolve("d"), Path.of("/abs"));
    }

    @Test
    void godwitConfigNamesTheFileAndConfigBeatsIt() throws Exception {
        fx.write("a.toml", "[database]\nschema = \"from_a\"\n");
        fx.write("b.toml", "[database]\nschema = \"from_b\"\n");
        fx.godwitToml("[database]\nschema = \"from_default\"\n");
        assertThat(fx.load().schema()).isEqualTo("from_default");
        fx.env("GODWIT_CONFIG", "a.toml");
        assertThat(fx.load().schema()).isEqualTo("from_a");
        assertThat(fx.load(Cli.flags().config("b.toml").build()).schema()).isEqualTo("from_b");
    }

    @Test
    void aZeroNumberIsAcceptedAsNoTimeout() throws Exception {
        fx.godwitToml("[migrations]\nstatement_timeout = 0\nlock_timeout = \"0\"\n");
        assertThat(fx.load().migrate().statementTimeout()).isZero();
        assertThat(fx.load().migrate().lockTimeout()).isZero();
    }

    @Test
    void placeholdersKeepTheirOrder() throws Exception {
        fx.godwitToml("[placeholders]\nz = \"1\"\na = \"2\"\nm = \"3\"\n");
        assertThat(List.copyOf(fx.load().placeholders().keySet())).containsExactly("z", "a", "m");
    }

    @Test
    void anEmptyFileIsAllDefaults() throws Exception {
        fx.godwitToml("# nothing yet\n");
        GodwitConfig c = fx.load();
        assertThat(c.configFile()).isPresent();
        assertThat(c.migrate()).isEqualTo(MigrateSettings.defaults());
    }

    @Test
    void neitherTheConfigNorItsOverridesPrintThePassword() throws Exception {
        fx.copyResource("full.toml", "godwit.toml");
        GodwitConfig c = fx.load();
        assertThat(c.toString()).doesNotContain(ConfigFixture.PW).contains("postgres://app@db.internal:6543/ledger");
        CliOverrides cli = Cli.flags().url("postgres://app:" + ConfigFixture.PW + "@h/db").build();
        assertThat(cli.toString()).doesNotContain(ConfigFixture.PW);
        assertThat(fx.load(cli).toString()).doesNotContain(ConfigFixture.PW);
    }
}
