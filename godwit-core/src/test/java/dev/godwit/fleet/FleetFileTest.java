package dev.godwit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetFileTest {

    @TempDir
    Path dir;

    private Path write(String toml) throws Exception {
        Path f = dir.resolve("fleet.toml");
        Files.writeString(f, toml);
        return f;
    }

    @Test
    void readsTargetsSettingsAndSource() throws Exception {
        FleetFile f = FleetFile.read(write("""
                [fleet]
                parallel = 4
                canary = 2
                max_failures = 3
                summary_dir = "out"
                audit_file = "out/audit.jsonl"

                [[targets]]
                name = "eu-1"
                url_env = "EU1_URL"
                tags = ["canary", "eu"]

                [[targets]]
                name = "us-1"
                url = "postgres://app:secret@us/db"
                schema = "acme"
                """));
        assertThat(f.targets()).extracting(Target::name).containsExactly("eu-1", "us-1");
        assertThat(f.targets().get(0).canary()).isTrue();
        assertThat(f.targets().get(1).schema()).contains("acme");
        assertThat(f.settings().parallel()).contains(4);
        assertThat(f.settings().maxFailures()).contains(3);
        assertThat(f.settings().auditFile()).contains(dir.toAbsolutePath().resolve("out/audit.jsonl"));
        assertThat(f.targets().get(1).toString()).doesNotContain("secret");
    }

    @Test
    void urlEnvIsReadAtRunTimeAndAMissingVariableIsNamed() throws Exception {
        Target t = new Target("eu-1", null, "EU1_URL", List.of(), Optional.empty());
        assertThat(t.resolveUrl(Map.of("EU1_URL", "postgres://x/y"))).isEqualTo("postgres://x/y");
        assertThatThrownBy(() -> t.resolveUrl(Map.of())).hasMessageContaining("EU1_URL")
                .hasMessageContaining("eu-1");
    }

    @Test
    void badFilesSayWhatAndWhere() throws Exception {
        assertThatThrownBy(() -> FleetFile.read(write("[fleet]\nmax_failure = 2\n[[targets]]\nname='a'\nurl='u'\n")))
                .hasMessageContaining("unknown key [fleet] max_failure").hasMessageContaining("max_failures");
        assertThatThrownBy(() -> FleetFile.read(write("[[targets]]\nname='a'\n")))
                .hasMessageContaining("give url or url_env, exactly one");
        assertThatThrownBy(() -> FleetFile.read(write("[[targets]]\nname='a'\nurl='u'\n[[targets]]\nname='a'\n"
                + "url='v'\n"))).hasMessageContaining("two targets are named a");
        assertThatThrownBy(() -> FleetFile.read(write("[[targets]]\nname='a'\nurl='u'\nschema='x; drop'\n")))
                .hasMessageContaining("plain schema name");
        assertThatThrownBy(() -> FleetFile.read(write("[fleet]\nparallel = 0\n[[targets]]\nname='a'\nurl='u'\n")))
                .hasMessageContaining("parallel must be a whole number of at least 1");
        assertThatThrownBy(() -> FleetFile.read(write("[fleet]\nparallel = 2\n")))
                .hasMessageContaining("names no target");
        assertThatThrownBy(() -> FleetFile.read(dir.resolve("none.toml"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> FleetFile.read(write("[[targets]\n"))).hasMessageContaining("not valid TOML");
    }

    @Test
    void tenantUrlsCarryTheSearchPathAsAStartupOption() throws Exception {
        assertThat(TenantUrls.withSearchPath("postgres://u@h/db", "acme", "t"))
                .isEqualTo("postgres://u@h/db?options=-c%20search_path%3Dacme");
        assertThat(TenantUrls.withSearchPath("postgres://u@h/db?sslmode=require", "acme", "t"))
                .endsWith("&options=-c%20search_path%3Dacme");
        assertThat(TenantUrls.withSearchPath("host=h dbname=db", "acme", "t"))
                .isEqualTo("host=h dbname=db options='-c search_path=acme'");
        assertThatThrownBy(() -> TenantUrls.withSearchPath("postgres://h/db?options=-c%20x%3D1", "a", "t"))
                .hasMessageContaining("sets options already");
    }
}
