package dev.godwit.spring.boot;

import dev.godwit.run.RunOutcome;
import java.util.stream.Collectors;

/** A run's outcome in the words a start-up failure prints; a new kind of outcome fails to compile here. */
final class OutcomeText implements RunOutcome.Visitor<String> {

    private OutcomeText() {}

    static String of(RunOutcome outcome) {
        return outcome.accept(new OutcomeText());
    }

    @Override
    public String done(RunOutcome.Done d) {
        return "applied " + d.applied().size() + " migration(s)";
    }

    @Override
    public String invalid(RunOutcome.Invalid i) {
        return "nothing was applied; the files or history do not validate:\n  - " + String.join("\n  - ", i.problems());
    }

    @Override
    public String blocked(RunOutcome.Blocked b) {
        return "nothing was applied; the safety gate (max_risk " + b.maxRisk() + ") blocks:\n  - "
                + b.blocking().stream().map(f -> f.file() + ":" + f.line() + " " + f.rule() + ": " + f.message())
                .collect(Collectors.joining("\n  - "));
    }

    @Override
    public String notReady(RunOutcome.NotReady n) {
        return "nothing was applied; preflight failed:\n  - " + n.report().failures().stream()
                .map(c -> c.id() + ": " + c.summary()).collect(Collectors.joining("\n  - "));
    }

    @Override
    public String backupFailed(RunOutcome.BackupFailed b) {
        return "nothing was applied; the backup before migrating failed: " + b.message();
    }

    @Override
    public String refused(RunOutcome.Refused r) {
        return "nothing was applied; refused: " + r.message();
    }

    @Override
    public String interrupted(RunOutcome.Interrupted i) {
        return "nothing was applied; stopped during " + i.during() + ": " + i.reason();
    }

    @Override
    public String lockTimedOut(RunOutcome.LockTimedOut l) {
        return "nothing was applied; another run held the migration lock: " + l.cause().getMessage();
    }

    @Override
    public String failed(RunOutcome.Failed f) {
        String applied = f.appliedBefore().isEmpty() ? "" : "\n  applied before it in this run: "
                + f.appliedBefore().stream().map(m -> m.script()).collect(Collectors.joining(", "));
        return f.failure().describe() + applied;
    }

    @Override
    public String hookFailed(RunOutcome.HookFailed h) {
        return (h.appliedBefore().isEmpty() ? "nothing was applied; " : "") + h.hook().describe();
    }
}
