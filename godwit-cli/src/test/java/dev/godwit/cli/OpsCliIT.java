package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** preflight, locks, metrics, serve and the log format, through the real jar against a real PostgreSQL. */
class OpsCliIT extends CliTestBase {

    int holderPid;

    /** A session that read accounts in a transaction and went idle: it holds ACCESS SHARE until it ends. */
    Connection idleHolder() throws Exception {
        Connection c = db.connect();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("set application_name = 'forgotten-psql'");
            s.executeQuery("select count(*) from accounts").close();
            try (ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                holderPid = rs.getInt(1);
            }
        }
        Thread.sleep(300); // older than the 100ms lock_holder_fail below
        return c;
    }

    void accountsApplied() {
        config("[preflight]\nlock_holder_fail = \"100ms\"\n");
        write("V1__accounts.sql", "create table accounts (id bigint primary key, balance numeric(12,2));");
        assertThat(run("migrate").exitCode()).isZero();
        write("V2__add_note.sql", "alter table accounts add column note text;");
    }

    @Test
    void preflightNamesTheIdleHolderAndMigrateStopsSayingWhoBlocks() throws Exception {
        accountsApplied();
        try (Connection holder = idleHolder()) {
            GodwitProcess.Result text = run("preflight");
            assertThat(text.exitCode()).as(text.toString()).isEqualTo(8);
            assertThat(text.stdout()).contains("Preflight of", "FAIL", "table-locks", "pid " + holderPid,
                    "forgotten-psql", "idle in transaction", "PASS", "connections");

            JsonNode doc = json(run("preflight", "--json"));
            assertThat(doc.get("status").asText()).isEqualTo("FAIL");
            JsonNode locks = Stream.of(doc.get("checks")).flatMap(c -> java.util.stream.StreamSupport.stream(
                    c.spliterator(), false)).filter(c -> c.get("id").asText().equals("table-locks")).findFirst().orElseThrow();
            assertThat(locks.get("status").asText()).isEqualTo("FAIL");
            assertThat(locks.get("details").get(0).asText()).contains("pid " + holderPid);

            GodwitProcess.Result migrate = run("migrate");
            assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(8);
            assertThat(migrate.all()).contains("pid " + holderPid, "forgotten-psql", "not ready", "--skip-preflight");
            assertThat(db.count("select count(*) from godwit.history where version = '2'")).isZero();
        }
        GodwitProcess.Result skipped = run("migrate", "--skip-preflight");
        assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
        assertThat(db.count("select count(*) from godwit.audit_log where action = 'preflight_skipped'")).isEqualTo(1);
    }

    @Test
    void locksShowsTheBlockingChainAndTerminatesOnlyWhenConfirmed() throws Exception {
        accountsApplied();
        try (Connection holder = idleHolder(); Connection waiter = db.connect()) {
            int waiterPid;
            try (Statement s = waiter.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                waiterPid = rs.getInt(1);
            }
            Thread t = new Thread(() -> {
                try (Statement s = waiter.createStatement()) {
                    s.execute("alter table accounts add column blocked text");
                } catch (Exception ignored) {
                    // it runs once the holder is gone
                }
            });
            t.start();
            while (db.count("select count(*) from pg_stat_activity where pid = " + waiterPid
                    + " and wait_event_type = 'Lock'") == 0) {
                Thread.sleep(50);
            }

            GodwitProcess.Result text = run("locks");
            assertThat(text.exitCode()).as(text.toString()).isZero();
            assertThat(text.stdout()).contains("Migration lock: free", "pid " + holderPid, "└ pid " + waiterPid,
                    "Lock:relation");
            JsonNode doc = json(run("locks", "--json"));
            assertThat(doc.get("blocking").get(0).get("pid").asInt()).isEqualTo(holderPid);
            assertThat(doc.get("blocking").get(0).get("blocks").get(0).get("pid").asInt()).isEqualTo(waiterPid);

            GodwitProcess.Result refused = run("locks", "--terminate-idle-in-transaction", "100ms");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.all()).contains("nothing was terminated");
            assertThat(db.count("select count(*) from pg_stat_activity where pid = " + holderPid)).isEqualTo(1);

            GodwitProcess.Result ended = run("locks", "--terminate-idle-in-transaction", "100ms", "--yes");
            assertThat(ended.exitCode()).as(ended.toString()).isZero();
            assertThat(ended.stdout()).contains("terminated pid " + holderPid);
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(db.count("select count(*) from information_schema.columns where column_name = 'blocked'")).isEqualTo(1);
    }

    @Test
    void theMetricsFileCarriesTheValuesOfARealRun() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key, balance numeric(12,2));");
        write("V2__add_note.sql", "alter table accounts add column note text;");
        Path file = dir.resolve("textfile/godwit.prom");
        Instant before = Instant.now().minusSeconds(1);

        GodwitProcess.Result r = run("migrate", "--metrics-file", file.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .as("node_exporter, another user, reads it").isEqualTo("rw-r--r--");
        Map<String, Double> m = PromText.parse(Files.readString(file));
        assertThat(m).containsEntry("godwit_migrations_applied_total", 2.0)
                .containsEntry("godwit_migrations_failed_total", 0.0)
                .containsEntry("godwit_migration_duration_seconds_count", 2.0)
                .containsEntry("godwit_migration_in_progress", 0.0)
                .containsEntry("godwit_migration_lock_active", 0.0)
                .containsEntry("godwit_pending_migrations", 0.0)
                .containsEntry("godwit_audit_chain_ok", 1.0)
                .containsEntry("godwit_database_up", 1.0)
                .containsEntry("godwit_lock_retries_total", 0.0)
                .containsKeys("godwit_lock_wait_seconds", "godwit_integrity_check_ok",
                        "godwit_backup_last_success_timestamp_seconds", "godwit_last_failure_timestamp_seconds");
        assertThat(m.get("godwit_last_success_timestamp_seconds")).isBetween(before.getEpochSecond() * 1.0,
                Instant.now().getEpochSecond() + 1.0);
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left).as("no temporary file is left behind").containsExactly(file);
        }

        write("V3__more.sql", "create table more (id bigint primary key);");
        assertThat(run("status", "--metrics-file", file.toString()).exitCode()).isZero();
        assertThat(PromText.parse(Files.readString(file))).containsEntry("godwit_pending_migrations", 1.0)
                .containsEntry("godwit_migrations_applied_total", 0.0);
    }

    @Test
    void serveAnswersMetricsAndHealthFromTheDatabase() throws Exception {
        config("[preflight]\nbackup_warn_age = \"0\"\n");
        write("V1__accounts.sql", "create table accounts (id bigint primary key, balance numeric(12,2));");
        assertThat(run("migrate").exitCode()).isZero();
        write("V2__add_note.sql", "alter table accounts add column note text;");

        Process p = godwit.start("serve", "--port", "0", "--url", url()); // 127.0.0.1 unless --bind says otherwise
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("the first line names the port").startsWith("serving http://127.0.0.1:");
            int port = Integer.parseInt(line.replaceAll("serving http://127\\.0\\.0\\.1:(\\d+)/.*", "$1"));
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            Map<String, Double> m = PromText.parse(metrics.body());
            assertThat(m).containsEntry("godwit_pending_migrations", 1.0)
                    .containsEntry("godwit_migration_lock_active", 0.0)
                    .containsEntry("godwit_audit_chain_ok", 1.0)
                    .containsEntry("godwit_database_up", 1.0);
            assertThat(m.get("godwit_last_success_timestamp_seconds")).isPositive();

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode h = new ObjectMapper().readTree(health.body());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(h.get("status").asText()).isEqualTo("ok");

            db.execute("alter table godwit.audit_log disable trigger audit_log_no_update_delete",
                    "update godwit.audit_log set approver = 'mallory' where seq = 1");
            health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
            h = new ObjectMapper().readTree(health.body());
            assertThat(h.get("status").asText()).isEqualTo("degraded");
            assertThat(h.get("reasons").get(0).asText()).contains("audit chain");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    @Test
    void logFormatJsonWritesOneJsonObjectPerLineOnStderr() throws Exception {
        GodwitProcess.Result r = run("-v", "--log-format", "json", "status", "--metrics-file",
                dir.resolve("m.prom").toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        long logs = 0;
        for (String line : r.stderr().split("\n")) {
            if (line.startsWith("{")) {
                JsonNode log = new ObjectMapper().readTree(line);
                assertThat(log.has("level")).as(line).isTrue();
                assertThat(log.has("message")).as(line).isTrue();
                logs++;
            }
        }
        assertThat(logs).as(r.stderr()).isPositive();
        assertThat(r.stderr()).contains("metrics written to");
    }
}
