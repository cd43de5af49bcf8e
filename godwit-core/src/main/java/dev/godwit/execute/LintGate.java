package dev.godwit.execute;

import dev.godwit.plan.PreparedMigration;
import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ServerInfo;
import dev.godwit.lint.LintInput;
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
        List<LintInput> inputs = new ArrayList<>();
        for (PreparedMigration m : pending) {
            inputs.add(new LintInput(m.script().script(), parse(config, m), m.transactional()));
        }
        int major = ServerInfo.of(c).major();
        return new Linter(config.lint(), Rules.ALL).lint(inputs, CatalogSchema.load(c, config.schema()),
                Linter.Scope.RUN, major);
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
