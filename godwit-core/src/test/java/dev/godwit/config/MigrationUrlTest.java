package dev.godwit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [database] migration_url} / GODWIT_MIGRATION_URL: Godwit's own URL beside the application's pooled one; it
 * wins over url and DATABASE_URL wherever they are set, and only --url wins over it. And {@code stop_grace}.
 */
class MigrationUrlTest {

    @TempDir
    Path temp;

    ConfigFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new ConfigFixture(temp);
    }

    @Test
    void migrationUrlWinsOverTheApplicationsUrlAndOnlyTheUrlFlagWinsOverIt() throws Exception {
        fx.godwitToml("""
                [database]
                url = "postgres://app@pooler:6432/ledger"
                migration_url = "postgres://deploy@direct:5432/ledger"
                [environments.prod.database]
                migration_url = "postgres://deploy@prod-direct:5432/ledger"
                """);
        fx.env("DATABASE_URL", "postgres://app@pooled-env:6432/ledger");
        assertThat(fx.load().connection().host()).isEqualTo("direct");
        assertThat(fx.load().connection().source()).isEqualTo("godwit.toml [database] migration_url");
        fx.env("GODWIT_ENV", "prod");
        assertThat(fx.load().connection().host()).isEqualTo("prod-direct");
        fx.env("GODWIT_MIGRATION_URL", "postgres://deploy@from-env:5432/ledger");
        assertThat(fx.load().connection().host()).isEqualTo("from-env");
        assertThat(fx.load(Cli.flags().url("postgres://u@flag/db").build()).connection().host()).isEqualTo("flag");
    }

    @Test
    void withoutMigrationUrlTheUsualUrlIsUsed() throws Exception {
        fx.godwitToml("[database]\nurl = \"postgres://app@top:5432/ledger\"\n");
        assertThat(fx.load().connection().host()).isEqualTo("top");
    }

    @Test
    void stopGraceDefaultsBelowKubernetesThirtySecondsAndCanBeSet() throws Exception {
        assertThat(fx.load().migrate().stopGrace()).isEqualTo(Duration.ofSeconds(25));
        fx.godwitToml("[migrations]\nstop_grace = \"100s\"\n");
        assertThat(fx.load().migrate().stopGrace()).isEqualTo(Duration.ofSeconds(100));
        fx.env("GODWIT_STOP_GRACE", "10s");
        assertThat(fx.load().migrate().stopGrace()).isEqualTo(Duration.ofSeconds(10));
    }
}
