package dev.godwit.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.Risk;
import dev.godwit.run.RunOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link RunResult#describe()}: what a build log or a failed test shows of a run. */
class RunResultDescribeTest {

    private static RunResult result(RunOutcome outcome, Optional<Path> report) {
        return new RunResult("run-1", outcome, report, Optional.empty(), Optional.empty(), List.of());
    }

    @Test
    void aRefusalSaysWhyWithItsExitCodeAndReport() {
        String text = result(new RunOutcome.Refused("the approver is the person running it"),
                Optional.of(Path.of("reports/r.md"))).describe();

        assertThat(text).isEqualTo("refused (exit 2): refused: the approver is the person running it\n"
                + "report: reports/r.md");
    }

    @Test
    void invalidFilesAreListedOnePerLine() {
        String text = result(new RunOutcome.Invalid(List.of("V2__a.sql:3: syntax error", "V3__b.sql: duplicate")),
                Optional.empty()).describe();

        assertThat(text).isEqualTo("invalid (exit 4): the files or the history do not validate:\n"
                + "  - V2__a.sql:3: syntax error\n  - V3__b.sql: duplicate");
    }

    @Test
    void anEmptyGateRefusalStillNamesItsRisk() {
        assertThat(result(new RunOutcome.Blocked(List.of(), Risk.HIGH), Optional.empty()).describe())
                .startsWith("blocked (exit 5): the safety gate refused findings at or above high");
    }
}
