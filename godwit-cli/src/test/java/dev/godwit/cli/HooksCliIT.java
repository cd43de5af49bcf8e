package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * [[hooks]] and Flyway callback files through the real CLI on a real PostgreSQL: the facts hooks are told, each
 * policy (a failing or timed-out before hook stops the run with exit 11 and nothing applied, a failing after hook
 * is reported and audited and undoes nothing), SQL hooks on the migration connection, redacted output.
 */
class HooksCliIT extends CliTestBase {

    private static final String KEY = "s3cr3t-audit-key-42";

    private String log() throws Exception {
        Path f = dir.resolve("hooks.log");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private List<Map<String, Object>> hookEntries() {
        try (var c = db.connect(); var s = c.createStatement();
             var rs = s.executeQuery("select details::text from godwit.audit_log where action = 'hook_ran' order by seq")) {
            List<Map<String, Object>> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(new com.fasterxml.jackson.databind.ObjectMapper().readValue(rs.getString(1), Map.class));
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shellHooksAreToldTheRunAndAFailingAfterHookUndoesNothing() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        write("V2__ledger.sql", "create table ledger (id bigint primary key);");
        config("""
                [[hooks]]
                name = "maintenance-on"
                at = "before_run"
                run = "echo before_run $GODWIT_RUN_ID env=$GODWIT_ENVIRONMENT from=$GODWIT_VERSION_BEFORE db=$GODWIT_DATABASE >> hooks.log"
                timeout = "30s"

                [[hooks]]
                at = "before_each"
                run = "echo before_each $GODWIT_MIGRATION_VERSION >> hooks.log"

                [[hooks]]
                at = "after_each"
                run = "echo after_each $GODWIT_MIGRATION >> hooks.log"

                [[hooks]]
                name = "maintenance-off"
                at = "after_success"
                run = "echo after_success to=$GODWIT_VERSION_AFTER report=$GODWIT_REPORT >> hooks.log; echo the key is %s; exit 3"

                [[hooks]]
                at = "on_failure"
                run = "echo on_failure >> hooks.log"
                """.formatted(KEY));
        godwit.env("GODWIT_AUDIT_KEY", KEY);

        GodwitProcess.Result r = run("migrate", "--ticket", "CHG-7");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(db.tableExists("public.ledger")).isTrue();
        String log = log();
        assertThat(log).contains("before_run ").contains("before_each 1").contains("after_each V1__accounts.sql")
                .contains("before_each 2").contains("after_success to=2 report=").doesNotContain("on_failure");
        assertThat(log).doesNotContain(db.password() == null || db.password().isEmpty() ? "\u0000" : db.password());
        String report = log.substring(log.indexOf("report=") + 7).strip();
        assertThat(Path.of(report)).as("GODWIT_REPORT is the report this run wrote").exists();
        String md = Files.readString(Path.of(report));
        assertThat(md).contains("## Hooks").contains("after_success hook 'maintenance-off'")
                .contains("with exit status 3").contains("the key is ***").doesNotContain(KEY);
        assertThat(r.all()).contains("maintenance-off").doesNotContain(KEY);
        List<Map<String, Object>> audited = hookEntries();
        assertThat(audited).hasSize(6);
        assertThat(audited.get(5)).containsEntry("hook", "maintenance-off").containsEntry("status", "failed")
                .containsEntry("exitCode", 3);
        assertThat(audited.get(5).get("output").toString()).contains("***").doesNotContain(KEY);
    }

    @Test
    void aFailingBeforeHookStopsTheRunBeforeAnythingIsApplied() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        config("""
                [[hooks]]
                name = "scale-down"
                at = "before_run"
                run = "echo cannot reach the cluster; exit 4"

                [[hooks]]
                at = "on_failure"
                run = "echo on_failure $GODWIT_OUTCOME: $GODWIT_FAILURE >> hooks.log"
                """);

        GodwitProcess.Result r = run("migrate");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
        assertThat(r.stderr()).contains("before_run hook 'scale-down'").contains("exit status 4")
                .contains("cannot reach the cluster").contains("nothing was applied");
        assertThat(db.tableExists("public.accounts")).isFalse();
        assertThat(log()).contains("on_failure hook-failed: before_run hook 'scale-down'");
        assertThat(hookEntries()).extracting(e -> e.get("status")).containsExactly("failed", "ok");
    }

    @Test
    void aBeforeHookThatOutlivesItsTimeoutIsKilledAndTheRunStops() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        config("""
                [[hooks]]
                name = "slow"
                at = "before_run"
                run = "sleep 120 & echo $! > sleeper.pid; wait"
                timeout = "1s"
                """);
        long started = System.nanoTime();

        GodwitProcess.Result r = run("migrate", "--json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(60));
        assertThat(json(r).get("outcome").asText()).isEqualTo("hook-failed");
        assertThat(json(r).get("status").asText()).isEqualTo("timed-out");
        assertThat(db.tableExists("public.accounts")).isFalse();
        long pid = Long.parseLong(Files.readString(dir.resolve("sleeper.pid")).strip());
        // Killed: it ends (a killed orphan is reaped by init a moment later, so wait for its end, bounded).
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the hook's child was killed").isEmpty();
    }

    @Test
    void sqlHooksAndFlywayCallbacksRunOnTheMigrationConnection() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        write("beforeMigrate.sql", "create table if not exists hook_log (at text, run_id text, migration text);"
                + " insert into hook_log values ('beforeMigrate', current_setting('godwit.run_id'), null);");
        write("afterEachMigrate__log.sql", "insert into hook_log values ('afterEach', current_setting('godwit.run_id'),"
                + " current_setting('godwit.migration'));");
        write("afterClean.sql", "select 1/0;"); // a Flyway callback Godwit does not run, and not a migration
        Files.writeString(dir.resolve("after.sql"), "do $$ begin raise notice 'migrated to %',"
                + " current_setting('godwit.version_after'); end $$;");
        config("""
                [[hooks]]
                at = "after_success"
                sql = "after.sql"
                """);

        GodwitProcess.Result r = run("migrate");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(db.count("select count(*) from hook_log where at = 'beforeMigrate' and run_id <> ''")).isEqualTo(1);
        assertThat(db.queryValue("select migration from hook_log where at = 'afterEach'")).isEqualTo("V1__accounts.sql");
        assertThat(hookEntries()).extracting(e -> e.get("origin").toString())
                .anyMatch(o -> o.startsWith("Flyway callback")).anyMatch(o -> o.startsWith("[[hooks]] #1"));
        assertThat(hookEntries().get(hookEntries().size() - 1).get("output").toString()).contains("migrated to 1");
        assertThat(run("validate").exitCode()).as("callback files are not migrations").isZero();
    }

    @Test
    void aSqlHookPastItsTimeoutIsCancelledAndTheRunStops() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        Files.writeString(dir.resolve("slow.sql"), "create table hook_made (id int); select pg_sleep(60);");
        config("""
                [[hooks]]
                at = "before_run"
                sql = "slow.sql"
                timeout = "1s"
                """);

        GodwitProcess.Result r = run("migrate");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
        assertThat(r.stderr()).contains("timed out");
        assertThat(db.tableExists("public.accounts")).isFalse();
        assertThat(db.tableExists("public.hook_made")).as("the hook's transaction was rolled back").isFalse();
    }

    @Test
    void aHookWithoutACommandIsAConfigError() {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        config("""
                [[hooks]]
                at = "before_rn"
                run = "true"
                """);

        GodwitProcess.Result r = run("migrate");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("[[hooks]] #1").contains("before_run");
    }

    @Test
    void aFailingBeforeEachHookStopsBeforeItsMigrationAndKeepsTheEarlierOnes() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        write("V2__ledger.sql", "create table ledger (id bigint primary key);");
        config("""
                [[hooks]]
                name = "gate"
                at = "before_each"
                run = 'test "$GODWIT_MIGRATION_VERSION" != 2'

                [[hooks]]
                at = "on_failure"
                run = "echo on_failure $GODWIT_OUTCOME >> hooks.log"
                """);

        GodwitProcess.Result r = run("migrate", "--json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
        assertThat(json(r).get("appliedBefore").get(0).asText()).isEqualTo("V1__accounts.sql");
        assertThat(db.tableExists("public.accounts")).isTrue();
        assertThat(db.tableExists("public.ledger")).isFalse();
        assertThat(log()).contains("on_failure hook-failed");
        assertThat(db.count("select count(*) from godwit.audit_log where action = 'run_failed'"
                + " and details->>'hook' = 'gate'")).isEqualTo(1);
        JsonNode report = json(run("report", "--json"));
        assertThat(report.get("outcome").asText()).isEqualTo("hook-failed");
        assertThat(report.get("versionAfter").asText()).as("where the stopped run left the database").isEqualTo("1");
    }

    @Test
    void rollbackRunsItsOwnHooks() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        write("U1__accounts.sql", "drop table accounts;");
        assertThat(run("migrate").exitCode()).isZero();
        config("""
                [[hooks]]
                at = "before_rollback"
                run = "echo before_rollback $GODWIT_COMMAND from=$GODWIT_VERSION_BEFORE >> hooks.log"

                [[hooks]]
                at = "after_rollback"
                run = "echo after_rollback $GODWIT_OUTCOME >> hooks.log"

                [[hooks]]
                at = "before_each"
                run = "echo before_each >> hooks.log"
                """);

        GodwitProcess.Result r = run("rollback");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(db.tableExists("public.accounts")).isFalse();
        assertThat(log()).contains("before_rollback rollback from=1").contains("after_rollback done")
                .as("before_each is migrate's").doesNotContain("before_each");
    }

    @Test
    void sigtermDuringABeforeHookKillsItAndTheAfterHookStillRuns() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        config("""
                [[hooks]]
                at = "before_run"
                run = "sleep 120 & echo $! > sleeper.pid; wait"

                [[hooks]]
                at = "on_failure"
                run = "echo on_failure $GODWIT_OUTCOME >> hooks.log"
                """);
        RunningGodwit migrate = RunningGodwit.start(godwit, "migrate", "--url", url());
        Path pidFile = dir.resolve("sleeper.pid");
        long deadline = System.nanoTime() + RunningGodwit.GENEROUS.toNanos();
        while (!(Files.exists(pidFile) && !Files.readString(pidFile).isBlank())) {
            assertThat(System.nanoTime()).as("the hook started").isLessThan(deadline);
            Thread.sleep(20); // polling for the hook's own file: an observable state
        }

        migrate.signal("TERM");
        GodwitProcess.Result r = migrate.finish();

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(143);
        assertThat(r.stderr()).contains("interrupted by SIGTERM");
        assertThat(db.tableExists("public.accounts")).isFalse();
        assertThat(log()).contains("on_failure interrupted");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }
}
