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

    /**
     * How the run ended, in words, for a client that shows it to people (a build log, a failed test): one line, then
     * a line per problem, finding or failed check, each with its file and line where it has one.
     */
    public String describe() {
        String head = dev.godwit.report.RunReports.outcomeWord(outcome) + " (exit " + exitCode() + ")";
        String body = outcome.accept(new RunOutcome.Visitor<String>() {
            public String done(RunOutcome.Done d) {
                return d.applied().size() + " migration(s) applied; now at "
                        + d.current().map(Object::toString).orElse("no version");
            }

            public String invalid(RunOutcome.Invalid i) {
                return "the files or the history do not validate:" + lines(i.problems());
            }

            public String blocked(RunOutcome.Blocked b) {
                return "the safety gate refused findings at or above " + b.maxRisk().word() + ":" + lines(b.blocking()
                        .stream().map(f -> f.location() + " " + f.risk().word() + " " + f.rule() + ": " + f.message())
                        .toList());
            }

            public String notReady(RunOutcome.NotReady n) {
                return "preflight failed:" + lines(n.report().failures().stream()
                        .map(c -> c.id() + ": " + c.summary()).toList());
            }

            public String backupFailed(RunOutcome.BackupFailed b) {
                return "the backup before migrating failed, nothing was applied: " + b.message();
            }

            public String refused(RunOutcome.Refused r) {
                return "refused: " + r.message();
            }

            public String interrupted(RunOutcome.Interrupted i) {
                return "interrupted by " + i.reason() + " " + i.during() + "; nothing was applied";
            }

            public String lockTimedOut(RunOutcome.LockTimedOut t) {
                return t.cause().getMessage();
            }

            public String failed(RunOutcome.Failed f) {
                return f.failed().label() + " failed at " + f.failure().describe();
            }

            public String hookFailed(RunOutcome.HookFailed h) {
                return h.hook().describe() + (h.appliedBefore().isEmpty() ? "; nothing was applied"
                        : "; still applied from before it: " + h.appliedBefore().size() + " migration(s)");
            }
        });
        return head + ": " + body + report.map(r -> "\nreport: " + r).orElse("");
    }

    private static String lines(List<String> items) {
        return items.stream().map(s -> "\n  - " + s).reduce("", String::concat);
    }

    /** This result when the run succeeded; else a {@link RunFailedException} that carries it. */
    public RunResult orThrow() {
        if (!succeeded()) {
            throw new RunFailedException(this);
        }
        return this;
    }
}
