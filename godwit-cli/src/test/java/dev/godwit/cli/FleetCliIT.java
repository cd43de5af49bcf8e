package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.godwit.lock.MigrationLock;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code godwit fleet} through the real CLI jar, on several databases of one embedded PostgreSQL server: the
 * summary, the failure budget, resumability, tenant schemas, and the faults of issue 22 (a target down, a failing
 * migration, a target locked by another run, kill -9 of the fleet mid-wave).
 */
class FleetCliIT extends CliTestBase {

    static final String PASSWORD = "s3cret-fleet-pw";

    private final List<TestDatabase> extra = new ArrayList<>();

    @AfterEach
    void dropExtra() {
        extra.forEach(d -> TestServer.get().drop(d));
    }

    private TestDatabase newDb() {
        TestDatabase d = TestServer.get().newDatabase();
        d.execute("create table applied_log (version int, at timestamptz default now())");
        extra.add(d);
        return d;
    }

    /** The server trusts local connections, so a password in the URL is ignored by it, and must be by Godwit's output. */
    private static String urlWithPassword(TestDatabase d) {
        return "postgres://" + d.user() + ":" + PASSWORD + "@" + d.host() + ":" + d.port() + "/" + d.name();
    }

    private void twoMigrations() {
        write("V1__accounts.sql", "create table accounts (id int);\ninsert into applied_log (version) values (1);\n");
        write("V2__ledger.sql", "create table ledger (id int);\ninsert into applied_log (version) values (2);\n");
    }

    private Path fleetFile(String body) throws Exception {
        Path f = dir.resolve("fleet.toml");
        Files.writeString(f, "[fleet]\nsummary_dir = \"out\"\n\n" + body);
        return f;
    }

    private static String target(String name, String url, String... tags) {
        return "[[targets]]\nname = \"" + name + "\"\nurl = \"" + url + "\"\n"
                + (tags.length == 0 ? "" : "tags = [\"" + String.join("\", \"", tags) + "\"]\n") + "\n";
    }

    private static JsonNode row(JsonNode summary, String name) {
        for (JsonNode t : summary.get("targets")) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no row for " + name + " in " + summary);
    }

    @Test
    void migratesEveryTargetWritesTheSummariesAndARerunAppliesNothingTwice() throws Exception {
        twoMigrations();
        TestDatabase a = newDb();
        TestDatabase b = newDb();
        TestDatabase c = newDb();
        fleetFile(target("a", urlWithPassword(a), "canary") + target("b", urlWithPassword(b))
                + target("c", urlWithPassword(c)));

        GodwitProcess.Result r = godwit.run("fleet", "migrate", "--fleet", "fleet.toml", "--parallel", "2", "--json",
                "--run-id", "fleet-run-1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.all()).doesNotContain(PASSWORD);
        JsonNode s = json(r);
        assertThat(s.get("fleetRunId").asText()).isEqualTo("fleet-run-1");
        for (String n : List.of("a", "b", "c")) {
            assertThat(row(s, n).get("result").asText()).isEqualTo("applied");
            assertThat(row(s, n).get("before").isNull()).isTrue();
            assertThat(row(s, n).get("after").asText()).isEqualTo("2");
            assertThat(Path.of(row(s, n).get("report").asText())).exists();
        }
        for (TestDatabase d : List.of(a, b, c)) {
            assertThat(d.count("select count(*) from applied_log")).isEqualTo(2);
            // The fleet run id is in each target's own audit entries.
            assertThat(d.count("select count(*) from godwit.audit_log where ci->>'GODWIT_FLEET_RUN_ID' = 'fleet-run-1'"))
                    .isGreaterThan(0);
        }
        Path html = Path.of(s.get("summaryHtml").asText());
        String page = Files.readString(html);
        assertThat(page).contains("<td>a</td>", "<td>b</td>", "<td>c</td>", "href=").doesNotContain(PASSWORD)
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
        assertThat(Files.readString(Path.of(s.get("summaryJson").asText()))).doesNotContain(PASSWORD);

        GodwitProcess.Result again = godwit.run("fleet", "migrate", "--fleet", "fleet.toml", "--parallel", "2");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stdout()).contains("3 up to date");
        for (TestDatabase d : List.of(a, b, c)) {
            assertThat(d.count("select count(*) from applied_log")).isEqualTo(2);
        }

        Path audit = dir.resolve("out/fleet-audit.jsonl");
        assertThat(Files.readString(audit)).contains("fleet_started", "fleet_target", "fleet_finished")
                .doesNotContain(PASSWORD);
        GodwitProcess.Result verify = godwit.run("fleet", "audit-verify", "--audit-file", audit.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.stdout()).contains("intact: 10 entries");
        List<String> lines = new ArrayList<>(Files.readAllLines(audit));
        lines.set(2, lines.get(2).replace("\"applied\"", "\"failed\""));
        Files.write(audit, lines);
        GodwitProcess.Result broken = godwit.run("fleet", "audit-verify", "--audit-file", audit.toString());
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(4);
        assertThat(broken.stdout()).contains("broken at entry 3");

        GodwitProcess.Result status = godwit.run("fleet", "status", "--fleet", "fleet.toml", "--json");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(row(json(status), "b").get("after").asText()).isEqualTo("2");
    }

    @Test
    void faultsAreSummarisedTheBudgetHoldsAndARerunCompletesTheFleet() throws Exception {
        twoMigrations();
        TestDatabase canary = newDb();
        TestDatabase failing = newDb();
        TestDatabase locked = newDb();
        TestDatabase later1 = newDb();
        TestDatabase later2 = newDb();
        failing.execute("create table ledger (id int)"); // V2 fails there: the table exists
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String down = "postgres://nobody:" + PASSWORD + "@127.0.0.1:" + closedPort + "/gone";
        fleetFile(target("canary", urlWithPassword(canary)) + target("down", down)
                + target("failing", urlWithPassword(failing)) + target("locked", urlWithPassword(locked))
                + target("later1", urlWithPassword(later1)) + target("later2", urlWithPassword(later2)));

        GodwitProcess.Result r;
        try (Connection holder = locked.connect(); Statement st = holder.createStatement()) {
            // Another run holds this target's migration lock for the whole fleet run.
            st.execute("select pg_advisory_lock(" + MigrationLock.key("godwit") + ")");
            r = godwit.run("fleet", "migrate", "--fleet", "fleet.toml", "--max-failures", "3", "--lock-wait", "1s",
                    "--json");
        }
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1); // three different failures: 8, 1 and 3
        assertThat(r.all()).doesNotContain(PASSWORD);
        JsonNode s = json(r);
        assertThat(row(s, "canary").get("result").asText()).isEqualTo("applied");
        assertThat(row(s, "down").get("result").asText()).isEqualTo("failed");
        assertThat(row(s, "down").get("exitCode").asInt()).isEqualTo(8);
        assertThat(row(s, "failing").get("result").asText()).isEqualTo("failed");
        assertThat(row(s, "failing").get("exitCode").asInt()).isEqualTo(1);
        assertThat(row(s, "failing").get("after").asText()).isEqualTo("1"); // V1 applied, V2 failed
        assertThat(row(s, "locked").get("result").asText()).isEqualTo("failed");
        assertThat(row(s, "locked").get("exitCode").asInt()).isEqualTo(3);
        for (String n : List.of("later1", "later2")) {
            assertThat(row(s, n).get("result").asText()).isEqualTo("not_started");
            assertThat(row(s, n).get("message").asText()).contains("failure budget (3)");
        }
        assertThat(later1.count("select count(*) from applied_log")).isZero();
        assertThat(s.get("counts").get("not_started").asInt()).isEqualTo(2);

        // The causes are fixed (the lock was released above; the failing target's table is renamed away); the
        // down target stays down. A re-run with room in the budget completes everything else.
        failing.execute("drop table ledger");
        GodwitProcess.Result again = godwit.run("fleet", "migrate", "--fleet", "fleet.toml", "--max-failures", "3",
                "--json");
        JsonNode s2 = json(again);
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(8); // only the down target failed
        assertThat(row(s2, "canary").get("result").asText()).isEqualTo("up_to_date");
        for (String n : List.of("failing", "locked", "later1", "later2")) {
            assertThat(row(s2, n).get("result").asText()).as(n).isEqualTo("applied");
            assertThat(row(s2, n).get("after").asText()).isEqualTo("2");
        }
        assertThat(row(s2, "failing").get("before").asText()).isEqualTo("1");
        for (TestDatabase d : List.of(canary, failing, locked, later1, later2)) {
            assertThat(d.count("select count(*) from applied_log")).isEqualTo(2);
            assertThat(d.count("select count(distinct version) from applied_log")).isEqualTo(2);
        }
    }

    @Test
    void killMinus9MidWaveThenAReRunCompletesWithoutApplyingAnythingTwice() throws Exception {
        write("V1__accounts.sql", "create table accounts (id int);\ninsert into applied_log (version) values (1);\n");
        // Slow only where the test put a marker: the fleet is killed while this migration runs on the second target.
        write("V2__slow.sql", "insert into applied_log (version) values (2);\n"
                + "do $$ begin if exists (select 1 from pg_tables where tablename = 'slow_marker') then"
                + " perform pg_sleep(120); end if; end $$;\n");
        List<TestDatabase> dbs = List.of(newDb(), newDb(), newDb(), newDb());
        dbs.get(1).execute("create table slow_marker ()");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < dbs.size(); i++) {
            body.append(target("t" + i, urlWithPassword(dbs.get(i))));
        }
        fleetFile(body.toString());

        Process p = godwit.start("fleet", "migrate", "--fleet", "fleet.toml", "--parallel", "1");
        p.getOutputStream().close();
        TestDatabase second = dbs.get(1);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        // Observable state: the second target has V1 in its history and V2's sleep is running.
        while (!(second.tableExists("godwit.history")
                && second.count("select count(*) from godwit.history where version = '1'") == 1
                && second.count("select count(*) from pg_stat_activity where query like '%pg_sleep(120)%'"
                        + " and state = 'active' and pid <> pg_backend_pid()") == 1)) {
            assertThat(p.isAlive()).as("the fleet ended before it was killed").isTrue();
            assertThat(Instant.now()).as("the second target never reached V2").isBefore(deadline);
            Thread.onSpinWait();
        }
        p.destroyForcibly(); // SIGKILL
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(dbs.get(0).count("select count(*) from applied_log")).isEqualTo(2);
        assertThat(dbs.get(2).tableExists("godwit.history")).isFalse();

        // The server notices the dead client (client_connection_check_interval) and rolls V2 back.
        second.execute("drop table slow_marker");
        GodwitProcess.Result again = godwit.run("fleet", "migrate", "--fleet", "fleet.toml", "--parallel", "2",
                "--json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        JsonNode s = json(again);
        assertThat(row(s, "t0").get("result").asText()).isEqualTo("up_to_date");
        assertThat(row(s, "t1").get("before").asText()).isEqualTo("1");
        assertThat(row(s, "t1").get("result").asText()).isEqualTo("applied");
        for (TestDatabase d : dbs) {
            assertThat(d.count("select count(*) from applied_log")).isEqualTo(2);
            assertThat(d.count("select count(distinct version) from applied_log")).isEqualTo(2);
        }
        // The fleet audit file holds the killed run's start and first target, then the re-run: one intact chain.
        GodwitProcess.Result verify = godwit.run("fleet", "audit-verify", "--audit-file", "out/fleet-audit.jsonl");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }

    @Test
    void tenantSchemasGetTheirSearchPathPlaceholderAndHistoryAndShardsCoverThemOnce() throws Exception {
        db.execute("create schema tenant_a", "create schema tenant_b", "create schema tenant_c",
                "create schema other");
        write("V1__accounts.sql", "create table accounts (id int);\n"
                + "comment on table accounts is 'tenant ${tenant_schema}';\n");
        GodwitProcess.Result s0 = run("fleet", "migrate", "--schemas", "tenant\\_%", "--shard", "0/2", "--json",
                "--summary-dir", "out");
        GodwitProcess.Result s1 = run("fleet", "migrate", "--schemas", "tenant\\_%", "--shard", "1/2", "--json",
                "--summary-dir", "out");
        assertThat(s0.exitCode()).as(s0.toString()).isZero();
        assertThat(s1.exitCode()).as(s1.toString()).isZero();
        List<String> names = new ArrayList<>();
        json(s0).get("targets").forEach(t -> names.add(t.get("name").asText()));
        json(s1).get("targets").forEach(t -> names.add(t.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("tenant_a", "tenant_b", "tenant_c");
        for (String t : List.of("tenant_a", "tenant_b", "tenant_c")) {
            assertThat(db.queryValue("select obj_description('" + t + ".accounts'::regclass)"))
                    .isEqualTo("tenant " + t);
            assertThat(db.count("select count(*) from godwit_" + t + ".history")).isEqualTo(1);
        }
        assertThat(db.tableExists("public.accounts")).isFalse();
        assertThat(db.tableExists("other.accounts")).isFalse();

        GodwitProcess.Result status = run("fleet", "status", "--schemas", "tenant\\_%", "--summary-dir", "out");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).contains("tenant_a", "tenant_b", "tenant_c").contains("3 checked");
    }

    @Test
    void targetsFromARegistryQueryWithACanaryJobFirst() throws Exception {
        twoMigrations();
        TestDatabase eu = newDb();
        TestDatabase us = newDb();
        db.execute("create table tenants (id text, region text, tags text[], active boolean)",
                "insert into tenants values ('eu', 'EU', '{canary}', true), ('us', 'US', '{}', true),"
                        + " ('gone', 'XX', '{}', false)");
        Files.writeString(dir.resolve("fleet.toml"), "[fleet]\nsummary_dir = \"out\"\n[source]\nquery = \"select id as"
                + " name, 'URL_' || region as url_env, tags from tenants where active order by id\"\n");
        godwit.env("URL_EU", urlWithPassword(eu)).env("URL_US", urlWithPassword(us));

        // The canary Job: the tagged target only; the rest belong to the next Job and are not failures here.
        GodwitProcess.Result canary = run("fleet", "migrate", "--fleet", "fleet.toml", "--canary-only", "--json");
        assertThat(canary.exitCode()).as(canary.toString()).isZero();
        assertThat(json(canary).get("targets")).hasSize(1);
        assertThat(row(json(canary), "eu").get("result").asText()).isEqualTo("applied");
        assertThat(us.tableExists("godwit.history")).isFalse();

        GodwitProcess.Result rest = run("fleet", "migrate", "--fleet", "fleet.toml", "--json");
        assertThat(rest.exitCode()).as(rest.toString()).isZero();
        assertThat(row(json(rest), "eu").get("result").asText()).isEqualTo("up_to_date");
        assertThat(row(json(rest), "us").get("result").asText()).isEqualTo("applied");
        assertThat(json(rest).get("targets")).hasSize(2);
        assertThat(rest.all()).doesNotContain(PASSWORD);
    }

    @Test
    void badInputEndsWithExit2AndSaysWhatToDo() throws Exception {
        twoMigrations();
        fleetFile(target("a", "postgres://x/y"));
        GodwitProcess.Result noTargets = godwit.run("fleet", "migrate");
        assertThat(noTargets.exitCode()).isEqualTo(2);
        assertThat(noTargets.stderr()).contains("--fleet FILE").contains("--schemas");
        GodwitProcess.Result shard = godwit.run("fleet", "migrate", "--fleet", "fleet.toml", "--shard", "2/2");
        assertThat(shard.exitCode()).isEqualTo(2);
        assertThat(shard.stderr()).contains("--shard must be I/N with 0 <= I < N");
        Files.writeString(dir.resolve("bad.toml"), "[fleet]\nmax_failure = 1\n");
        GodwitProcess.Result bad = godwit.run("fleet", "migrate", "--fleet", "bad.toml");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("unknown key [fleet] max_failure");
        GodwitProcess.Result rollback = godwit.run("fleet", "rollback", "--fleet", "fleet.toml");
        assertThat(rollback.exitCode()).isEqualTo(2);
        assertThat(rollback.stderr()).contains("--to");
        fleetFile("[[targets]]\nname = \"e\"\nurl_env = \"EU_URL\"\n");
        GodwitProcess.Result env = godwit.run("fleet", "migrate", "--fleet", "fleet.toml", "--json");
        assertThat(env.exitCode()).as(env.toString()).isEqualTo(2);
        assertThat(row(json(env), "e").get("message").asText()).contains("EU_URL").contains("not set");
    }
}
