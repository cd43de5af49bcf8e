package dev.godwit.execute;

import dev.godwit.plan.PreparedMigration;
import dev.godwit.plan.Planner;
import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ServerInfo;
import dev.godwit.lint.LintReport;
import dev.godwit.preflight.Check;
import dev.godwit.preflight.Preflight;
import dev.godwit.preflight.PreflightReport;
import dev.godwit.preflight.Status;
import dev.godwit.preflight.Touch;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import dev.godwit.sql.analysis.Analyzer;
import dev.godwit.sql.analysis.TableLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline's first guard ({@code [preflight]}): before the lint gate, the lock and any backup, check that
 * the database is ready for the pending migrations; a FAIL ends the run with nothing applied (exit 8).
 * {@code godwit preflight} runs the same checks on their own, with the lint verdict as one of them.
 */
public final class PreflightStep {

    private PreflightStep() {}

    static Optional<RunOutcome> run(RunContext ctx) throws SQLException {
        if (!ctx.config.preflight().enabled() || ctx.todo.isEmpty()) {
            return Optional.empty();
        }
        if (ctx.skipPreflight) {
            ctx.audit.preflightSkipped(ctx.connection, ctx.todo);
            ctx.listener.on(new RunEvent.PreflightSkipped());
            return Optional.empty();
        }
        // The lint gate right after this step judges the lint; here only the locks the files take matter.
        PreflightReport report = new Preflight(ctx.config, ctx.config.preflight())
                .run(ctx.connection, touches(ctx.connection, ctx.todo), Optional.empty());
        ctx.listener.on(new RunEvent.PreflightChecked(report));
        return report.failed() ? Optional.of(new RunOutcome.NotReady(report)) : Optional.empty();
    }

    /** {@code godwit preflight}: every check, with the pending migrations' plan and lint as checks too. */
    public static PreflightReport check(GodwitConfig config, Connection c) throws SQLException {
        Planner.Planned planned = Planner.plan(config, c, Optional.empty());
        List<PreparedMigration> pending = planned.prepared();
        Check plan = planned.valid()
                ? new Check("pending", Status.PASS, pending.size() + " pending migration(s)", "", List.of())
                : new Check("pending", Status.FAIL, planned.problems().size() + " problem(s) stop migrate",
                        "none", planned.problems());
        Optional<LintReport> lint = planned.valid() && !pending.isEmpty()
                ? Optional.of(LintGate.lint(config, c, pending)) : Optional.empty();
        PreflightReport report = new Preflight(config, config.preflight()).run(c, touches(c, pending), lint);
        List<Check> all = new ArrayList<>(report.checks());
        all.add(1, plan);
        return new PreflightReport(all);
    }

    /** The table locks each pending statement takes, as the linter's analysis says. */
    static List<Touch> touches(Connection c, List<PreparedMigration> pending) throws SQLException {
        if (pending.isEmpty()) {
            return List.of();
        }
        int major = ServerInfo.of(c).major();
        List<Touch> out = new ArrayList<>();
        for (PreparedMigration m : pending) {
            for (PreparedMigration.Runnable r : m.statements()) {
                for (TableLock l : Analyzer.analyze(r.source()).locks(major)) {
                    out.add(new Touch(m.location(r.source()), l));
                }
            }
        }
        return out;
    }
}
