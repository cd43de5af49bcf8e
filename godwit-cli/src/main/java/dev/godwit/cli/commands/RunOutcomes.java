package dev.godwit.cli.commands;

import dev.godwit.cli.lint.FindingJson;
import dev.godwit.cli.lint.FindingText;

import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Output;
import dev.godwit.cli.Session;
import dev.godwit.cli.check.IntegrityOutput;
import dev.godwit.run.RunOutcome;
import dev.godwit.migration.MigrationScript;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How `migrate` and `rollback` report their outcome: the JSON document, the error text, the exit code. */
final class RunOutcomes {

    private RunOutcomes() {}

    static int report(Session s, RunOutcome outcome) {
        return report(s, outcome, Optional.empty());
    }

    /** @param backupId the backup migrate took before changing anything: in the JSON, and in a failure's advice */
    static int report(Session s, RunOutcome outcome, Optional<String> backupId) {
        if (s.out().json()) {
            Map<String, Object> doc = json(s, outcome);
            backupId.ifPresent(id -> doc.put("backup", id));
            s.out().result(doc);
        }
        int code = exitCode(s.out(), outcome);
        if (outcome instanceof RunOutcome.Failed && backupId.isPresent()) {
            String env = s.config().environment().map(e -> "--env " + e + " ").orElse("");
            s.out().error("the backup taken before this run is " + backupId.get() + "; to restore what it holds (tables"
                    + " created since are left in place and named):\n  godwit " + env + "backup restore " + backupId.get() + " --replace --yes\n"
                    + "  (or `--into NEW_DB` instead of `--replace --yes` to restore it beside the database)");
        }
        return code;
    }

    private static int exitCode(Output out, RunOutcome outcome) {
        if (outcome instanceof RunOutcome.Done) {
            return ExitCodes.OK;
        }
        if (outcome instanceof RunOutcome.Invalid i) {
            out.error("nothing was applied: " + i.problems().size() + " problem(s) must be fixed first\n  - "
                    + String.join("\n  - ", i.problems()));
            return ExitCodes.VALIDATION;
        }
        if (outcome instanceof RunOutcome.LockTimedOut t) {
            out.error("nothing was applied: " + t.cause().getMessage());
            return ExitCodes.LOCK_TIMEOUT;
        }
        if (outcome instanceof RunOutcome.NotReady n) {
            out.error(dev.godwit.cli.ops.PreflightOutput.advice(n.report().failures()));
            return ExitCodes.NOT_READY;
        }
        if (outcome instanceof RunOutcome.BackupFailed b) {
            out.error(b.message());
            return ExitCodes.BACKUP;
        }
        if (outcome instanceof RunOutcome.Refused r) {
            out.error("nothing was applied: " + r.message());
            return ExitCodes.USAGE;
        }
        if (outcome instanceof RunOutcome.Interrupted i) {
            out.error("nothing was applied: interrupted by " + i.reason() + " " + i.during() + "; the migration lock"
                    + " is not held");
            return ExitCodes.FAILED;
        }
        if (outcome instanceof RunOutcome.Blocked b) {
            out.error("nothing was applied: the safety gate refused " + b.blocking().size() + " finding(s) at or above"
                    + " max_risk " + b.maxRisk().word() + ":\n");
            FindingText.print(out, b.blocking(), b.maxRisk());
            out.error("to go on, for each finding: rewrite the statement as shown under \"instead\" (usually in a"
                    + " migration of its own), or, if it is safe here, put `-- godwit:allow <rule> because <reason>`"
                    + " right before the statement; or raise [lint] max_risk");
            return ExitCodes.SAFETY_GATE;
        }
        RunOutcome.Failed f = (RunOutcome.Failed) outcome;
        StringBuilder sb = new StringBuilder(f.failed().label()).append(" failed at ").append(f.failure().describe());
        if (!f.reverted().isEmpty()) {
            sb.append("\n  rolled back what this run applied before it: ").append(labels(f.reverted()));
        }
        f.notReverted().forEach(n -> sb.append("\n  ").append(n));
        if (f.failure().connectionLost()) {
            sb.append(connectionLost(f));
        } else if (f.failure().lockLost()) {
            sb.append(lockLost(f));
        } else if (f.failure().interrupted()) {
            sb.append("\n  ").append(committedBefore(f)).append("\n  the migration lock was released; ")
                    .append(next(f)).append(" when you are ready");
        }
        out.error(sb.toString());
        return f.failure().integrity() ? ExitCodes.INTEGRITY : ExitCodes.FAILED;
    }

    /** What Godwit knows for certain when the connection dropped mid-run, and what to do next. */
    private static String connectionLost(RunOutcome.Failed f) {
        List<MigrationScript> committed = f.appliedBefore().stream().filter(m -> !f.reverted().contains(m)).toList();
        return "\n  verified before the connection was lost: " + (committed.isEmpty()
                ? "this run committed no migration before it"
                : committed.size() + " migration(s) of this run were committed with their history rows (the server"
                        + " confirmed each COMMIT): " + labels(committed))
                + "\n  the migration lock ended with the connection; once the database is back, `godwit status` shows"
                + " what is applied and " + next(f);
    }

    /** What a run that lost its lock knows: what it committed while it held it, and that it stopped. */
    private static String lockLost(RunOutcome.Failed f) {
        return "\n  " + committedBefore(f) + "\n  nothing was committed after the lock was lost (each COMMIT proves the"
                + " lock first), and no migration is applied twice (" + "the applied-versions table refuses it); the"
                + " server did not crash: only the lock's session ended. Another run may hold the lock now: `godwit"
                + " status` shows who, and what is applied; then " + next(f);
    }

    private static String committedBefore(RunOutcome.Failed f) {
        // reverted holds the down scripts that ran: a migration is reverted when one of them has its version
        List<MigrationScript> committed = f.appliedBefore().stream().filter(m -> f.reverted().stream()
                .noneMatch(d -> d.version() != null && d.version().equals(m.version()))).toList();
        return committed.isEmpty() ? "this run committed no migration before it"
                : "committed by this run before it, and still applied: " + labels(committed);
    }

    /** The command that goes on from here: a rollback's failure is resumed by rollback, not by migrate. */
    private static String next(RunOutcome.Failed f) {
        return f.failed().kind() == dev.godwit.migration.MigrationKind.UNDO
                ? "`godwit rollback` reverts what is still to revert (" + f.failed().label() + " was not reverted)"
                : "`godwit migrate` resumes at " + f.failed().label();
    }

    private static String labels(List<MigrationScript> list) {
        return String.join(", ", list.stream().map(MigrationScript::label).toList());
    }

    private static Map<String, Object> json(Session s, RunOutcome outcome) {
        Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
        doc.put("runId", s.runId());
        if (outcome instanceof RunOutcome.Done d) {
            doc.put("outcome", d.applied().isEmpty() ? "up-to-date" : "applied");
            doc.put("applied", d.applied().stream().map(MigrationScript::script).toList());
            doc.put("current", d.current().map(Object::toString).orElse(null));
        } else if (outcome instanceof RunOutcome.Invalid i) {
            doc.put("outcome", "invalid");
            doc.put("problems", i.problems());
        } else if (outcome instanceof RunOutcome.LockTimedOut t) {
            doc.put("outcome", "lock-timeout");
            doc.put("message", t.cause().getMessage());
            doc.put("lock", t.cause().holder().map(StatusCommand::lockJson).orElse(null));
        } else if (outcome instanceof RunOutcome.Blocked b) {
            doc.put("outcome", "blocked");
            doc.put("max_risk", b.maxRisk().word());
            doc.put("findings", FindingJson.of(b.blocking()));
        } else if (outcome instanceof RunOutcome.NotReady n) {
            doc.put("outcome", "not-ready");
            doc.put("preflight", dev.godwit.cli.ops.PreflightOutput.json(n.report()));
        } else if (outcome instanceof RunOutcome.BackupFailed b) {
            doc.put("outcome", "backup-failed");
            doc.put("message", b.message());
        } else if (outcome instanceof RunOutcome.Refused r) {
            doc.put("outcome", "refused");
            doc.put("message", r.message());
        } else if (outcome instanceof RunOutcome.Interrupted i) {
            doc.put("outcome", "interrupted");
            doc.put("reason", i.reason());
        } else if (outcome instanceof RunOutcome.Failed f) {
            doc.put("outcome", f.failure().interrupted() ? "interrupted" : f.failure().lockLost() ? "lock-lost" : "failed");
            doc.put("failed", f.failed().script());
            doc.put("location", f.failure().location());
            doc.put("message", f.failure().message());
            doc.put("sqlState", f.failure().sqlState());
            doc.put("rolledBack", f.failure().rolledBack());
            doc.put("leftBehind", f.failure().leftBehind());
            doc.put("integrity", IntegrityOutput.json(f.failure().violations()));
            doc.put("appliedBefore", f.appliedBefore().stream().map(MigrationScript::script).toList());
            doc.put("reverted", f.reverted().stream().map(MigrationScript::script).toList());
            doc.put("notReverted", f.notReverted());
        }
        return doc;
    }
}
