package dev.godwit.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.LintSettings;
import dev.godwit.config.Risk;
import dev.godwit.lint.Finding;
import dev.godwit.lint.LintReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Godwit#lintLocations}: class path migrations are linted too, which {@link Godwit#lint} cannot read. */
class LintLocationsTest {

    private final Godwit godwit = Godwit.configure()
            .url("postgres://nobody@localhost:1/none") // linting needs no database
            .locations("classpath:api-lint/risky")
            .environmentVariables(Map.of())
            .load();

    @Test
    void aClassPathMigrationsFindingNamesItsFileAndLine() {
        LintReport report = godwit.lintLocations(LintSettings.defaults(), 15);

        List<Finding> blocking = report.blocking();
        assertThat(blocking).extracting(Finding::rule).containsExactly("drop-column");
        assertThat(blocking.get(0).file()).isEqualTo("V2__drop_note.sql");
        assertThat(blocking.get(0).line()).isEqualTo(2);
        // The folder-only lint finds nothing here: the reason this method exists.
        assertThat(godwit.lint(List.of(), LintSettings.defaults(), 15).findings()).isEmpty();
    }

    @Test
    void aFolderMigrationsFindingNamesItsPathSoABuildLogCanLinkIt() {
        Godwit fromFolder = Godwit.configure().url("postgres://nobody@localhost:1/none")
                .locations("filesystem:src/test/resources/api-lint/risky").environmentVariables(Map.of()).load();

        List<Finding> blocking = fromFolder.lintLocations(LintSettings.defaults(), 15).blocking();

        assertThat(blocking).extracting(Finding::location)
                .containsExactly(java.nio.file.Path.of("src/test/resources/api-lint/risky/V2__drop_note.sql") + ":2:1");
    }

    @Test
    void aHigherMaxRiskLetsTheSameFilesPass() {
        LintReport report = godwit.lintLocations(LintSettings.defaults().withMaxRisk(Risk.CRITICAL), 15);

        assertThat(report.findings()).isNotEmpty();
        assertThat(report.blocks()).isFalse();
    }
}
