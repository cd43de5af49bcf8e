package dev.godwit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each layer wins over the next: command line > environment variables > [environments.NAME] > top level >
 * defaults. Every test stacks all layers, then peels them off from the top.
 */
class PrecedenceTest {

    @TempDir
    Path temp;

    ConfigFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new ConfigFixture(temp);
        fx.env("GODWIT_ENV", "prod");
    }

    @Test
    void lockTimeout() throws Exception {
        fx.godwitToml("""
                [migrations]
                lock_timeout = "2s"
                [environments.prod.migrations]
                lock_timeout = "3s"
                """);
        fx.env("GODWIT_LOCK_TIMEOUT", "4s");
        assertThat(fx.load(Cli.flags().lockTimeout("5s").build()).migrate().lockTimeout()).hasSeconds(5);
        assertThat(fx.load().migrate().lockTimeout()).hasSeconds(4);
        fx.env.remove("GODWIT_LOCK_TIMEOUT");
        assertThat(fx.load().migrate().lockTimeout()).hasSeconds(3);
        fx.env.remove("GODWIT_ENV");
        assertThat(fx.load().migrate().lockTimeout()).hasSeconds(2);
        fx.godwitToml("");
        assertThat(fx.load().migrate().lockTimeout()).hasSeconds(1);
    }

    @Test
    void statementTimeoutAndLockWait() throws Exception {
        fx.godwitToml("""
                [migrations]
                statement_timeout = "1m"
                lock_wait = "1m"
                [environments.prod.migrations]
                statement_timeout = "2m"
                lock_wait = "2m"
                """);
        fx.env("GODWIT_STATEMENT_TIMEOUT", "3m").env("GODWIT_LOCK_WAIT", "3m");
        MigrateSettings m = fx.load(Cli.flags().statementTimeout("4m").lockWait("4m").build()).migrate();
        assertThat(m.statementTimeout()).isEqualTo(Duration.ofMinutes(4));
        assertThat(m.lockWait()).isEqualTo(Duration.ofMinutes(4));
        assertThat(fx.load().migrate().statementTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(fx.load().migrate().lockWait()).isEqualTo(Duration.ofMinutes(3));
        fx.env.remove("GODWIT_STATEMENT_TIMEOUT");
        fx.env.remove("GODWIT_LOCK_WAIT");
        assertThat(fx.load().migrate().statementTimeout()).isEqualTo(Duration.ofMinutes(2));
        fx.env.remove("GODWIT_ENV");
        assertThat(fx.load().migrate().lockWait()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void databaseUrl() throws Exception {
        fx.godwitToml("""
                [database]
                url = "postgres://u@top/db"
                [environments.prod.database]
                url = "postgres://u@envsection/db"
                """);
        fx.env("DATABASE_URL", "postgres://u@databaseurl/db");
        fx.env("GODWIT_DATABASE_URL", "postgres://u@godwitdatabaseurl/db");
        assertThat(fx.load(Cli.flags().url("postgres://u@flag/db").build()).connection().host()).isEqualTo("flag");
        assertThat(fx.load().connection().host()).isEqualTo("godwitdatabaseurl");
        assertThat(fx.load().connection().source()).isEqualTo("GODWIT_DATABASE_URL");
        fx.env.remove("GODWIT_DATABASE_URL");
        assertThat(fx.load().connection().host()).isEqualTo("databaseurl");
        assertThat(fx.load().connection().source()).isEqualTo("DATABASE_URL");
        fx.env.remove("DATABASE_URL");
        assertThat(fx.load().connection().host()).isEqualTo("envsection");
        fx.env.remove("GODWIT_ENV");
        assertThat(fx.load().connection().host()).isEqualTo("top");
        fx.godwitToml("");
        fx.env("PGHOST", "pghost");
        assertThat(fx.load().connection().host()).isEqualTo("pghost");
        assertThat(fx.load(Cli.flags().url("postgres://u@flag/db").build()).connection().source()).isEqualTo("--url");
    }

    @Test
    void schema() throws Exception {
        fx.godwitToml("""
                [database]
                schema = "top"
                [environments.prod.database]
                schema = "envsection"
                """);
        fx.env("GODWIT_SCHEMA", "variable");
        assertThat(fx.load(Cli.flags().schema("flag").build()).schema()).isEqualTo("flag");
        assertThat(fx.load().schema()).isEqualTo("variable");
        fx.env.remove("GODWIT_SCHEMA");
        assertThat(fx.load().schema()).isEqualTo("envsection");
        fx.env.remove("GODWIT_ENV");
        assertThat(fx.load().schema()).isEqualTo("top");
    }

    @Test
    void locations() throws Exception {
        fx.godwitToml("""
                [migrations]
                locations = ["top"]
                [environments.prod.migrations]
                locations = ["envsection"]
                """);
        fx.env("GODWIT_LOCATIONS", "variable");
        assertThat(fx.load(Cli.flags().locations("flag").build()).folders()).containsExactly(fx.cwd.resolve("flag"));
        assertThat(fx.load().folders()).containsExactly(fx.cwd.resolve("variable"));
        fx.env.remove("GODWIT_LOCATIONS");
        assertThat(fx.load().folders()).containsExactly(fx.cwd.resolve("envsection"));
        fx.env.remove("GODWIT_ENV");
        assertThat(fx.load().folders()).containsExactly(fx.cwd.resolve("top"));
    }

    @Test
    void outOfOrderAndMaxAttempts() throws Exception {
        fx.godwitToml("""
                [migrations]
                out_of_order = true
                max_attempts = 3
                [environments.prod.migrations]
                out_of_order = false
                max_attempts = 4
                """);
        fx.env("GODWIT_OUT_OF_ORDER", "true").env("GODWIT_MAX_ATTEMPTS", "5");
        assertThat(fx.load(Cli.flags().outOfOrder(false).build()).migrate().outOfOrder()).isFalse();
        assertThat(fx.load().migrate().outOfOrder()).isTrue();
        assertThat(fx.load().migrate().maxAttempts()).isEqualTo(5);
        fx.env.remove("GODWIT_OUT_OF_ORDER");
        fx.env.remove("GODWIT_MAX_ATTEMPTS");
        assertThat(fx.load().migrate().outOfOrder()).isFalse();
        assertThat(fx.load().migrate().maxAttempts()).isEqualTo(4);
        fx.env.remove("GODWIT_ENV");
        assertThat(fx.load().migrate().outOfOrder()).isTrue();
        assertThat(fx.load().migrate().maxAttempts()).isEqualTo(3);
    }

    @Test
    void theEnvFlagBeatsGodwitEnv() throws Exception {
        fx.godwitToml("""
                [environments.prod.database]
                schema = "p"
                [environments.stage.database]
                schema = "s"
                """);
        assertThat(fx.load().schema()).isEqualTo("p");
        assertThat(fx.load(Cli.flags().env("stage").build()).schema()).isEqualTo("s");
    }
}
