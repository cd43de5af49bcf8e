package dev.godwit.execute;

import dev.godwit.config.HookPoint;
import dev.godwit.hooks.HookRun;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.Version;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline's hook points (docs/hooks.md). before_run / before_rollback run under the lock, after the backup,
 * once there is something to apply; a failing one ends the run before anything is applied ({@code HookFailed},
 * exit 11). From then on the after hooks run however the run ends: after_success or on_failure (after_rollback for
 * a rollback); their failures are reported and audited and change neither the outcome nor the database.
 */
final class HookStep {

    private HookStep() {}

    static Optional<RunOutcome> beforeRun(RunContext ctx) throws SQLException {
        ctx.hooksArmed = true;
        HookPoint at = "rollback".equals(ctx.command) ? HookPoint.BEFORE_ROLLBACK : HookPoint.BEFORE_RUN;
        return before(ctx, at, Optional.empty());
    }

    /** before_each ({@code migrate} only): a failure stops the run before this migration. */
    static Optional<RunOutcome> beforeEach(RunContext ctx, MigrationScript m) throws SQLException {
        return "migrate".equals(ctx.command) ? before(ctx, HookPoint.BEFORE_EACH, Optional.of(m)) : Optional.empty();
    }

    static void afterEach(RunContext ctx, MigrationScript m) throws SQLException {
        if ("migrate".equals(ctx.command)) {
            run(ctx, HookPoint.AFTER_EACH, migrationFacts(m), Optional.of(m.script()));
        }
    }

    /** The after hooks of a run that reached its before hooks; the outcome stays what it was. */
    static void after(RunContext ctx, RunOutcome end) {
        if (!ctx.hooksArmed) {
            return;
        }
        HookPoint at = "rollback".equals(ctx.command) ? HookPoint.AFTER_ROLLBACK
                : end instanceof RunOutcome.Done ? HookPoint.AFTER_SUCCESS : HookPoint.ON_FAILURE;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("GODWIT_OUTCOME", dev.godwit.report.RunReports.outcomeWord(end));
        versionAfter(end).ifPresent(v -> facts.put("GODWIT_VERSION_AFTER", v.text()));
        failure(end).ifPresent(f -> facts.put("GODWIT_FAILURE", f));
        try {
            run(ctx, at, facts, Optional.empty());
        } catch (SQLException notThrownForAfterHooks) {
            // run() rethrows only for before points
        }
    }

    private static Optional<RunOutcome> before(RunContext ctx, HookPoint at, Optional<MigrationScript> m)
            throws SQLException {
        Optional<HookRun> failed = run(ctx, at, m.map(HookStep::migrationFacts).orElse(Map.of()),
                m.map(MigrationScript::script));
        if (failed.isPresent() && ctx.stopReason().isPresent() && ctx.applied.isEmpty()) {
            // a signal killed the hook: the run was interrupted, not refused by its hook
            return Optional.of(new RunOutcome.Interrupted(ctx.stopReason().get(), "during the " + at.word()
                    + " hooks, before anything was applied"));
        }
        return failed.map(f -> new RunOutcome.HookFailed(f, List.copyOf(ctx.applied)));
    }

    private static Optional<HookRun> run(RunContext ctx, HookPoint at, Map<String, String> facts,
                                         Optional<String> migration) throws SQLException {
        if (!ctx.hooks.any(at)) {
            return Optional.empty();
        }
        SQLException[] auditFailure = new SQLException[1];
        try {
            ctx.connection.setAutoCommit(true);
        } catch (SQLException gone) {
            auditFailure[0] = gone; // the connection is gone: shell hooks still run; SQL hooks fail and say why
        }
        Optional<HookRun> failed = ctx.hooks.run(at, ctx.connection, withBase(ctx, facts), migration, r -> {
            ctx.listener.on(new RunEvent.HookRan(r));
            if (auditFailure[0] == null) {
                try {
                    ctx.audit.hookRan(ctx.connection, r);
                } catch (SQLException e) {
                    auditFailure[0] = e;
                }
            }
        });
        // A before hook that cannot be audited stops the run (an unaudited change would follow); an after hook's
        // run is still in the report and the output.
        if (auditFailure[0] != null && at.before()) {
            throw auditFailure[0];
        }
        return failed;
    }

    /** What every hook of this run is told, whatever its point. */
    private static Map<String, String> withBase(RunContext ctx, Map<String, String> facts) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("GODWIT_COMMAND", ctx.command);
        ctx.planned.plan().current().ifPresent(v -> all.put("GODWIT_VERSION_BEFORE", v.text()));
        ctx.todo.stream().reduce((a, b) -> b).map(p -> p.script().version()).filter(v -> v != null)
                .ifPresent(v -> all.put("GODWIT_VERSION_TARGET", v.text()));
        all.put("GODWIT_PENDING", String.valueOf(ctx.todo.size()));
        all.putAll(facts);
        return all;
    }

    private static Map<String, String> migrationFacts(MigrationScript m) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("GODWIT_MIGRATION", m.script());
        if (m.version() != null) {
            f.put("GODWIT_MIGRATION_VERSION", m.version().text());
        }
        return f;
    }

    private static Optional<Version> versionAfter(RunOutcome end) {
        return end instanceof RunOutcome.Done d ? d.current() : Optional.empty();
    }

    private static Optional<String> failure(RunOutcome end) {
        if (end instanceof RunOutcome.Done) {
            return Optional.empty();
        }
        if (end instanceof RunOutcome.Failed f) {
            return Optional.of(f.failed().label() + " failed at " + f.failure().describe());
        }
        if (end instanceof RunOutcome.HookFailed h) {
            return Optional.of(h.hook().describe());
        }
        return Optional.of(dev.godwit.report.RunReports.outcomeWord(end));
    }
}
