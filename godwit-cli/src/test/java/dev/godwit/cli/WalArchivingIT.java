package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.godwit.testing.Await;
import dev.godwit.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point-in-time recovery awareness on real servers: one with archive_mode = on and an archive_command that copies to
 * a folder, one whose archive_command fails ({@code false}). The WAL positions of a run reach its report, its audit
 * entries and the backup manifest; {@code godwit report} prints the recovery target; preflight's wal-archiving
 * check passes on the first and fails (exit 8) on the second where archiving is required (production's default).
 */
class WalArchivingIT {

    static Path root;
    static EmbeddedPostgres archiving;
    static EmbeddedPostgres failing;

    @TempDir
    Path dir;

    @BeforeAll
    static void servers() throws Exception {
        root = Files.createTempDirectory("godwit-wal");
        Path archive = Files.createDirectories(root.resolve("archive"));
        archiving = EmbeddedPostgres.builder().setDataDirectory(root.resolve("archiving")).setServerConfig("fsync", "off")
                .setServerConfig("archive_mode", "on").setServerConfig("archive_timeout", "60").start();
        failing = EmbeddedPostgres.builder().setDataDirectory(root.resolve("failing")).setServerConfig("fsync", "off")
                .setServerConfig("archive_mode", "on").start();
        // The server's options go through one pg_ctl -o string, where a command with spaces cannot: set it after.
        archiveCommand(archiving, "cp %p " + archive + "/%f");
        archiveCommand(failing, "false");
    }

    private static void archiveCommand(EmbeddedPostgres pg, String command) {
        db(pg).execute("alter system set archive_command = '" + command + "'", "select pg_reload_conf()");
    }

    @AfterAll
    static void stop() throws Exception {
        for (EmbeddedPostgres pg : new EmbeddedPostgres[] {archiving, failing}) {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static TestDatabase db(EmbeddedPostgres pg) {
        return new TestDatabase("localhost", pg.getPort(), "postgres", "postgres", null);
    }

    /** A WAL switch, then the archiver's counter moving: observable, no sleeps (bounded at 60 s). */
    private static void switchWalAndAwait(TestDatabase db, String counter) throws Exception {
        long before = ((Number) db.queryValue("select " + counter + " from pg_stat_archiver")).longValue();
        db.execute("create table if not exists wal_filler (n int)", "insert into wal_filler values (1)",
                "select pg_switch_wal()");
        Await.until("pg_stat_archiver to count another WAL file",
                () -> ((Number) db.queryValue("select " + counter + " from pg_stat_archiver")).longValue() > before);
    }

    private GodwitProcess project(String toml) throws Exception {
        Files.createDirectories(dir.resolve("db/migrations"));
        Files.writeString(dir.resolve("db/migrations/V1__accounts.sql"), "create table accounts (id bigint primary key);");
        Files.writeString(dir.resolve("db/migrations/V2__ledger.sql"), "create table ledger (id bigint primary key);");
        Files.writeString(dir.resolve("godwit.toml"), toml);
        return new GodwitProcess(dir);
    }

    private static String url(EmbeddedPostgres pg) {
        return "postgres://postgres@localhost:" + pg.getPort() + "/postgres";
    }

    @Test
    void aRunRecordsItsWalPositionsAndTheReportSaysHowToReturnToBeforeIt() throws Exception {
        TestDatabase db = db(archiving);
        switchWalAndAwait(db, "archived_count");
        GodwitProcess godwit = project("""
                [preflight]
                require_wal_archiving = true
                rpo = "15m"
                [backup]
                dir = "backups"
                """);

        GodwitProcess.Result preflight = godwit.run("preflight", "--json", "--url", url(archiving));
        JsonNode check = check(preflight, "wal-archiving");
        assertThat(check.get("status").asText()).as(preflight.toString()).isEqualTo("PASS");
        assertThat(check.get("threshold").asText()).contains("required").contains("RPO 15m");

        assertThat(godwit.run("backup", "create", "--url", url(archiving)).exitCode()).isZero();
        try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
            Path manifest = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            JsonNode wal = new ObjectMapper().readTree(manifest.toFile()).get("wal");
            assertThat(wal.get("lsn").asText()).matches("[0-9A-F]+/[0-9A-F]+");
            assertThat(wal.get("timeline").asLong()).isEqualTo(1);
        }

        GodwitProcess.Result migrate = godwit.run("migrate", "--url", url(archiving));
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();

        JsonNode report = new ObjectMapper().readTree(godwit.run("report", "--json", "--url", url(archiving)).stdout());
        JsonNode marks = report.get("wal");
        assertThat(marks).extracting(m -> m.get("moment").asText())
                .containsExactly("run-start", "before", "after", "before", "after", "run-end");
        String start = marks.get(0).get("lsn").asText();
        assertThat(marks.get(0).get("nextXid").asLong()).isPositive();
        assertThat(db.queryValue("select details->'wal'->>'lsn' from godwit.audit_log where action = 'run_started'"))
                .isEqualTo(start);
        assertThat(db.count("select count(*) from godwit.audit_log where action = 'migration_applied'"
                + " and details->'walBefore'->>'lsn' is not null")).isEqualTo(2);
        assertThat(db.count("select count(*) from godwit.audit_log where action = 'run_finished'"
                + " and details->'wal'->>'lsn' is not null")).isEqualTo(1);

        GodwitProcess.Result text = godwit.run("report", "--url", url(archiving));
        assertThat(text.stdout()).contains("## Point-in-time recovery")
                .contains("recovery_target_lsn = '" + start + "', recovery_target_inclusive = false")
                .contains("pgbackrest --stanza=<stanza> --type=lsn --target='" + start + "'")
                .contains("barman recover --target-lsn '" + start + "'").contains("wal-g");
    }

    @Test
    void failingArchivingFailsPreflightWhereItIsRequired() throws Exception {
        TestDatabase db = db(failing);
        switchWalAndAwait(db, "failed_count");
        GodwitProcess godwit = project("""
                [environments.production.database]
                url = "%s"
                """.formatted(url(failing)));

        GodwitProcess.Result r = godwit.run("migrate", "--env", "production");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(8);
        assertThat(r.all()).contains("wal-archiving").contains("archiving is failing").contains("failure(s)");
        assertThat(db.queryValue("select to_regclass('public.accounts')")).isNull();

        GodwitProcess.Result elsewhere = godwit.run("preflight", "--json", "--url", url(failing));
        JsonNode check = check(elsewhere, "wal-archiving");
        assertThat(check.get("status").asText()).as("not required outside production: a warning").isEqualTo("WARN");
        assertThat(check.get("details").get(0).asText()).contains("archiving is failing");
    }

    private static JsonNode check(GodwitProcess.Result r, String id) throws Exception {
        JsonNode doc = new ObjectMapper().readTree(r.stdout());
        for (JsonNode c : doc.get("checks")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no " + id + " check in\n" + r);
    }
}
