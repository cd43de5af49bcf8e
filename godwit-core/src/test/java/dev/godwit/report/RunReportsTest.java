package dev.godwit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.godwit.migration.Checksums;
import dev.godwit.migration.MigrationName;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.Version;
import dev.godwit.run.Failure;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportsTest {

    @TempDir
    Path dir;

    static MigrationScript script(String file) {
        MigrationName name = ((MigrationName.Migration) MigrationName.parse(file)).name();
        return new MigrationScript(name, Path.of(file), file, "select 1;", Checksums.sha256("select 1;"));
    }

    static final RunReport.Header HEADER = new RunReport.Header("3f2a9c1e-0000-4000-8000-000000000001", "migrate",
            "postgres://deploy@db:5432/ledger", "production", "alice", "deploy-1", "CHG-42", "bob");

    @Test
    void aFailedRunWithARollbackIsReportedInBothFormsAndFoundAgain() throws Exception {
        MigrationScript v1 = script("V1__a.sql");
        MigrationScript v2 = script("V2__b.sql");
        MigrationScript u1 = script("U1__a.sql");
        ReportCollector c = new ReportCollector();
        c.on(new RunEvent.RunStarted(HEADER.runId(), HEADER.database(), 2, Optional.of(Version.parse("0"))));
        c.on(new RunEvent.MigrationStarted(v1, Optional.empty()));
        c.on(new RunEvent.LockRetry(v1, "V1__a.sql:1:1", 1, 10, Duration.ofMillis(180), List.of()));
        c.on(new RunEvent.MigrationApplied(v1, Duration.ofMillis(12), 2));
        c.on(new RunEvent.MigrationStarted(v2, Optional.empty()));
        Failure failure = new Failure("V2__b.sql:1:8", "ERROR: boom (SQLSTATE 42703)", "select nope", "42703", true,
                List.of());
        c.on(new RunEvent.MigrationFailed(v2, failure));
        c.on(new RunEvent.MigrationStarted(u1, Optional.empty()));
        c.on(new RunEvent.MigrationApplied(u1, Duration.ofMillis(3), 1));
        RunOutcome outcome = new RunOutcome.Failed(v2, failure, List.of(v1), List.of(u1), List.of());

        RunReport r = RunReports.build(HEADER, c, outcome, Optional.of("0"), "ab".repeat(32));
        Path md = RunReports.write(dir, r);

        String text = Files.readString(md);
        assertThat(text).contains("# godwit migrate: failed").contains("| ticket | CHG-42 |")
                .contains("| approved by | bob |").contains("| V1 a | `V1__a.sql` | applied | 12 | 2 |")
                .contains("| U1 a | `U1__a.sql` | reverted |").contains("try 1 hit lock_timeout at V1__a.sql:1:1")
                .contains("V2 b failed at V2__b.sql:1:8").contains("## Reverted after the failure")
                .contains("`" + "ab".repeat(32) + "`");
        JsonNode json = new ObjectMapper().readTree(
                Files.readString(RunReports.find(dir, Optional.of("3f2a"), ".json").orElseThrow()));
        assertThat(json.get("outcome").asText()).isEqualTo("failed");
        assertThat(json.get("migrations")).hasSize(3);
        assertThat(json.get("reverted").get(0).asText()).isEqualTo("U1__a.sql");
        assertThat(Files.getPosixFilePermissions(md)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(RunReports.find(dir, Optional.empty(), ".md")).contains(md);
        assertThat(RunReports.find(dir, Optional.of("ffff"), ".md")).isEmpty();
    }
}
