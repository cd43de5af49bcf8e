package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import dev.godwit.cli.RunningGodwit;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * SIGINT (Ctrl-C) and SIGTERM (Kubernetes, on every rollout) sent to the real CLI process while a statement runs
 * on the server — seen in pg_stat_activity first, never after a fixed delay. After each: the statement is no longer
 * running, nobody holds the lock, no migration is applied twice, the audit chain verifies and records the
 * interruption, and the process ends with the documented code (130 for SIGINT, 143 for SIGTERM).
 */
class SignalIT extends TortureBase {

    private void file(String name, String sql) throws IOException {
        Files.writeString(migrations().resolve(name), sql);
    }

    private void ledgerWithSlowSecondMigration() throws IOException {
        config("[lint]\ngate = false\n");
        file("V1__ledger.sql", "create table ledger (entry int primary key);\ninsert into ledger values (1);\n");
        file("U1__ledger.sql", "drop table ledger;\n");
        file("V2__slow.sql", "create table slow (id int);\ninsert into ledger values (2);\nselect pg_sleep(600);\n");
    }

    private RunningGodwit start(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = url();
        return RunningGodwit.start(godwit, all);
    }

    private void assertAuditRecords(String... actions) {
        GodwitProcess.Result verify = run("audit", "verify");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        String log = String.valueOf(TortureServer.asSuperuser(db).queryValue(
                "select string_agg(action, ',' order by seq) from godwit.audit_log"));
        assertThat(log).contains(actions);
    }

    @Test
    void sigtermDuringALongMigrationCancelsItRevertsTheRunAndExits143() throws Exception {
        ledgerWithSlowSecondMigration();
        RunningGodwit migrate = start("migrate", "--metrics-file", dir.resolve("godwit.prom").toString());
        Faults.awaitRunning(db, "pg_sleep(600)", migrate);

        migrate.signal("TERM");
        GodwitProcess.Result r = record(migrate.finish());
        TortureSummary.count("faults injected: SIGTERM during a migration");
        assertThat(Files.readString(dir.resolve("godwit.prom"))).as("the failure alert's metric is set")
                .containsPattern("(?m)^godwit_last_failure_timestamp_seconds [1-9]");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(143);
        assertThat(r.stderr()).as(r.toString()).contains("SIGTERM received: stopping cleanly",
                "V2 slow failed at", "interrupted by SIGTERM", "cancelled on the server",
                "rolled back what this run applied before it: U1 ledger", "this run committed no migration before it",
                "the migration lock was released");
        Faults.assertNothingLeft(db, "pg_sleep(600)", r.toString());
        Faults.assertAtMostOnce(db, r.toString());
        assertThat(db.tableExists("public.slow")).isFalse();
        assertThat(db.tableExists("public.ledger")).as("V1 reverted within the grace period").isFalse();
        assertAuditRecords("migration_failed", "migration_reverted", "run_failed");
        assertThat(Files.list(dir.resolve("reports")).anyMatch(p -> p.toString().endsWith(".md"))).isTrue();
        TortureSummary.count("trials: signals");
    }

    @Test
    void sigintDuringAConcurrentIndexBuildLeavesNothingThatBlocksTheNextRun() throws Exception {
        config("[lint]\ngate = false\n");
        file("V1__t.sql", "create table t (id int);\ninsert into t select g from generate_series(1, 3000) g;\n"
                + "create function slow_key(x int) returns int language plpgsql immutable as"
                + " $$ begin perform pg_sleep(0.05); return x; end $$;\n");
        file("V2__idx.sql", "-- godwit:no-transaction\ncreate index concurrently if not exists t_slow on t (slow_key(id));\n");
        RunningGodwit migrate = start("migrate");
        Faults.awaitRunning(db, "create index concurrently", migrate);

        migrate.signal("INT");
        GodwitProcess.Result r = record(migrate.finish());
        TortureSummary.count("faults injected: SIGINT during CREATE INDEX CONCURRENTLY");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(130);
        assertThat(r.stderr()).as(r.toString()).contains("interrupted by SIGINT", "no failed history row was written",
                "dropped by the next run");
        Faults.assertNothingLeft(db, "create index concurrently", r.toString());
        assertThat(db.count("select count(*) from godwit.history where version = '2'")).isZero();
        assertThat(db.count("select count(*) from godwit.applied where version = '2'")).as("the claim was released").isZero();

        // The next run (the file made fast meanwhile: it was never applied) drops the INVALID index and builds it.
        file("V2__idx.sql", "-- godwit:no-transaction\ncreate index concurrently if not exists t_slow on t (id);\n");
        GodwitProcess.Result next = run("migrate");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(db.queryValue("select indisvalid from pg_index where indexrelid = 't_slow'::regclass")).isEqualTo(true);
        Faults.assertAtMostOnce(db, next.toString());
        assertAuditRecords("migration_failed", "run_failed", "migration_applied");
        TortureSummary.count("trials: signals");
    }

    @Test
    void sigtermDuringARollbackStopsItAndSaysToRollBackAgain() throws Exception {
        config("[lint]\ngate = false\n");
        file("V1__a.sql", "create table a (id int);\n");
        file("V2__b.sql", "create table b (id int);\n");
        assertThat(run("migrate").exitCode()).isZero();
        file("U2__b.sql", "drop table b;\nselect pg_sleep(600);\n");
        RunningGodwit rollback = start("rollback");
        Faults.awaitRunning(db, "pg_sleep(600)", rollback);

        rollback.signal("TERM");
        GodwitProcess.Result r = record(rollback.finish());
        TortureSummary.count("faults injected: SIGTERM during a rollback");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(143);
        assertThat(r.stderr()).as(r.toString()).contains("interrupted by SIGTERM", "`godwit rollback`")
                .doesNotContain("`godwit migrate` resumes");
        Faults.assertNothingLeft(db, "pg_sleep(600)", r.toString());
        assertThat(db.tableExists("public.b")).as("the revert was rolled back").isTrue();
        assertThat(db.count("select count(*) from godwit.applied")).isEqualTo(2);
        assertAuditRecords("migration_failed", "run_failed");
        TortureSummary.count("trials: signals");
    }

    @Test
    void aSecondSignalExitsAtOnceAndStillCancelsTheStatementOnTheServer() throws Exception {
        ledgerWithSlowSecondMigration();
        // A grace period long enough for any machine: the revert must start, so that the second signal cuts it off.
        config("[lint]\ngate = false\n[migrations]\nstop_grace = \"5m\"\n");
        file("U1__ledger.sql", "select pg_sleep(601);\ndrop table ledger;\n"); // a slow revert, for the second signal
        RunningGodwit migrate = start("migrate");
        Faults.awaitRunning(db, "pg_sleep(600)", migrate);
        migrate.signal("TERM");
        Faults.awaitRunning(db, "pg_sleep(601)", migrate); // the clean stop is reverting V1

        migrate.signal("TERM");
        GodwitProcess.Result r = record(migrate.finish());
        TortureSummary.add("faults injected: second SIGTERM during the clean stop", 1);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(143);
        assertThat(r.stderr()).contains("SIGTERM again: stopping at once");
        Faults.assertNothingLeft(db, "pg_sleep(60", r.toString());
        Faults.assertAtMostOnce(db, r.toString());
        assertThat(db.tableExists("public.ledger")).as("the revert was cut off and rolled back").isTrue();
        assertThat(db.count("select count(*) from godwit.applied")).isOne();
        TortureSummary.count("trials: signals");
    }
}
