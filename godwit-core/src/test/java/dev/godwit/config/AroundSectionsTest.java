package dev.godwit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [[hooks]], [[notify]] and [preflight]'s WAL archiving keys: read, defaulted, layered, refused with the key named. */
class AroundSectionsTest {

    @TempDir
    Path dir;

    GodwitConfig load(String toml, String environment, Map<String, String> env, ConfigLayer layer) throws Exception {
        Files.writeString(dir.resolve("godwit.toml"), toml);
        Map<String, String> vars = new java.util.HashMap<>(env);
        if (environment != null) {
            vars.put("GODWIT_ENV", environment);
        }
        return ConfigLoader.load(CliOverrides.none(), vars, dir, dir, layer);
    }

    GodwitConfig load(String toml) throws Exception {
        return load(toml, null, Map.of(), ConfigLayer.empty());
    }

    @Test
    void hooksAreReadInOrderWithTheirDefaults() throws Exception {
        List<HookSpec> hooks = load("""
                [[hooks]]
                name = "maintenance-on"
                at = "before_run"
                run = "echo on"
                timeout = "2m"

                [[hooks]]
                at = "after-success"
                sql = "hooks/after.sql"
                """).around().hooks();

        assertThat(hooks).hasSize(2);
        assertThat(hooks.get(0)).isEqualTo(new HookSpec("maintenance-on", HookPoint.BEFORE_RUN, Optional.of("echo on"),
                Optional.empty(), Duration.ofMinutes(2), "[[hooks]] #1 in godwit.toml"));
        assertThat(hooks.get(1).name()).isEqualTo("after_success#2");
        assertThat(hooks.get(1).sql()).contains(dir.resolve("hooks/after.sql").toAbsolutePath().normalize());
        assertThat(hooks.get(1).timeout()).isEqualTo(HookSpec.DEFAULT_TIMEOUT);
    }

    @Test
    void anEnvironmentsHooksReplaceTheTopLevelOnesAndCodeAddsItsOwnAfter() throws Exception {
        String toml = """
                [[hooks]]
                at = "before_run"
                run = "echo everywhere"

                [[environments.production.hooks]]
                at = "before_run"
                run = "echo production"
                """;
        ConfigLayer layer = ConfigLayer.empty().add("hooks", Map.of("at", "after_success", "run", "echo code"));

        assertThat(load(toml, null, Map.of(), layer).around().hooks()).extracting(h -> h.command().orElseThrow())
                .containsExactly("echo everywhere", "echo code");
        assertThat(load(toml, "production", Map.of(), layer).around().hooks())
                .extracting(h -> h.command().orElseThrow()).containsExactly("echo production", "echo code");
    }

    @Test
    void badHooksAreRefusedNamingTheTable() {
        assertThatThrownBy(() -> load("[[hooks]]\nat = \"befor_run\"\nrun = \"true\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[[hooks]] #1")
                .hasMessageContaining("did you mean").hasMessageContaining("before_run");
        assertThatThrownBy(() -> load("[[hooks]]\nat = \"before_run\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exactly one of run");
        assertThatThrownBy(() -> load("[[hooks]]\nat = \"before_run\"\nrun = \"a\"\nsql = \"b.sql\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exactly one of run");
        assertThatThrownBy(() -> load("[[hooks]]\nat = \"before_run\"\nrun = \"a\"\ntimeout = \"0\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("timeout must be more than 0");
        assertThatThrownBy(() -> load("[[hooks]]\nat = \"before_run\"\ncommand = \"a\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'command'")
                .hasMessageContaining("[hooks #1]");
        assertThatThrownBy(() -> load("[hooks]\nat = \"before_run\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("array of tables")
                .hasMessageContaining("[[hooks]]");
    }

    @Test
    void webhooksTakeTheirUrlFromTheFileOrAVariable() throws Exception {
        List<NotifySpec> targets = load("""
                [[notify]]
                url_env = "SLACK_URL"
                events = ["failure", "refusal"]

                [[notify]]
                name = "pager"
                url = "https://pager.example/hook"
                timeout = "2s"
                attempts = 2
                """, null, Map.of("SLACK_URL", "https://hooks.slack.com/services/T/B/secret"), ConfigLayer.empty())
                .around().webhooks();

        assertThat(targets.get(0).events()).containsExactlyInAnyOrder(NotifySpec.Event.FAILURE,
                NotifySpec.Event.REFUSAL);
        assertThat(targets.get(0).where()).isEqualTo("notify#1 (https://hooks.slack.com)");
        assertThat(targets.get(1).events()).hasSize(4);
        assertThat(targets.get(1).attempts()).isEqualTo(2);
        assertThat(targets.get(1).timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void badWebhooksAreRefused() {
        assertThatThrownBy(() -> load("[[notify]]\nurl_env = \"NOPE\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NOPE, which is not set");
        assertThatThrownBy(() -> load("[[notify]]\nurl = \"ftp://x\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> load("[[notify]]\nurl = \"https://x\"\nevents = [\"done\"]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("start, success, failure and refusal");
        assertThatThrownBy(() -> load("[[notify]]\nurl = \"https://x\"\nattempts = 0\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("attempts must be from 1 to 20");
    }

    @Test
    void walArchivingIsRequiredByDefaultInProductionOnly() throws Exception {
        String toml = "[environments.production.database]\nurl = \"postgres://u@h/db\"\n"
                + "[environments.staging.database]\nurl = \"postgres://u@h/db\"\n";
        assertThat(load(toml, "production", Map.of(), ConfigLayer.empty()).preflight().requireWalArchiving()).isTrue();
        assertThat(load(toml, "staging", Map.of(), ConfigLayer.empty()).preflight().requireWalArchiving()).isFalse();
        PreflightSettings own = load("[preflight]\nrequire_wal_archiving = false\nrpo = \"5m\"\n" + toml, "production",
                Map.of(), ConfigLayer.empty()).preflight();
        assertThat(own.requireWalArchiving()).isFalse();
        assertThat(own.rpo()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> load("[preflight]\nrpo = \"0\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rpo");
    }

    @Test
    void backfillCanaryIsReadAndBadValuesAreRefusedNamingTheKey() throws Exception {
        BackfillSettings b = load("[backfill]\ncanary_query = \" select 1 \"\ncanary_max = \"80ms\"\n").backfill();
        assertThat(b.canaryQuery()).contains("select 1");
        assertThat(b.canaryMax()).isEqualTo(java.time.Duration.ofMillis(80));
        assertThat(load("").backfill().canaryQuery()).isEmpty();
        assertThatThrownBy(() -> load("[backfill]\ncanary_max = \"0\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("canary_max").hasMessageContaining("50ms");
        assertThatThrownBy(() -> load("[backfill]\ncanary_query = \"  \"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("canary_query").hasMessageContaining("empty");
    }
}
