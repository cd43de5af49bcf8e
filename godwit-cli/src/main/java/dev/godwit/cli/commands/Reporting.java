package dev.godwit.cli.commands;

import dev.godwit.audit.Actor;
import dev.godwit.cli.Session;
import dev.godwit.plan.Planner;
import dev.godwit.report.ReportCollector;
import dev.godwit.report.RunReport;
import dev.godwit.report.RunReports;
import dev.godwit.run.RunOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;

/**
 * Writes the report of a `migrate` or `rollback` that changed something, failed, or was refused. A run with
 * nothing to do writes none (a service that migrates at every start would fill the folder).
 */
final class Reporting {

    private Reporting() {}

    static void write(Session s, String command, ReportCollector collector, RunOutcome outcome) {
        if (outcome instanceof RunOutcome.Done d && d.applied().isEmpty()) {
            return;
        }
        String head = null;
        Optional<String> after = versionAfter(collector, outcome);
        try (Connection c = s.connector().open()) {
            head = s.auditLog().head(c).orElse(null);
            if (outcome instanceof RunOutcome.Failed) {
                // Where a failed run left the database depends on what was reverted: read it back.
                after = Planner.plan(s.config(), c, Optional.empty()).plan().current().map(Object::toString);
            }
        } catch (Exception e) {
            s.out().warn("the report misses the audit head or the version after the run: " + e.getMessage());
        }
        Actor a = s.actor();
        RunReport.Header h = new RunReport.Header(s.runId(), command, s.config().connection().display(),
                s.config().environment().orElse(null), a.osUser(), a.host(), a.ticket(), a.approver());
        try {
            Path md = RunReports.write(s.config().reportDir(), RunReports.build(h, collector, outcome, after, head));
            s.out().line("Report: " + md);
            if (head != null) {
                s.out().line("Audit log head: " + head + " (keep it; `godwit audit verify --expect-head` checks it)");
            }
        } catch (IOException e) {
            s.out().warn("could not write the run report to " + s.config().reportDir() + ": " + e.getMessage()
                    + "; set [report] dir to a writable folder");
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
