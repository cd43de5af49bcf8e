package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.StatementAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A session-level SET (search_path, TimeZone, a role…) lasts only until the end of its migration: Godwit starts
 * every migration from the same session state, as {@code psql -f} does each file, so a later migration that
 * relied on it would create its objects elsewhere or read other times. One finding per file, at its first such
 * SET, naming every setting the file sets. SET LOCAL, SET TRANSACTION / CONSTRAINTS and RESET are not reported.
 */
public final class SessionSetting implements Rule {

    @Override
    public String id() {
        return "session-setting";
    }

    @Override
    public Risk risk() {
        return Risk.LOW;
    }

    @Override
    public String title() {
        return "Session-level SET that ends with the migration";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        if (!statement.has(Action.SetSetting.class) || names(List.of(statement)).isEmpty()
                || !names(context.earlierInFile()).isEmpty()) {
            return;
        }
        List<String> set = new ArrayList<>(names(List.of(statement)));
        names(context.laterInFile()).stream().filter(n -> !set.contains(n)).forEach(set::add);
        out.add(this, "SET " + String.join(", ", set) + " lasts until the end of this migration only: Godwit starts"
                + " every migration from the same session state (RESET ALL, then its own settings), as psql -f does"
                + " each file, so later migrations do not see " + (set.size() == 1 ? "it" : "them")
                + " whether they run in the same `godwit migrate` or another", Optional.empty(), Work.CATALOG,
                "-- repeat the SET at the top of each migration that needs it, or schema-qualify names instead of"
                        + " relying on search_path;\n-- set it for every session of the role or database instead:\n"
                        + "-- ALTER ROLE app SET " + set.get(0) + " = …;  /  ALTER DATABASE app SET " + set.get(0)
                        + " = …;");
    }

    /** The settings the statements SET for the session, in order, each once. */
    private static List<String> names(List<StatementAnalysis> statements) {
        List<String> names = new ArrayList<>();
        for (StatementAnalysis s : statements) {
            if (!s.has(Action.SetSetting.class)) {
                continue;
            }
            for (Action.SetSetting set : s.of(Action.SetSetting.class)) {
                if (!set.local() && set.value().isPresent() && !set.name().isEmpty()
                        && !List.of("transaction", "constraints").contains(set.name()) && !names.contains(set.name())) {
                    names.add(set.name());
                }
            }
        }
        return names;
    }
}
