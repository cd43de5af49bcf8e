package dev.godwit.api;

import dev.godwit.run.RunOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a {@code migrate} or {@code rollback} ended, with what it left behind.
 *
 * @param runId     the run's id, in the history, the audit log and the report
 * @param outcome   how it ended; {@link RunOutcome#accept} handles every kind
 * @param report    the run report it wrote ({@code [report] dir}); empty when it changed nothing
 * @param auditHead the audit log's head after the run, to keep for {@code audit verify --expect-head}
 * @param backupId  the backup taken before migrating, when one was
 * @param warnings  what went wrong beside the run (a report that could not be written), in words
 */
public record RunResult(String runId, RunOutcome outcome, Optional<Path> report, Optional<String> auditHead,
                        Optional<String> backupId, List<String> warnings) {

    public RunResult {
        warnings = List.copyOf(warnings);
    }

    /** The exit code the CLI exits with for this outcome. */
    public int exitCode() {
        return ExitCode.of(outcome);
    }

    /** Everything asked for was applied (or reverted). */
    public boolean succeeded() {
        return outcome instanceof RunOutcome.Done;
    }

    /** This result when the run succeeded; else a {@link RunFailedException} that carries it. */
    public RunResult orThrow() {
        if (!succeeded()) {
            throw new RunFailedException(this);
        }
        return this;
    }
}
