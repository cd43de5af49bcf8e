package dev.godwit.execute;

import dev.godwit.plan.PreparedMigration;
import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ServerInfo;
import dev.godwit.lint.ExpandGate;
import dev.godwit.lint.FileLint;
import dev.godwit.lint.LintInput;
import dev.godwit.lint.SchemaModel;
import dev.godwit.sql.Phase;
import java.util.Optional;
import dev.godwit.lint.LintReport;
import dev.godwit.lint.Linter;
import dev.godwit.lint.rules.Rules;
import dev.godwit.sql.Placeholders;
import dev.godwit.sql.SqlScript;
import dev.godwit.sql.SqlSyntaxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lints the pending migrations as one run against the database as it is now: tables the database has are
 * existing (their locks block traffic), tables an earlier pending file creates are new. The PostgreSQL
 * major is the server's.
 */
public final class LintGate {

    private LintGate() {}

    public static LintReport lint(GodwitConfig config, Connection c, List<PreparedMigration> pending)
            throws SQLException {
        return lint(config, c, pending, Optional.empty());
    }

    /**
     * The same, with the expand gate ({@link ExpandGate}) on the migrations that run in the expand phase: all of
     * them under {@code --phase expand}; under every phase, those that say {@code -- godwit:phase expand}.
     */
    public static LintReport lint(GodwitConfig config, Connection c, List<PreparedMigration> pending,
                                  Optional<Phase> phase) throws SQLException {
        List<LintInput> inputs = new ArrayList<>();
        List<ExpandGate.Input> gated = new ArrayList<>();
        for (PreparedMigration m : pending) {
            SqlScript script = parse(config, m);
            LintInput in = new LintInput(m.script().script(), script, m.transactional());
            inputs.add(in);
            Optional<Phase> declared = script.directives().phase();
            gated.add(new ExpandGate.Input(in, phase.map(p -> p == Phase.EXPAND).orElse(false)
                    || phase.isEmpty() && declared.equals(Optional.of(Phase.EXPAND))));
        }
        int major = ServerInfo.of(c).major();
        SchemaModel catalog = CatalogSchema.load(c, config.schema());
        List<FileLint> expand = gated.stream().anyMatch(ExpandGate.Input::expand)
                ? ExpandGate.check(gated, catalog) : List.of();
        LintReport report = new Linter(config.lint(), Rules.ALL).lint(inputs, catalog, Linter.Scope.RUN, major);
        if (expand.isEmpty()) {
            return report;
        }
        List<FileLint> files = new ArrayList<>(expand);
        files.addAll(report.files());
        return new LintReport(files, report.maxRisk(), report.problems());
    }

    /** The file as it will run: placeholders replaced (preparing it already proved they all are defined). */
    private static SqlScript parse(GodwitConfig config, PreparedMigration m) {
        try {
            return SqlScript.parse(Placeholders.replace(m.script().text(), config.placeholders()));
        } catch (SqlSyntaxException e) {
            throw new IllegalStateException(m.script().script() + " parsed when prepared but not now: " + e, e);
        }
    }
}
