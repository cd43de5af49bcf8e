package dev.godwit.junit5;

import dev.godwit.api.Godwit;
import dev.godwit.config.LintSettings;
import dev.godwit.config.Risk;
import dev.godwit.integrity.CheckResult;
import dev.godwit.lint.Finding;
import dev.godwit.lint.LintReport;
import dev.godwit.api.MigrateOptions;
import dev.godwit.api.RollbackOptions;
import dev.godwit.api.RunResult;
import dev.godwit.migration.MigrationScript;
import dev.godwit.rehearse.SchemaState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on a project's migrations, for its own tests. Each fails with what is wrong and where (file:line),
 * as the CLI would say it.
 */
public final class GodwitAssertions {

    private GodwitAssertions() {}

    /**
     * Every migration of the test class's locations lints without a finding at or above {@code maxRisk} ({@code low},
     * {@code medium}, {@code high} or {@code critical}) that the file does not allow, for the test server's major.
     */
    public static void assertLintsClean(GodwitDatabase db, String maxRisk) {
        Risk risk = Risk.parse(maxRisk).orElseThrow(() -> new IllegalArgumentException(
                "maxRisk must be low, medium, high or critical, not '" + maxRisk + "'"));
        Godwit godwit = db.godwit().load();
        LintSettings settings = godwit.config().lint().withMaxRisk(risk);
        LintReport report = godwit.lintLocations(settings, major(db));
        List<Finding> blocking = report.blocking();
        if (!blocking.isEmpty()) {
            StringBuilder message = new StringBuilder(blocking.size() + " finding(s) at or above " + risk.word()
                    + " in " + db.migrations().locations() + ":");
            for (Finding f : blocking) {
                message.append("\n  ").append(f.location()).append(' ').append(f.risk().word()).append(' ')
                        .append(f.rule()).append(": ").append(f.message());
            }
            message.append("\nMake the change safely, or allow it in the file with a reason (docs/linting.md).");
            throw new AssertionFailedError(message.toString());
        }
    }

    /**
     * Every versioned migration's down script restores the schema it found. On an empty database of the test
     * server, one migration at a time: apply it, revert it with its down script ({@code Godwit.rollback}, every
     * guard), compare the schema with the one before it (tables, columns, constraints, indexes, as
     * {@code godwit rehearse} compares them), apply it again. One at a time, because reverting everything to an
     * empty database would hide a down script that forgets a column when an earlier one drops the whole table.
     */
    public static void assertDownScriptsRestoreSchema(GodwitDatabase db) {
        String name = db.name() + "_rollback";
        TestServer server = db.server();
        try {
            server.createEmpty(name);
            GodwitDatabase empty = new GodwitDatabase(server, db.migrations(), name);
            Godwit godwit = empty.godwit().load();
            for (MigrationScript m : godwit.validate().files().versioned()) {
                MigrateOptions upTo = new MigrateOptions(Optional.of(m.version()), false);
                SchemaState before = schema(empty, godwit);
                succeed(godwit.migrate(upTo), "applying " + m.script());
                succeed(godwit.rollback(RollbackOptions.steps(1)), "reverting " + m.script() + " with its down script");
                List<String> differences = schema(empty, godwit).diff(before);
                if (!differences.isEmpty()) {
                    throw new AssertionFailedError("the down script of " + m.script() + " does not restore the schema"
                            + " it found; " + differences.size() + " difference(s):\n  "
                            + String.join("\n  ", differences));
                }
                succeed(godwit.migrate(upTo), "applying " + m.script() + " again after its down script");
            }
        } catch (SQLException e) {
            throw new AssertionFailedError("could not check the down scripts on " + server.display() + ": "
                    + e.getMessage(), e);
        } finally {
            dropQuietly(server, name);
        }
    }

    private static SchemaState schema(GodwitDatabase db, Godwit godwit) throws SQLException {
        try (Connection c = db.connection()) {
            return SchemaState.read(c, godwit.config().schema());
        }
    }

    private static void succeed(RunResult result, String what) {
        if (!result.succeeded()) {
            throw new AssertionFailedError(what + " failed: " + result.describe());
        }
    }

    /**
     * The data checks of {@code [checks]} (the test class's settings or {@code godwit.toml}) all hold on this
     * database, as {@code godwit check data} runs them.
     */
    public static void assertInvariantsHold(GodwitDatabase db) {
        List<CheckResult> failed = db.godwit().load().check(Godwit.CheckPart.DATA).stream()
                .filter(CheckResult::failed).toList();
        if (!failed.isEmpty()) {
            StringBuilder message = new StringBuilder(failed.size() + " data check(s) failed on " + db + ":");
            for (CheckResult r : failed) {
                message.append("\n  ").append(r.check()).append(" ").append(r.subject()).append(": ")
                        .append(r.summary());
                r.details().forEach(d -> message.append("\n    ").append(d));
            }
            throw new AssertionFailedError(message.toString());
        }
    }

    private static int major(GodwitDatabase db) {
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return LintSettings.DEFAULT_PG_VERSION;
        }
    }

    private static void dropQuietly(TestServer server, String name) {
        try {
            server.drop(name);
        } catch (SQLException ignored) {
            // The server goes away with the run; a leftover database must not hide the assertion's own failure.
        }
    }
}
