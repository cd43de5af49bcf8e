package dev.godwit.execute;

import dev.godwit.plan.PreparedMigration;
import dev.godwit.plan.Planner;
import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ServerInfo;
import dev.godwit.lint.LintReport;
import dev.godwit.migration.MigrationScript;
import dev.godwit.plan.Phases;
import dev.godwit.preflight.Check;
import dev.godwit.preflight.InUse;
import dev.godwit.sql.Phase;
import dev.godwit.sql.QueryReferences;
import dev.godwit.sql.SqlScript;
import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.SqlSyntaxException;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.StatementAnalysis;
import java.util.HashSet;
import java.util.Set;
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
        PreflightReport report = withInUse(ctx.config, ctx.connection, ctx.planned, ctx.todo,
                new Preflight(ctx.config, ctx.config.preflight())
                        .run(ctx.connection, touches(ctx.connection, ctx.todo), Optional.empty()));
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
        PreflightReport report = withInUse(config, c, planned, pending,
                new Preflight(config, config.preflight()).run(c, touches(c, pending), lint));
        List<Check> all = new ArrayList<>(report.checks());
        all.add(1, plan);
        return new PreflightReport(all);
    }

    /**
     * The report with the in-use check added when a pending contract migration drops or renames a column or a table
     * ({@link InUse}): the old application version must have stopped using it.
     */
    static PreflightReport withInUse(GodwitConfig config, Connection c, Planner.Planned planned,
                                     List<PreparedMigration> pending, PreflightReport report) throws SQLException {
        List<InUse.Target> targets = new ArrayList<>();
        for (PreparedMigration m : pending) {
            if (Phases.of(m.script()) == Phase.CONTRACT) {
                for (PreparedMigration.Runnable r : m.statements()) {
                    targets.addAll(removed(Analyzer.analyze(r.source()), m.location(r.source())));
                }
            }
        }
        if (targets.isEmpty()) {
            return report;
        }
        Set<List<String>> own = new HashSet<>();
        for (MigrationScript f : planned.files().versioned()) {
            try {
                for (SqlStatement st : SqlScript.parse(f.text()).statements()) {
                    QueryReferences.of(st.text()).ifPresent(q -> own.add(q.words()));
                }
            } catch (SqlSyntaxException unreadable) {
                // validation reports it; its statements cannot be told from the application's
            }
        }
        List<Check> all = new ArrayList<>(report.checks());
        all.add(InUse.check(c, targets, config.preflight().inUseWindow(), config.preflight().inUseObserve(), own));
        return new PreflightReport(all);
    }

    private static List<InUse.Target> removed(StatementAnalysis a, String at) {
        List<InUse.Target> out = new ArrayList<>();
        for (Action action : a.actions()) {
            if (action instanceof Action.DropColumn d && d.column() != null) {
                out.add(new InUse.Target(d.table(), d.column(), "dropped", at));
            } else if (action instanceof Action.RenameColumn r) {
                out.add(new InUse.Target(r.table(), r.from(), "renamed to " + r.to(), at));
            } else if (action instanceof Action.DropTable d) {
                d.tables().forEach(t -> out.add(new InUse.Target(t, null, "dropped", at)));
            } else if (action instanceof Action.RenameTable r) {
                out.add(new InUse.Target(r.table(), null, "renamed to " + r.to(), at));
            }
        }
        return out;
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
