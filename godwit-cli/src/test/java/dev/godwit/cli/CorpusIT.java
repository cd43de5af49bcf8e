package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Three migration folders in the layouts of public projects (golang-migrate, Diesel, Flyway; see
 * {@code src/test/resources/corpus/SOURCE.md}) through the real CLI: a fresh install on an empty PostgreSQL
 * passes the default gate, and the later release, on a database whose tables exist with rows, gets the
 * findings a careful DBA would expect — and is refused.
 */
class CorpusIT extends CliTestBase {

    static final Path CORPUS = Path.of("src/test/resources/corpus");

    private void copy(String project, Predicate<String> which) {
        try (Stream<Path> files = Files.list(CORPUS.resolve(project))) {
            for (Path f : files.filter(p -> which.test(p.getFileName().toString())).toList()) {
                write(f.getFileName().toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void freshInstallPasses(String project) {
        copy(project, n -> n.endsWith(".sql"));
        GodwitProcess.Result m = run("migrate");
        assertThat(m.exitCode()).as(m.toString()).isZero();
    }

    /** The later release on the populated database: refused by plan and migrate, with these rules among the findings. */
    private String laterReleaseOnRows(String project, Predicate<String> release, List<String> rows, String... rules) {
        copy(project, n -> n.endsWith(".sql") && !release.test(n));
        GodwitProcess.Result install = run("migrate");
        assertThat(install.exitCode()).as(install.toString()).isZero();
        db.execute(rows.toArray(String[]::new));
        copy(project, release);

        GodwitProcess.Result plan = run("plan");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(5);
        assertThat(plan.stdout()).contains(rules);
        GodwitProcess.Result m = run("migrate");
        assertThat(m.exitCode()).as(m.toString()).isEqualTo(5);
        return plan.stdout();
    }

    @Test
    void golangMigrateLayoutFreshInstallPassesTheDefaultGate() {
        freshInstallPasses("registry-golang-migrate");
    }

    @Test
    void dieselLayoutFreshInstallPassesTheDefaultGate() {
        freshInstallPasses("packages-diesel");
    }

    @Test
    void flywayLayoutFreshInstallPassesTheDefaultGate() {
        freshInstallPasses("workflows-flyway");
    }

    @Test
    void golangMigrateLayoutLaterReleaseOnPopulatedTables() {
        String plan = laterReleaseOnRows("registry-golang-migrate", n -> n.startsWith("0002_"), List.of(
                "insert into registry_user (username, email, realname) select 'u' || g, 'u' || g || '@x', 'U'"
                        + " from generate_series(2, 150000) g",
                "insert into access_log (username, project_id, repo_name, operation)"
                        + " select 'u' || g, g % 50, 'r' || g, 'push' from generate_series(1, 150000) g",
                "analyze registry_user", "analyze access_log"),
                // CREATE TABLE IF NOT EXISTS of the existing registry_user hides nothing any more
                "drop-column", "legacy_flag", "create-index-not-concurrently", "access_log");
        // the no-op clean-ups of tables the database does not have are not reported
        assertThat(plan).doesNotContain("replication_job_old", "img_scan_job");
    }

    @Test
    void dieselLayoutLaterReleaseOnPopulatedTables() {
        laterReleaseOnRows("packages-diesel", n -> n.startsWith("20150101000000_"), List.of(
                "insert into packages (name, user_id, updated_at) select 'p' || g, 1, now() from generate_series(1, 150000) g",
                "insert into versions (package_id, num) select g, '1.0.0' from generate_series(1, 150000) g",
                "analyze packages", "analyze versions"),
                "create-index-not-concurrently", "foreign-key-not-valid", "about 150,000 rows");
    }

    @Test
    void flywayLayoutLaterReleaseOnPopulatedTables() {
        laterReleaseOnRows("workflows-flyway", n -> n.startsWith("V1_3__") || n.startsWith("U1_3__"), List.of(
                "insert into executions (key, value) select 'k' || g, jsonb_build_object('namespace', 'n' || (g % 9),"
                        + " 'state', jsonb_build_object('current', 'RUNNING', 'startDate', '2024-01-01T00:00:00Z'),"
                        + " 'trigger', jsonb_build_object('id', 't')) from generate_series(1, 150000) g",
                "analyze executions"),
                "add-column-volatile-default", "create-index-not-concurrently", "executions");
    }
}
