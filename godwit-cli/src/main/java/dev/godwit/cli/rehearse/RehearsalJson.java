package dev.godwit.cli.rehearse;

import dev.godwit.cli.Session;
import dev.godwit.rehearse.Disagreement;
import dev.godwit.rehearse.LockHold;
import dev.godwit.rehearse.MigrationTrace;
import dev.godwit.rehearse.ObservedLock;
import dev.godwit.rehearse.RehearsalResult;
import dev.godwit.rehearse.StatementTrace;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.TableLock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code godwit rehearse --json}: the whole result, lock modes in the manual's words. */
public final class RehearsalJson {

    private RehearsalJson() {}

    public static Map<String, Object> of(Session s, RehearsalResult r) {
        Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
        doc.put("passed", r.passed());
        doc.put("server", r.server());
        doc.put("from", r.from());
        doc.put("pg_major", r.pgMajor());
        doc.put("notes", r.notes());
        doc.put("problems", r.problems());
        doc.put("statement_failed", r.statementFailed());
        doc.put("reapply_failed", r.reapplyFailed());
        doc.put("missed_blocking_lock", r.missedBlockingLock());
        List<Map<String, Object>> migrations = new ArrayList<>();
        r.migrations().forEach(m -> migrations.add(migration(m)));
        doc.put("migrations", migrations);
        Map<String, Object> rb = new LinkedHashMap<>();
        rb.put("status", r.rollback().status().name().toLowerCase(Locale.ROOT));
        rb.put("detail", r.rollback().detail());
        rb.put("down_scripts", r.rollback().downScripts());
        rb.put("differences", r.rollback().differences());
        rb.put("down_failure", r.rollback().downFailure().orElse(null));
        rb.put("reapply_failure", r.rollback().reapplyFailure().orElse(null));
        doc.put("rollback", rb);
        return doc;
    }

    private static Map<String, Object> migration(MigrationTrace m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("script", m.script());
        out.put("transactional", m.transactional());
        out.put("duration_ms", m.endMs() - m.startMs());
        out.put("failure", m.failure().orElse(null));
        List<Map<String, Object>> statements = new ArrayList<>();
        for (StatementTrace s : m.statements()) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("location", s.location());
            st.put("statement", s.summary());
            st.put("start_ms", s.startMs());
            st.put("duration_ms", s.durationMs());
            st.put("locks", s.taken().stream().map(RehearsalJson::lock).toList());
            st.put("locks_observed", s.observed());
            st.put("rewrites", s.rewrites());
            st.put("catalog_changes", s.catalogChanges());
            st.put("predicted", s.predicted().stream().map(RehearsalJson::predicted).toList());
            st.put("disagreements", s.disagreements().stream().map(RehearsalJson::disagreement).toList());
            st.put("error", s.error().orElse(null));
            s.load().ifPresent(l -> st.put("load", Map.of("operations", l.operations(), "p50_ms", l.p50Ms(),
                    "p99_ms", l.p99Ms(), "max_ms", l.maxMs(), "errors", l.errors(), "blocked_ms", l.blockedMs())));
            statements.add(st);
        }
        out.put("statements", statements);
        out.put("holds", m.holds().stream().map(RehearsalJson::hold).toList());
        out.put("projections", m.projections());
        return out;
    }

    private static Map<String, Object> lock(ObservedLock l) {
        return Map.of("relation", l.relation(), "kind", l.kind(), "mode", l.mode().sqlName());
    }

    private static Map<String, Object> predicted(TableLock l) {
        return Map.of("relation", l.relation().display(), "mode", l.mode().sqlName());
    }

    private static Map<String, Object> disagreement(Disagreement d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("relation", d.relation());
        out.put("predicted", d.predicted().map(LockMode::sqlName).orElse(null));
        out.put("observed", d.observed().map(LockMode::sqlName).orElse(null));
        out.put("missed_blocking_lock", d.missedBlock());
        return out;
    }

    private static Map<String, Object> hold(LockHold h) {
        return Map.of("relation", h.relation(), "kind", h.kind(), "mode", h.mode().sqlName(), "statement",
                h.statement() + 1, "from_ms", h.fromMs(), "to_ms", h.toMs(), "blocks_writes", h.blocksWrites());
    }
}
