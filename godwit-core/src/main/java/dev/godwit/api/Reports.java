package dev.godwit.api;

import dev.godwit.audit.Actor;
import dev.godwit.execute.RunSetup;
import dev.godwit.plan.Planner;
import dev.godwit.report.ReportCollector;
import dev.godwit.report.RunReport;
import dev.godwit.report.RunReports;
import dev.godwit.run.RunOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * Writes the report of a {@code migrate} or {@code rollback} that changed something, failed, or was refused. A run
 * with nothing to do writes none (a service that migrates at every start would fill the folder).
 */
final class Reports {

    private Reports() {}

    record Written(Optional<Path> report, Optional<String> auditHead) {}

    static Written write(Godwit g, RunSetup setup, String command, ReportCollector collector, RunOutcome outcome,
                         List<String> warnings) {
        if (outcome instanceof RunOutcome.Done d && d.applied().isEmpty()) {
            return new Written(Optional.empty(), Optional.empty());
        }
        String head = null;
        Optional<String> after = versionAfter(collector, outcome);
        try (Connection c = setup.connector().open()) {
            head = setup.audit().head(c).orElse(null);
            if (outcome instanceof RunOutcome.Failed || outcome instanceof RunOutcome.HookFailed) {
                // Where a failed run left the database depends on what was reverted: read it back.
                after = Planner.plan(g.config(), c, Optional.empty()).plan().current().map(Object::toString);
            }
        } catch (Exception e) {
            warnings.add("the report misses the audit head or the version after the run: " + g.redact(e.getMessage()));
        }
        Actor a = setup.actor();
        RunReport.Header h = new RunReport.Header(setup.runId(), command, g.config().connection().display(),
                g.config().environment().orElse(null), a.osUser(), a.host(), a.ticket(), a.approver());
        try {
            Path md = RunReports.write(g.config().reportDir(), RunReports.build(h, collector, outcome, after, head));
            return new Written(Optional.of(md), Optional.ofNullable(head));
        } catch (IOException e) {
            warnings.add("could not write the run report to " + g.config().reportDir() + ": " + e.getMessage()
                    + "; set [report] dir to a writable folder");
            return new Written(Optional.empty(), Optional.ofNullable(head));
        }
    }

    /** A finished run knows its version; one that was refused changed nothing. */
    private static Optional<String> versionAfter(ReportCollector collector, RunOutcome outcome) {
        if (outcome instanceof RunOutcome.Done d) {
            return d.current().map(Object::toString);
        }
        return collector.versionBefore().map(Object::toString);
    }
}
