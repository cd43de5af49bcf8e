package dev.godwit.cli.lint;

import dev.godwit.cli.Output;
import dev.godwit.config.Risk;
import dev.godwit.lint.Finding;
import dev.godwit.lint.LintReport;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Findings as people read them: where, how risky, what, which lock for how long, and what to write instead. */
public final class FindingText {

    private FindingText() {}

    public static void print(Output out, List<Finding> findings, Risk maxRisk) {
        for (Finding f : findings) {
            print(out, f, maxRisk);
        }
    }

    public static void print(Output out, Finding f, Risk maxRisk) {
        String risk = paint(out, f, maxRisk);
        out.line(out.bold(f.location()) + "  " + risk + "  " + f.rule()
                + f.allowedBecause().map(r -> "  (allowed: " + r + ")").orElse(""));
        out.line("  " + f.statement());
        out.line("  " + f.message());
        out.line("  lock: " + f.lockInWords());
        if (!f.allowed()) {
            out.line("  instead:");
            for (String l : f.safeAlternative().split("\n")) {
                out.line("    " + l);
            }
            out.line("  or accept it, with why, before the statement:");
            out.line("    -- godwit:allow " + f.rule() + " because <reason>");
        }
        out.line("");
    }

    private static String paint(Output out, Finding f, Risk maxRisk) {
        String word = f.risk().word();
        if (f.allowed()) {
            return word;
        }
        return f.risk().atLeast(maxRisk) ? out.red(word) : f.risk() == Risk.LOW ? word : out.yellow(word);
    }

    /** {@code 2 blocking (max_risk high): 1 critical, 1 high; 3 below the gate; 1 allowed}. */
    public static String summary(LintReport report) {
        Map<Risk, Integer> blocking = new EnumMap<>(Risk.class);
        int below = 0;
        int allowed = 0;
        for (Finding f : report.findings()) {
            if (f.allowed()) {
                allowed++;
            } else if (f.blocks(report.maxRisk())) {
                blocking.merge(f.risk(), 1, Integer::sum);
            } else {
                below++;
            }
        }
        int blocked = blocking.values().stream().mapToInt(Integer::intValue).sum();
        StringJoiner byRisk = new StringJoiner(", ");
        for (Risk r : List.of(Risk.CRITICAL, Risk.HIGH, Risk.MEDIUM, Risk.LOW)) {
            if (blocking.containsKey(r)) {
                byRisk.add(blocking.get(r) + " " + r.word());
            }
        }
        return blocked + " blocking (max_risk " + report.maxRisk().word() + ")"
                + (blocked > 0 ? ": " + byRisk : "") + "; " + below + " below the gate; " + allowed + " allowed";
    }
}
