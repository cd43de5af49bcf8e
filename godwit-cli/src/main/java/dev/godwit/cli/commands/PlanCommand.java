package dev.godwit.cli.commands;

import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.config.Durations;
import dev.godwit.execute.Planner;
import dev.godwit.execute.PreparedMigration;
import dev.godwit.migration.Version;
import java.sql.Connection;
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

    @Option(names = "--sql", description = "Show each statement as it would be sent, placeholders replaced.")
    boolean sql;

    @Override
    public Integer call() throws SQLException {
        Session s = session();
        Optional<Version> to = MigrateCommand.parseTarget(target);
        try (Connection c = s.connect()) {
            Planner.Planned p = Planner.plan(s.config(), c, to);
            if (out().json()) {
                out().result(json(s, p));
            } else {
                text(s, p);
            }
            return p.valid() ? ExitCodes.OK : ExitCodes.VALIDATION;
        }
    }

    private void text(Session s, Planner.Planned p) {
        List<PreparedMigration> todo = p.prepared();
        out().line(out().bold("Plan") + " for " + s.config().connection().display() + " (now at "
                + p.plan().current().map(v -> "version " + v).orElse("no version") + "): "
                + (todo.isEmpty() ? "nothing to apply" : todo.size() + " migration(s) to apply"));
        int n = 1;
        for (PreparedMigration m : todo) {
            out().line(String.format("  %d. %s  (%s)", n++, m.script().label(), m.script().script()));
            out().line("     " + mode(m));
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
    }

    static String mode(PreparedMigration m) {
        String timeouts = "lock_timeout " + Durations.format(m.lockTimeout()) + ", statement_timeout "
                + (m.statementTimeout().isZero() ? "none" : Durations.format(m.statementTimeout()));
        return m.nonTransactionalBecause()
                .map(why -> "outside a transaction, statement by statement (" + why + "); " + timeouts)
                .orElse("in one transaction; " + timeouts);
    }

    private Map<String, Object> json(Session s, Planner.Planned p) {
        Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
        doc.put("current", p.plan().current().map(Object::toString).orElse(null));
        List<Map<String, Object>> list = new ArrayList<>();
        for (PreparedMigration m : p.prepared()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("version", m.script().version() == null ? null : m.script().version().text());
            e.put("description", m.script().description());
            e.put("script", m.script().script());
            e.put("transactional", m.transactional());
            e.put("nonTransactionalBecause", m.nonTransactionalBecause().orElse(null));
            e.put("lockTimeoutMs", m.lockTimeout().toMillis());
            e.put("statementTimeoutMs", m.statementTimeout().toMillis());
            if (sql) {
                e.put("statements", m.statements().stream().map(PreparedMigration.Runnable::sql).toList());
            }
            list.add(e);
        }
        doc.put("pending", list);
        doc.put("problems", p.problems());
        return doc;
    }
}
