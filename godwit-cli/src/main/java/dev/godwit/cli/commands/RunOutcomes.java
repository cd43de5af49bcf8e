package dev.godwit.cli.commands;

import dev.godwit.cli.lint.FindingJson;
import dev.godwit.cli.lint.FindingText;

import dev.godwit.cli.Output;
import dev.godwit.cli.Session;
import dev.godwit.api.RunResult;
import dev.godwit.cli.check.IntegrityOutput;
import dev.godwit.run.RunOutcome;
import dev.godwit.migration.MigrationScript;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How `migrate` and `rollback` report their outcome: the JSON document, the error text, the exit code. */
final class RunOutcomes {

    private RunOutcomes() {}

    /**
     * What the run left (its report, the audit head, warnings), its JSON document, the error text and the exit code.
     * The exit code is the API's ({@link dev.godwit.api.ExitCode#of}); the words are the CLI's.
     */
    static int report(Session s, RunResult r) {
        return report(s, r, false);
    }

    /** @param rollback the run reverts: what it did not do is "revert", not "apply" */
    static int report(Session s, RunResult r, boolean rollback) {
        RunOutcome outcome = r.outcome();
        // The head first: users are told to keep it, and it must not depend on the report being written.
        r.auditHead().ifPresent(head -> s.out().line("Audit log head: " + head
                + " (keep it; `godwit audit verify --expect-head` checks it)"));
        r.warnings().forEach(w -> s.out().warn(w));
        r.report().ifPresent(md -> s.out().line("Report: " + md));
        if (s.out().json()) {
            Map<String, Object> doc = json(s, r.runId(), outcome);
            r.backupId().ifPresent(id -> doc.put("backup", id));
            s.out().result(doc);
        }
        printError(s.out(), outcome, rollback ? "nothing was reverted" : "nothing was applied");
        if (outcome instanceof RunOutcome.Failed f && r.backupId().isPresent() && leftChanges(f)) {
            String id = r.backupId().get();
            String env = s.config().environment().map(e -> "--env " + e + " ").orElse("");
            s.out().error("the backup taken before this run is " + id + "; to restore what it holds (tables"
                    + " created since are left in place and named):\n  godwit " + env + "backup restore " + id
                    + " --replace --yes\n  (or `--into NEW_DB` instead of `--replace --yes` to restore it beside the"
                    + " database)");
        }
        return r.exitCode();
    }

    /**
     * Whether the failed run left anything of its own in the database: a migration it committed and did not revert,
     * or a failed one that was not rolled back. When it left nothing, restoring the backup would change nothing.
     */
    private static boolean leftChanges(RunOutcome.Failed f) {
        boolean committedRemains = f.appliedBefore().stream().anyMatch(m -> f.reverted().stream()
                .noneMatch(d -> d.version() != null && d.version().equals(m.version())));
        return committedRemains || !f.failure().rolledBack();
    }

    /** The error text of an outcome that is not a success; the compiler checks that every kind has one. */
    private static void printError(Output out, RunOutcome outcome, String nothing) {
        outcome.accept(new RunOutcome.Visitor<Void>() {
            public Void done(RunOutcome.Done d) {
                return null;
            }

            public Void invalid(RunOutcome.Invalid i) {
                out.error(nothing + ": " + i.problems().size() + " problem(s) must be fixed first\n  - "
                        + String.join("\n  - ", i.problems()));
                return null;
            }

            public Void blocked(RunOutcome.Blocked b) {
                out.error(nothing + ": the safety gate refused " + b.blocking().size() + " finding(s) at or"
                        + " above max_risk " + b.maxRisk().word() + ":\n");
                FindingText.print(out, b.blocking(), b.maxRisk());
                out.error("to go on, for each finding: rewrite the statement as shown under \"instead\" (usually in a"
                        + " migration of its own), or, if it is safe here, put `-- godwit:allow <rule> because <reason>`"
                        + " right before the statement; or raise [lint] max_risk");
                return null;
            }

            public Void notReady(RunOutcome.NotReady n) {
                out.error(dev.godwit.cli.ops.PreflightOutput.advice(n.report().failures()));
                return null;
            }

            public Void backupFailed(RunOutcome.BackupFailed b) {
                out.error(b.message());
                return null;
            }

            public Void refused(RunOutcome.Refused r) {
                out.error(nothing + ": " + r.message());
                return null;
            }

            public Void interrupted(RunOutcome.Interrupted i) {
                out.error(nothing + ": interrupted by " + i.reason() + " " + i.during() + "; the migration"
                        + " lock is not held");
                return null;
            }

            public Void lockTimedOut(RunOutcome.LockTimedOut t) {
                out.error(nothing + ": " + t.cause().getMessage());
                return null;
            }

            public Void failed(RunOutcome.Failed f) {
                out.error(failure(f));
                return null;
            }

            public Void hookFailed(RunOutcome.HookFailed h) {
                out.error((h.appliedBefore().isEmpty() ? nothing : "stopped: " + h.appliedBefore().size()
                        + " migration(s) applied before it stay applied") + ": " + h.hook().describe()
                        + "; fix the hook (or its timeout) and run again");
                return null;
            }
        });
    }

    private static String failure(RunOutcome.Failed f) {
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
        return sb.toString();
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

    private static Map<String, Object> json(Session s, String runId, RunOutcome outcome) {
        Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
        doc.put("runId", runId);
        outcome.accept(new RunOutcome.Visitor<Void>() {
            public Void done(RunOutcome.Done d) {
                doc.put("outcome", d.applied().isEmpty() ? "up-to-date" : "applied");
                doc.put("applied", d.applied().stream().map(MigrationScript::script).toList());
                doc.put("current", d.current().map(Object::toString).orElse(null));
                return null;
            }

            public Void invalid(RunOutcome.Invalid i) {
                doc.put("outcome", "invalid");
                doc.put("problems", ProblemJson.of(i.details()));
                return null;
            }

            public Void blocked(RunOutcome.Blocked b) {
                doc.put("outcome", "blocked");
                doc.put("max_risk", b.maxRisk().word());
                doc.put("findings", FindingJson.of(b.blocking()));
                return null;
            }

            public Void notReady(RunOutcome.NotReady n) {
                doc.put("outcome", "not-ready");
                doc.put("preflight", dev.godwit.cli.ops.PreflightOutput.json(n.report()));
                return null;
            }

            public Void backupFailed(RunOutcome.BackupFailed b) {
                doc.put("outcome", "backup-failed");
                doc.put("message", b.message());
                return null;
            }

            public Void refused(RunOutcome.Refused r) {
                doc.put("outcome", "refused");
                doc.put("message", r.message());
                return null;
            }

            public Void interrupted(RunOutcome.Interrupted i) {
                doc.put("outcome", "interrupted");
                doc.put("reason", i.reason());
                return null;
            }

            public Void lockTimedOut(RunOutcome.LockTimedOut t) {
                doc.put("outcome", "lock-timeout");
                doc.put("message", t.cause().getMessage());
                doc.put("lock", t.cause().holder().map(StatusCommand::lockJson).orElse(null));
                return null;
            }

            public Void failed(RunOutcome.Failed f) {
                doc.put("outcome", f.failure().interrupted() ? "interrupted" : f.failure().lockLost() ? "lock-lost"
                        : "failed");
                doc.put("failed", f.failed().script());
                doc.put("location", f.failure().location());
                doc.put("message", f.failure().message());
                doc.put("sqlState", f.failure().sqlState());
                doc.put("rolledBack", f.failure().rolledBack());
                doc.put("leftBehind", f.failure().leftBehind());
                doc.put("integrity", IntegrityOutput.json(f.failure().violations()));
                doc.put("appliedBefore", f.appliedBefore().stream().map(MigrationScript::script).toList());
                return failedRest(f);
            }

            public Void hookFailed(RunOutcome.HookFailed h) {
                doc.put("outcome", "hook-failed");
                doc.put("hook", h.hook().name());
                doc.put("at", h.hook().at().word());
                doc.put("status", h.hook().status().word());
                doc.put("message", h.hook().describe());
                doc.put("appliedBefore", h.appliedBefore().stream().map(MigrationScript::script).toList());
                return null;
            }

            private Void failedRest(RunOutcome.Failed f) {
                doc.put("reverted", f.reverted().stream().map(MigrationScript::script).toList());
                doc.put("notReverted", f.notReverted());
                return null;
            }
        });
        return doc;
    }
}
