package dev.godwit.rehearse;

import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.StatementAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long each blocking lock would be held on the target, in words: the rehearsal's hold time, with the
 * statements that work through every row (rewrites, index builds, validations, UPDATE/DELETE) scaled by the
 * target's rows ({@code pg_class.reltuples}) over the rehearsal's. A crude linear model, said as "about".
 */
final class Projection {

    private Projection() {}

    /** True when the statement's time grows with the table's rows. */
    static boolean scales(StatementAnalysis a, boolean rewrote) {
        if (rewrote) {
            return true;
        }
        for (Action x : a.actions()) {
            if (x instanceof Action.CreateIndex || x instanceof Action.SetNotNull
                    || x instanceof Action.ValidateConstraint || x instanceof Action.Update
                    || x instanceof Action.Delete || x instanceof Action.AlterColumnType
                    || x instanceof Action.Vacuum || x instanceof Action.Cluster
                    || x instanceof Action.AddConstraint ac && !ac.constraint().notValid()
                    || x instanceof Action.Insert i && i.fromQuery()) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param targetRows  estimated rows per table on the target ({@code public.accounts}); empty without one
     * @param shadowRows  rows per table in the rehearsal database before the trace
     */
    static List<String> of(MigrationTrace t, Map<String, Long> targetRows, Map<String, Long> shadowRows) {
        Map<String, List<LockHold>> blocking = new LinkedHashMap<>();
        for (LockHold h : t.holds()) {
            if (h.blocksWrites() && "table".equals(h.kind())) {
                blocking.computeIfAbsent(h.relation(), k -> new ArrayList<>()).add(h);
            }
        }
        List<String> out = new ArrayList<>();
        blocking.forEach((table, holds) -> out.add(one(t, table, holds, targetRows, shadowRows)));
        return out;
    }

    private static String one(MigrationTrace t, String table, List<LockHold> holds, Map<String, Long> targetRows,
                              Map<String, Long> shadowRows) {
        long from = holds.stream().mapToLong(LockHold::fromMs).min().getAsLong();
        long to = holds.stream().mapToLong(LockHold::toMs).max().getAsLong();
        boolean reads = holds.stream().anyMatch(LockHold::blocksReads);
        String key = table.contains(".") ? table : "public." + table;
        Long target = targetRows.get(key);
        long shadow = shadowRows.getOrDefault(key, 0L);
        double scaledMs = 0;
        double fixedMs = to - from;
        boolean anyScaling = false;
        for (StatementTrace s : t.statements()) {
            if (s.startMs() >= from && s.startMs() < to && s.scales()) {
                anyScaling = true;
                fixedMs -= s.durationMs();
                scaledMs += s.durationMs();
            }
        }
        String what = (reads ? "blocks reads and writes to " : "blocks writes to ") + table;
        if (target == null) {
            return what + " for " + words(to - from) + " in the rehearsal (the target has no size for it: no target, or never analysed)";
        }
        String size = " (~" + count(target) + " rows)";
        if (!anyScaling) {
            return what + size + " for about " + words(to - from) + ": no statement in that time reads every row";
        }
        if (shadow == 0) {
            return what + size + " while statements work through every row; the rehearsal had no rows to time"
                    + " them on: use --rows or --sample for an estimate";
        }
        double projected = fixedMs + scaledMs * Math.max(1.0, (double) target / shadow);
        return what + size + " for about " + words(Math.round(projected)) + " (" + words(to - from) + " with "
                + count(shadow) + " rows in the rehearsal)";
    }

    /** 950 ms, 40 s, 3 min, 1.5 h. */
    static String words(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return Math.round(ms / 1000.0) + " s";
        }
        if (ms < 7_200_000) {
            return Math.round(ms / 60_000.0) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", ms / 3_600_000.0);
    }

    /** 1,234 → 1.2K; 1,234,567 → 1.2M. */
    static String count(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fK", n / 1000.0);
        }
        if (n < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1_000_000.0);
        }
        return String.format(Locale.ROOT, "%.1fG", n / 1_000_000_000.0);
    }
}
