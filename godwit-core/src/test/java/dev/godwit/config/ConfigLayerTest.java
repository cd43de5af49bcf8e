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

class ConfigLayerTest {

    @TempDir
    Path dir;

    private GodwitConfig load(ConfigLayer layer, Optional<Path> file, Optional<String> env) throws ConfigException {
        CliOverrides cli = new CliOverrides(file, env, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        return ConfigLoader.load(cli, Map.of(), dir, dir, layer);
    }

    @Test
    void settingsInCodeWinOverTheFileAndItsEnvironment() throws Exception {
        Path file = dir.resolve("godwit.toml");
        Files.writeString(file, """
                [database]
                url = "postgres://app@db.example:5432/ledger"
                [migrations]
                lock_timeout = "3s"
                [environments.prod.migrations]
                lock_timeout = "4s"
                """);
        GodwitConfig c = load(ConfigLayer.empty().set("migrations.lock_timeout", Duration.ofSeconds(2))
                .set("migrations.locations", List.of("classpath:db/godwit", "sql")), Optional.of(file), Optional.of("prod"));
        assertThat(c.migrate().lockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.connection().host()).isEqualTo("db.example");
        assertThat(c.locations()).extracting(Object::toString).containsExactly("classpath:db/godwit",
                dir.resolve("sql").toString());
    }

    @Test
    void aBadValueInCodeGetsTheFilesMessage() {
        assertThatThrownBy(() -> load(ConfigLayer.empty().withoutImplicitFile().set("lint.max_risk", "enormous"),
                Optional.empty(), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("max_risk").hasMessageContaining("enormous");
        assertThatThrownBy(() -> ConfigLayer.empty().set("max_risk", "high"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("section.key");
    }

    @Test
    void anApplicationReadsNoGodwitTomlFromItsWorkingFolderUnlessNamed() throws Exception {
        Files.writeString(dir.resolve("godwit.toml"), "[database]\nschema = \"from_file\"\n");
        assertThat(load(ConfigLayer.empty().withoutImplicitFile().set("database.url", "postgres://a@h/db"),
                Optional.empty(), Optional.empty()).schema()).isEqualTo("godwit");
        assertThat(load(ConfigLayer.empty(), Optional.empty(), Optional.empty()).schema()).isEqualTo("from_file");
    }
}
