package dev.godwit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.config.PreflightSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightSectionTest {

    @TempDir
    Path dir;

    GodwitConfig load(String toml) throws Exception {
        Files.writeString(dir.resolve("godwit.toml"), toml);
        return ConfigLoader.load(CliOverrides.none(), Map.of(), dir, dir);
    }

    @Test
    void defaultsWhenTheSectionIsAbsent() throws Exception {
        assertThat(load("").preflight()).isEqualTo(PreflightSettings.defaults());
    }

    @Test
    void readsThresholdsAndKeepsDefaultsForTheRest() throws Exception {
        PreflightSettings p = load("[preflight]\nenabled = false\nconnections_warn_percent = 70\n"
                + "lock_holder_fail = \"30s\"\nbackup_fail_age = \"7d\"\n").preflight();

        assertThat(p.enabled()).isFalse();
        assertThat(p.connectionsWarnPercent()).isEqualTo(70);
        assertThat(p.lockHolderFail()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.backupFailAge()).isEqualTo(Duration.ofDays(7));
        assertThat(p.connectionsFailPercent()).isEqualTo(PreflightSettings.defaults().connectionsFailPercent());
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> load("[preflight]\nconnections_fail_percent = 120\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("connections_fail_percent");
        assertThatThrownBy(() -> load("[preflight]\nlock_holder_fail = \"soon\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lock_holder_fail");
        assertThatThrownBy(() -> load("[preflight]\nlock_holders_fail = \"5s\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lock_holders_fail");
    }
}
