package dev.godwit.cli.commands;

import dev.godwit.plan.RollbackPreview;
import dev.godwit.api.RollbackOptions;
import dev.godwit.api.Godwit;
import dev.godwit.cli.lint.FindingJson;
import dev.godwit.config.Risk;
import dev.godwit.lint.Finding;
import dev.godwit.lint.LintReport;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.base.Durations;
import dev.godwit.plan.Planner;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.plan.PreparedMigration;
import dev.godwit.migration.Version;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plan", description = "Show what `migrate` would do, in order, with each file's transaction mode."
        + " Changes nothing.")
public final class PlanCommand extends BaseCommand {

    @Option(names = "--target", paramLabel = "VERSION", description = "Plan up to and including this version.")
    String target;

    @Option(names = "--phase", paramLabel = "expand|contract|all",
            description = "Plan only this phase's migrations, as `migrate --phase` would run them. Default: all.")
    String phase;

    @Option(names = "--sql", description = "Show each statement as it would be sent, placeholders replaced.")
    boolean sql;

    @Option(names = "--rollback", description = "Show what `rollback` would run instead (with --steps or --to).")
    boolean rollback;

    @Option(names = "--steps", paramLabel = "N", description = "With --rollback: how many migrations to revert.")
    Integer steps;

    @Option(names = "--to", paramLabel = "VERSION", description = "With --rollback: revert everything above this.")
    String to;

    @Override
    public Integer call() throws SQLException {
        if (!rollback && (steps != null || to != null)) {
            throw new CliFailure(ExitCodes.USAGE, "--steps and --to go with --rollback");
        }
        Session s = session();
        if (rollback) {
            return rollback(s);
        }
        Optional<Version> to = MigrateCommand.parseTarget(target);
        Godwit.PlanResult r = s.godwit().plan(to, MigrateCommand.parsePhase(phase));
        if (out().json()) {
            out().result(json(s, r.planned(), r.lint()));
        } else {
            text(s, r.planned(), r.lint());
        }
        return r.exitCode();
    }

    private void text(Session s, Planner.Planned p, LintReport lint) {
        List<PreparedMigration> todo = p.prepared();
        out().line(out().bold("Plan") + " for " + s.config().connection().display() + " (now at "
                + p.plan().current().map(v -> "version " + v).orElse("no version") + "): "
                + (todo.isEmpty() ? "nothing to apply" : todo.size() + " migration(s) to apply"));
        int n = 1;
        for (PreparedMigration m : todo) {
            out().line(String.format("  %d. %s  (%s)  %s", n++, m.script().label(), m.script().script(),
                    dev.godwit.plan.Phases.of(m.script()).word()));
            out().line("     " + mode(m));
            List<Finding> findings = findingsOf(lint, m);
            out().line("     risk: " + risk(findings) + (findings.isEmpty() ? "" : ", " + findings.size() + " finding(s)"));
            for (Finding f : findings) {
                out().line("       " + f.location() + " " + f.risk().word() + " " + f.rule() + ": " + f.message()
                        + f.allowedBecause().map(r -> " (allowed: " + r + ")").orElse(""));
            }
            if (sql) {
                for (PreparedMigration.Runnable r : m.statements()) {
                    out().line("     -- " + m.location(r.source()));
                    out().line("     " + r.sql().replace("\n", "\n     ") + ";");
                }
            }
        }
        if (!p.valid()) {
            out().line("");
            out().line(out().red("migrate would refuse to run") + ": " + p.problems().size() + " problem(s)");
            p.problems().forEach(problem -> out().line("  - " + problem));
        }
        lint.problems().forEach(problem -> out().line("  - " + problem));
        if (lint.blocks()) {
            out().line("");
            out().line(out().red("the safety gate would refuse to run") + " (max_risk " + lint.maxRisk().word()
                    + "): `godwit lint` shows each finding with the safe alternative");
        }
    }

    private static List<Finding> findingsOf(LintReport lint, PreparedMigration m) {
        return lint.findings().stream().filter(f -> f.file().equals(m.script().script())).toList();
    }

    /** The highest risk not allowed, or "none". */
    private static String risk(List<Finding> findings) {
        return findings.stream().filter(f -> !f.allowed()).map(Finding::risk).max(Risk::compareTo)
                .map(Risk::word).orElse("none");
    }

    private int rollback(Session s) throws SQLException {
        RollbackOptions request = RollbackCommand.request(steps, to);
        {
            RollbackPreview p = s.godwit().planRollback(request);
            if (out().json()) {
                Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
                doc.put("reverts", p.reverts().stream().map(AppliedMigration::script).toList());
                doc.put("downScripts", p.downs().stream().map(d -> d.script().script()).toList());
                doc.put("problems", p.problems());
                out().result(doc);
            } else {
                rollbackText(p);
            }
            return p.problems().isEmpty() ? ExitCodes.OK : ExitCodes.VALIDATION;
        }
    }

    private void rollbackText(RollbackPreview p) {
        out().line(out().bold("Rollback plan") + ": " + (p.reverts().isEmpty() ? "nothing to revert"
                : p.reverts().size() + " migration(s) to revert, newest first"));
        for (int i = 0; i < p.downs().size(); i++) {
            PreparedMigration d = p.downs().get(i);
            out().line(String.format("  %d. revert %s with %s", i + 1, p.reverts().get(i).label(), d.script().script()));
            out().line("     " + mode(d));
            if (sql) {
                d.statements().forEach(r -> out().line("     " + r.sql().replace("\n", "\n     ") + ";"));
            }
        }
        if (!p.problems().isEmpty()) {
            out().line(out().red("rollback would refuse to run") + ": nothing would be reverted");
            p.problems().forEach(problem -> out().line("  - " + problem));
        }
    }

    static String mode(PreparedMigration m) {
        String timeouts = "lock_timeout " + Durations.format(m.lockTimeout()) + ", statement_timeout "
                + (m.statementTimeout().isZero() ? "none" : Durations.format(m.statementTimeout()));
        return m.nonTransactionalBecause()
                .map(why -> "outside a transaction, statement by statement (" + why + "); " + timeouts)
                .orElse("in one transaction; " + timeouts);
    }

    private Map<String, Object> json(Session s, Planner.Planned p, LintReport lint) {
        Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
        doc.put("current", p.plan().current().map(Object::toString).orElse(null));
        doc.put("phase", phase == null ? "all" : phase.toLowerCase(java.util.Locale.ROOT));
        List<Map<String, Object>> list = new ArrayList<>();
        for (PreparedMigration m : p.prepared()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("version", m.script().version() == null ? null : m.script().version().text());
            e.put("description", m.script().description());
            e.put("script", m.script().script());
            e.put("phase", dev.godwit.plan.Phases.of(m.script()).word());
            e.put("transactional", m.transactional());
            e.put("nonTransactionalBecause", m.nonTransactionalBecause().orElse(null));
            e.put("lockTimeoutMs", m.lockTimeout().toMillis());
            e.put("statementTimeoutMs", m.statementTimeout().toMillis());
            e.put("risk", risk(findingsOf(lint, m)));
            e.put("findings", FindingJson.of(findingsOf(lint, m)));
            if (sql) {
                e.put("statements", m.statements().stream().map(PreparedMigration.Runnable::sql).toList());
            }
            list.add(e);
        }
        doc.put("pending", list);
        List<String> problems = new ArrayList<>(p.problems());
        problems.addAll(lint.problems());
        doc.put("problems", problems);
        doc.put("blocked", lint.blocks());
        return doc;
    }
}
