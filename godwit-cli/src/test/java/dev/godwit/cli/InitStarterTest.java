package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.CliOverrides;
import dev.godwit.config.ConfigLoader;
import dev.godwit.config.GodwitConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `godwit init` writes every section, with defaults that load as they are, and keeps data out of git (issue 20). */
class InitStarterTest {

    @TempDir
    Path dir;

    private int init() {
        return Main.run(new String[] {"init", "--dir", dir.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
    }

    @Test
    void everySectionIsWrittenAndItsCommentedDefaultsAreValidSettings() throws Exception {
        assertThat(init()).isZero();
        String toml = Files.readString(dir.resolve("godwit.toml"));
        for (String section : new String[] {"[database]", "[migrations]", "[placeholders]", "[safety]", "[audit]",
                "[report]", "[lint]", "[backup]", "[checks]", "[preflight]"}) {
            assertThat(toml).contains("\n" + section + "\n");
        }
        // Uncomment every setting inside a section (not the environment examples): the file must still load.
        String uncommented = toml.lines().takeWhile(l -> !l.startsWith("# [environments"))
                .map(l -> l.matches("# [a-z_]+ = .*") ? l.substring(2) : l)
                .collect(Collectors.joining("\n"));
        Files.writeString(dir.resolve("godwit.toml"), uncommented + "\n");
        GodwitConfig c = ConfigLoader.load(new CliOverrides(Optional.of(dir.resolve("godwit.toml")), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), Map.of(), dir, dir);
        assertThat(c.lint().maxRisk().word()).isEqualTo("high");
        assertThat(c.backup().dir()).isEqualTo(dir.resolve("backups"));
    }

    @Test
    void backupsAndReportsAreKeptOutOfGit() throws Exception {
        Files.writeString(dir.resolve(".gitignore"), "target/");
        assertThat(init()).isZero();
        assertThat(Files.readAllLines(dir.resolve(".gitignore"))).containsExactly("target/", "backups/", "reports/");
    }
}
