package dev.godwit.cli.commands;

import dev.godwit.cli.Output;
import dev.godwit.cli.Session;
import dev.godwit.cli.Tables;
import dev.godwit.plan.Planner;
import dev.godwit.lock.LockHolder;
import dev.godwit.lock.MigrationLock;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.MigrationState;
import dev.godwit.migration.StatusEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(name = "status", description = "Show each migration's state, the current version and the lock holder.")
public final class StatusCommand extends BaseCommand {

    @Override
    public Integer call() throws SQLException {
        Session s = session();
        dev.godwit.api.Godwit.StatusResult status = s.godwit().status();
        if (out().json()) {
            out().result(json(s, status));
        } else {
            text(s, status);
        }
        return 0;
    }

    private void text(Session s, dev.godwit.api.Godwit.StatusResult status) {
        Planner.Planned p = status.planned();
        Optional<LockHolder> holder = status.lock();
        Output o = out();
        o.line(o.bold("Database") + "  " + s.config().connection().display() + "   (history in "
                + s.config().schema() + ".history)");
        o.line(o.bold("Current ") + "  " + p.plan().current().map(v -> "version " + v).orElse("nothing applied yet"));
        o.line(o.bold("Lock    ") + "  " + holder.map(h -> (h.live() ? o.yellow("held by ") : "") + h.describe())
                .orElse("free"));
        o.line("");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Version", "Description", "Phase", "State", "Applied at", "Took", "Script"));
        for (StatusEntry e : p.plan().entries()) {
            Optional<AppliedMigration> a = e.applied().filter(r -> e.state() != MigrationState.PENDING);
            String state = status.backfill(e.script()).filter(b -> e.state() == MigrationState.PENDING)
                    .map(b -> o.yellow(inProgress(b))).orElse(paint(o, e.state()));
            rows.add(List.of(e.version() == null ? "R" : e.version().text(), e.description(),
                    e.file().map(f -> dev.godwit.plan.Phases.of(f).word()).orElse(""), state,
                    a.map(r -> Tables.time(r.appliedAt())).orElse(""),
                    a.map(r -> r.executionMs() + " ms").orElse(""), e.script()));
        }
        Tables.print(o, rows);
        long pending = p.plan().pending().size();
        o.line("");
        o.line(pending + " pending, " + p.problems().size() + " problem(s)"
                + (p.problems().isEmpty() ? "" : "; `godwit validate` lists them"));
    }

    /** "in progress (120000 rows, 12 batches)": a batched backfill with committed batches and more to do. */
    static String inProgress(dev.godwit.backfill.BackfillProgress.Row b) {
        return "in progress (" + b.rowsDone() + " rows, " + b.batches() + " batches)";
    }

    private static String paint(Output o, MigrationState state) {
        return switch (state) {
            case APPLIED, BASELINE -> o.green(state.words());
            case PENDING, OUTDATED, BELOW_BASELINE, FUTURE -> o.yellow(state.words());
            default -> o.red(state.words());
        };
    }

    private static Map<String, Object> json(Session s, dev.godwit.api.Godwit.StatusResult status) {
        Planner.Planned p = status.planned();
        Optional<LockHolder> holder = status.lock();
        Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
        doc.put("current", p.plan().current().map(Object::toString).orElse(null));
        doc.put("lock", holder.map(StatusCommand::lockJson).orElse(null));
        List<Map<String, Object>> migrations = new ArrayList<>();
        for (StatusEntry e : p.plan().entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", e.version() == null ? null : e.version().text());
            m.put("description", e.description());
            m.put("kind", e.kind().dbName());
            m.put("state", e.state().name().toLowerCase(java.util.Locale.ROOT));
            m.put("phase", e.file().map(f -> dev.godwit.plan.Phases.of(f).word()).orElse(null));
            m.put("script", e.script());
            e.file().ifPresent(f -> m.put("checksum", f.checksum()));
            status.backfill(e.script()).filter(b -> e.state() == MigrationState.PENDING).ifPresent(b -> {
                m.put("state", "in_progress");
                Map<String, Object> bf = new LinkedHashMap<>();
                bf.put("rowsDone", b.rowsDone());
                bf.put("batches", b.batches());
                bf.put("keyColumn", b.keyColumn());
                bf.put("lastKey", b.lastKey().orElse(null));
                bf.put("startedAt", b.startedAt().toString());
                bf.put("updatedAt", b.updatedAt().toString());
                m.put("backfill", bf);
            });
            e.applied().ifPresent(a -> {
                m.put("appliedAt", a.appliedAt().toString());
                m.put("appliedBy", a.appliedBy());
                m.put("executionMs", a.executionMs());
                m.put("appliedChecksum", a.checksum());
                if (a.failure() != null) {
                    m.put("failure", a.failure());
                }
                if (a.note() != null) {
                    m.put("note", a.note());
                }
            });
            migrations.add(m);
        }
        doc.put("migrations", migrations);
        doc.put("pending", p.plan().pending().size());
        doc.put("problems", p.problems());
        return doc;
    }

    static Map<String, Object> lockJson(LockHolder h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("live", h.live());
        m.put("holder", h.holder());
        m.put("host", h.host());
        m.put("pid", h.osPid());
        m.put("backendPid", h.backendPid());
        m.put("runId", h.runId());
        m.put("since", h.acquiredAt() == null ? null : h.acquiredAt().toString());
        m.put("heartbeat", h.heartbeatAt() == null ? null : h.heartbeatAt().toString());
        return m;
    }
}
