package dev.godwit.config;

import dev.godwit.base.Durations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input gets its own test; no message may show the password or Jackson's words. */
class ConfigErrorsTest {

    static final String PW = ConfigFixture.PW;

    @TempDir
    Path temp;

    ConfigFixture fx;
    Path file;

    @BeforeEach
    void setUp() throws Exception {
        fx = new ConfigFixture(temp);
        file = fx.cwd.resolve("godwit.toml");
    }

    private String error(CliOverrides cli) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> fx.load(cli));
        assertThat(e).as("a ConfigException").isNotNull();
        assertThat(e.getMessage()).doesNotContain(PW).doesNotContainIgnoringCase("jackson")
                .doesNotContain("Source:").doesNotContain("StringReader");
        return e.getMessage();
    }

    private String error() {
        return error(CliOverrides.none());
    }

    private String errorFor(String toml) throws Exception {
        fx.godwitToml("[database]\nurl = \"postgres://app:" + PW + "@db/x\"\n" + toml);
        return error();
    }

    @Test
    void unknownKeySuggestsTheNearestOne() throws Exception {
        assertThat(errorFor("[migrations]\nlock_timout = \"2s\"\n"))
                .startsWith("unknown key 'lock_timout' in [migrations] in " + file)
                .contains("did you mean 'lock_timeout'?")
                .contains("locations, out_of_order, clean_disabled, lock_timeout, statement_timeout, max_attempts,"
                        + " retry_base_delay, retry_max_delay, lock_wait");
    }

    @Test
    void unknownKeyFarFromAnyListsTheKnownOnes() throws Exception {
        assertThat(errorFor("[migrations]\nfrobnicate = 1\n"))
                .contains("unknown key 'frobnicate' in [migrations]")
                .doesNotContain("did you mean")
                .contains("the keys of [migrations] are: locations");
    }

    @Test
    void unknownKeyInAnEnvironmentSectionNamesThatSection() throws Exception {
        assertThat(errorFor("[environments.production.database]\nurll = \"x\"\n"))
                .contains("unknown key 'urll' in [environments.production.database] in " + file)
                .contains("did you mean 'url'?");
    }

    @Test
    void unknownSectionSuggestsTheNearestOne() throws Exception {
        assertThat(errorFor("[migration]\nlock_timeout = \"2s\"\n"))
                .startsWith("unknown section [migration] at the top level of " + file)
                .contains("did you mean [migrations]?")
                .contains("the known sections are: [database], [migrations], [placeholders]")
                .contains(", [lint]").endsWith(", [environments.NAME]");
    }

    @Test
    void unknownSectionInAnEnvironment() throws Exception {
        assertThat(errorFor("[environments.production.databse]\nurl = \"x\"\n"))
                .contains("unknown section [environments.production.databse]")
                .contains("did you mean [environments.production.database]?");
    }

    @Test
    void aKeyOutsideAnySection() throws Exception {
        fx.godwitToml("url = \"postgres://app:" + PW + "@db/x\"\n");
        assertThat(error()).contains("unknown key 'url' at the top level of " + file)
                .contains("settings belong in a section, e.g. [database] url");
    }

    @Test
    void badDurationUsesTheSharedWording() throws Exception {
        assertThat(errorFor("[migrations]\nlock_timeout = \"2 secs\"\n"))
                .isEqualTo(Durations.expected("[migrations] lock_timeout in " + file, "2 secs"));
    }

    @Test
    void aNumberWhereADurationBelongs() throws Exception {
        assertThat(errorFor("[migrations]\nlock_wait = 2.5\n"))
                .isEqualTo("[migrations] lock_wait in " + file + " must be a duration such as \"2s\", not the number 2.5");
    }

    @Test
    void aStringWhereANumberBelongs() throws Exception {
        assertThat(errorFor("[migrations]\nmax_attempts = \"ten\"\n"))
                .isEqualTo("[migrations] max_attempts in " + file + " must be a whole number, not the string \"ten\"");
    }

    @Test
    void aStringWhereABooleanBelongs() throws Exception {
        assertThat(errorFor("[migrations]\nout_of_order = \"yes\"\n"))
                .contains("[migrations] out_of_order in " + file + " must be true or false");
    }

    @Test
    void aStringWhereAListBelongs() throws Exception {
        assertThat(errorFor("[migrations]\nlocations = \"db/migrations\"\n"))
                .contains("[migrations] locations in " + file + " must be a list of strings");
    }

    @Test
    void aSectionThatIsNotATable() throws Exception {
        fx.godwitToml("migrations = 3\n");
        assertThat(error()).contains("'migrations' at the top level of " + file + " must be a table");
    }

    @Test
    void aPlaceholderThatIsNotAString() throws Exception {
        assertThat(errorFor("[placeholders]\nretries = 3\n"))
                .contains("[placeholders] retries in " + file + " must be a string");
    }

    @Test
    void invalidTomlSaysWhichLine() throws Exception {
        fx.godwitToml("[database]\nschema = \"ok\"\n\n[migrations]\nlock_timeout = 2 secs\n");
        assertThat(error()).startsWith(file + " is not valid TOML: at line 5").contains("quotes");
    }

    @Test
    void anUnclosedStringHidesThePassword() throws Exception {
        fx.godwitToml("[database]\nurl = \"postgres://app:" + PW + "@db/x\n");
        assertThat(error()).startsWith(file + " is not valid TOML: at line 2");
    }

    @Test
    void aKeySetTwice() throws Exception {
        fx.godwitToml("[database]\nschema = \"a\"\nschema = \"b\"\n");
        assertThat(error()).isEqualTo(file + " is not valid TOML: at line 3: a key is set twice");
    }

    @Test
    void maxAttemptsBelowOne() throws Exception {
        assertThat(errorFor("[migrations]\nmax_attempts = 0\n"))
                .isEqualTo("[migrations] max_attempts in " + file + " must be at least 1, not 0");
    }

    @Test
    void emptyLocations() throws Exception {
        assertThat(errorFor("[migrations]\nlocations = []\n")).contains("locations", "at least one folder");
    }

    @Test
    void schemaThatIsNotAnIdentifier() throws Exception {
        assertThat(errorFor("[database]\nschema = \"my-schema\"\n".replace("[database]\n", "[environments.x.database]\n")))
                .contains("[environments.x.database] schema in " + file, "schema name", "'my-schema'");
    }

    @Test
    void schemaInPgNamespace() throws Exception {
        fx.godwitToml("[database]\nschema = \"pg_godwit\"\n");
        assertThat(error()).contains("[database] schema", "pg_");
    }

    @Test
    void retryBaseDelayLongerThanTheMax() throws Exception {
        assertThat(errorFor("[migrations]\nretry_base_delay = \"1m\"\nretry_max_delay = \"1s\"\n"))
                .contains("retry_base_delay (1m)", "retry_max_delay (1s)");
    }

    @Test
    void missingConfigFlagFile() {
        assertThat(error(Cli.flags().config("nope.toml").build()))
                .isEqualTo("config file " + fx.cwd.resolve("nope.toml") + " (from --config) does not exist");
    }

    @Test
    void missingGodwitConfigFile() {
        fx.env("GODWIT_CONFIG", "/does/not/exist.toml");
        assertThat(error()).contains("/does/not/exist.toml", "GODWIT_CONFIG", "does not exist");
    }

    @Test
    void unknownEnvironmentListsTheDefinedOnes() throws Exception {
        fx.godwitToml("[environments.production.migrations]\nlock_timeout = \"2s\"\n"
                + "[environments.staging.migrations]\nlock_timeout = \"2s\"\n");
        assertThat(error(Cli.flags().env("prodution").build()))
                .contains("environment 'prodution' (from --env) is not defined in " + file)
                .contains("did you mean 'production'?")
                .contains("the defined environments are: production, staging");
    }

    @Test
    void unknownEnvironmentFromTheVariable() throws Exception {
        fx.godwitToml("");
        fx.env("GODWIT_ENV", "qa");
        assertThat(error()).contains("'qa' (from GODWIT_ENV)", "defines no environments");
    }

    @Test
    void anEnvironmentWithoutAConfigFile() {
        assertThat(error(Cli.flags().env("production").build())).contains("'production'", "no config file");
    }

    @Test
    void badUrlInTheFileNamesTheFileAndHidesThePassword() throws Exception {
        fx.godwitToml("[database]\nurl = \"mysql://app:" + PW + "@db/x\"\n");
        assertThat(error()).contains("godwit.toml [database] url", "not a PostgreSQL URL", "mysql://app:***@db/x");
    }

    @Test
    void badUrlInAVariable() {
        fx.env("DATABASE_URL", "postgres://app:" + PW + "@db:port/x");
        assertThat(error()).contains("from DATABASE_URL", "port");
    }

    @Test
    void unixSocketUrlFromTheCommandLine() {
        assertThat(error(Cli.flags().url("postgresql:///ledger?host=/var/run/postgresql&password=" + PW).build()))
                .contains("--url", "Unix socket", "host=localhost");
    }

    @Test
    void badLockTimeoutVariable() {
        fx.env("GODWIT_LOCK_TIMEOUT", "soon");
        assertThat(error()).isEqualTo(Durations.expected("GODWIT_LOCK_TIMEOUT", "soon"));
    }

    @Test
    void badStatementTimeoutVariable() {
        fx.env("GODWIT_STATEMENT_TIMEOUT", "-1");
        assertThat(error()).startsWith("GODWIT_STATEMENT_TIMEOUT must be a duration");
    }

    @Test
    void badLockWaitVariable() {
        fx.env("GODWIT_LOCK_WAIT", "5 minutes");
        assertThat(error()).startsWith("GODWIT_LOCK_WAIT must be a duration");
    }

    @Test
    void badMaxAttemptsVariable() {
        fx.env("GODWIT_MAX_ATTEMPTS", "0");
        assertThat(error()).isEqualTo("GODWIT_MAX_ATTEMPTS must be a whole number of at least 1, not '0'");
    }

    @Test
    void badOutOfOrderVariable() {
        fx.env("GODWIT_OUT_OF_ORDER", "maybe");
        assertThat(error()).isEqualTo("GODWIT_OUT_OF_ORDER must be true or false, not 'maybe'");
    }

    @Test
    void badSchemaVariable() {
        fx.env("GODWIT_SCHEMA", "drop table;");
        assertThat(error()).startsWith("GODWIT_SCHEMA must be a schema name");
    }

    @Test
    void badSchemaFlag() {
        assertThat(error(Cli.flags().schema("1st").build())).startsWith("--schema must be a schema name");
    }

    @Test
    void badLockTimeoutFlag() {
        assertThat(error(Cli.flags().lockTimeout("2 secs").build()))
                .isEqualTo(Durations.expected("--lock-timeout", "2 secs"));
    }

    @Test
    void emptyLocationsVariable() {
        fx.env("GODWIT_LOCATIONS", " , ");
        assertThat(error()).contains("GODWIT_LOCATIONS", "at least one folder");
    }
}
