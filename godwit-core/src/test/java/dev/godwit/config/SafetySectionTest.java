package dev.godwit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetySectionTest {

    @TempDir
    Path dir;

    GodwitConfig load(String toml) throws Exception {
        Files.writeString(dir.resolve("godwit.toml"), toml);
        return ConfigLoader.load(CliOverrides.none(), Map.of(), dir, dir);
    }

    @Test
    void defaultsRollBackTheRunAndSnapshotSmallTables() throws Exception {
        SafetySettings s = load("").safety();

        assertThat(s.onFailure()).isEqualTo(SafetySettings.OnFailure.ROLLBACK_RUN);
        assertThat(s.snapshot()).isEqualTo(SafetySettings.SnapshotMode.AUTO);
        assertThat(s.snapshotRowLimit()).isEqualTo(100_000);
    }

    @Test
    void readsEveryKeyAndLetsAnEnvironmentOverrideIt() throws Exception {
        String toml = "[safety]\non_failure = \"stop\"\nsnapshot = \"always\"\nsnapshot_row_limit = 10\n"
                + "[environments.production.safety]\non_failure = \"rollback-run\"\n";
        assertThat(load(toml).safety()).isEqualTo(new SafetySettings(SafetySettings.OnFailure.STOP,
                SafetySettings.SnapshotMode.ALWAYS, 10));

        Files.writeString(dir.resolve("godwit.toml"), toml);
        GodwitConfig prod = ConfigLoader.load(new CliOverrides(java.util.Optional.empty(),
                java.util.Optional.of("production"), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty()), Map.of(), dir, dir);
        assertThat(prod.safety().onFailure()).isEqualTo(SafetySettings.OnFailure.ROLLBACK_RUN);
        assertThat(prod.safety().snapshot()).isEqualTo(SafetySettings.SnapshotMode.ALWAYS);
    }

    @Test
    void badWordsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> load("[safety]\non_failure = \"rollback\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("on_failure")
                .hasMessageContaining("rollback-run");
        assertThatThrownBy(() -> load("[safety]\nsnapshot = \"sometimes\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("snapshot").hasMessageContaining("auto");
        assertThatThrownBy(() -> load("[safety]\nsnapshot_row_limit = -1\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("snapshot_row_limit");
    }
}
