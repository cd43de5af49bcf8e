package dev.godwit.api;

import dev.godwit.audit.Actor;
import dev.godwit.config.NotifySpec.Event;
import dev.godwit.notify.Notice;
import dev.godwit.notify.Webhooks;
import dev.godwit.report.ReportCollector;
import dev.godwit.report.RunReports;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunListener;
import dev.godwit.run.RunOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The notices of one run to its {@code [[notify]]} webhooks: start when there is something to apply, then success,
 * failure or refusal as it ended. Sending never blocks the run; its end waits for them at most
 * {@link Webhooks#END_WAIT}, and what could not be delivered becomes a warning, never a failure.
 */
final class RunNotices implements RunListener {

    private final Godwit g;
    private final String command;
    private final String runId;
    private final ReportCollector collector;
    private final Webhooks webhooks;
    private final long started = System.nanoTime();
    private Actor actor;

    RunNotices(Godwit g, String command, String runId, ReportCollector collector, Webhooks webhooks) {
        this.g = g;
        this.command = command;
        this.runId = runId;
        this.collector = collector;
        this.webhooks = webhooks;
    }

    void actor(Actor a) {
        this.actor = a;
    }

    @Override
    public void on(RunEvent event) {
        if (webhooks.any() && event instanceof RunEvent.RunStarted s && s.pending() > 0) {
            webhooks.send(notice(Event.START, null, null, null, null, false));
        }
    }

    /** The end notice, then the bounded wait; the delivery problems, as warnings. */
    List<String> ended(RunOutcome outcome, Optional<Path> report) {
        if (!webhooks.any()) {
            return List.of();
        }
        Optional<Event> event = event(outcome);
        event.ifPresent(e -> webhooks.send(notice(e, RunReports.outcomeWord(outcome), after(outcome),
                e == Event.SUCCESS ? null : new RunResult(runId, outcome, report, Optional.empty(), Optional.empty(),
                        List.of()).describe(), report.map(Path::toString).orElse(null), true)));
        return webhooks.finish(Webhooks.END_WAIT).stream().map(g::redact).toList();
    }

    /** A run that ended in an error rather than an outcome (the database went away): a failure notice. */
    void crashed(String message) {
        if (webhooks.any()) {
            webhooks.send(notice(Event.FAILURE, "error", null, message, null, true));
            webhooks.finish(Webhooks.END_WAIT);
        }
    }

    private Notice notice(Event e, String outcome, String versionAfter, String failure, String report, boolean end) {
        return new Notice(e, runId, command, g.config().connection().display(), g.config().environment().orElse(null),
                collector.versionBefore().map(Object::toString).orElse(null), versionAfter,
                end ? (System.nanoTime() - started) / 1_000_000 : null, outcome,
                actor == null ? null : actor.ticket(), actor == null ? null : actor.approver(), report,
                failure == null ? null : g.redact(failure));
    }

    private static String after(RunOutcome outcome) {
        return outcome instanceof RunOutcome.Done d ? d.current().map(Object::toString).orElse(null) : null;
    }

    /** Which notice an outcome is: nothing for a run with nothing to do. */
    static Optional<Event> event(RunOutcome outcome) {
        return outcome.accept(new RunOutcome.Visitor<Optional<Event>>() {
            public Optional<Event> done(RunOutcome.Done d) {
                return d.applied().isEmpty() ? Optional.empty() : Optional.of(Event.SUCCESS);
            }

            public Optional<Event> invalid(RunOutcome.Invalid i) {
                return Optional.of(Event.REFUSAL);
            }

            public Optional<Event> blocked(RunOutcome.Blocked b) {
                return Optional.of(Event.REFUSAL);
            }

            public Optional<Event> notReady(RunOutcome.NotReady n) {
                return Optional.of(Event.REFUSAL);
            }

            public Optional<Event> backupFailed(RunOutcome.BackupFailed b) {
                return Optional.of(Event.FAILURE);
            }

            public Optional<Event> refused(RunOutcome.Refused r) {
                return Optional.of(Event.REFUSAL);
            }

            public Optional<Event> interrupted(RunOutcome.Interrupted i) {
                return Optional.of(Event.FAILURE);
            }

            public Optional<Event> lockTimedOut(RunOutcome.LockTimedOut t) {
                return Optional.of(Event.FAILURE);
            }

            public Optional<Event> failed(RunOutcome.Failed f) {
                return Optional.of(Event.FAILURE);
            }

            public Optional<Event> hookFailed(RunOutcome.HookFailed h) {
                return Optional.of(Event.FAILURE);
            }
        });
    }
}
