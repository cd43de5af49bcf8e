package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import dev.godwit.cli.RunningGodwit;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The lock session of a running {@code migrate} or {@code rollback} ends ({@code pg_terminate_backend} of the pid
 * that holds the advisory lock, as an administrator or a server timeout would): the run must notice, stop and commit
 * nothing more; a second run then takes the lock and applies each migration once. The messages must not blame a
 * server crash: only the lock's session ended.
 */
class LockLostIT extends TortureBase {

    private void file(String name, String sql) throws IOException {
        Files.writeString(migrations().resolve(name), sql);
    }

    private RunningGodwit start(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = url();
        return RunningGodwit.start(godwit, all);
    }

    private GodwitProcess.Result terminateLockSessionWhile(RunningGodwit running, String statement) throws Exception {
        Faults.awaitRunning(db, statement, running);
        int lockPid = Faults.awaitLockSession(db);
        TortureServer.asSuperuser(db).execute("select pg_terminate_backend(" + lockPid + ")");
        return record(running.finish());
    }

    private static void assertSaysLockLost(GodwitProcess.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).as(r.toString()).contains("lost the migration lock", "the server did not crash")
                .doesNotContain("the server stopped or crashed");
    }

    @Test
    void aTerminatedLockSessionDuringAMigrationStopsTheRunAndASecondRunAppliesEachOnce() throws Exception {
        config("[lint]\ngate = false\n");
        file("V1__ledger.sql", "create table ledger (entry int primary key);\ninsert into ledger values (1);\n");
        file("V2__slow.sql", "insert into ledger values (2);\nselect pg_sleep(600);\n");

        GodwitProcess.Result r = terminateLockSessionWhile(start("migrate"), "pg_sleep(600)");
        TortureSummary.count("faults injected: lock session terminated during a migration");

        assertSaysLockLost(r);
        Faults.assertNothingLeft(db, "pg_sleep(600)", r.toString());
        assertThat(db.count("select count(*) from ledger")).isOne();
        file("V2__slow.sql", "insert into ledger values (2);\n"); // never applied: may change
        GodwitProcess.Result second = run("migrate");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        Faults.assertAtMostOnce(db, second.toString());
        assertThat(db.count("select count(*) from ledger")).isEqualTo(2);
        GodwitProcess.Result verify = run("audit", "verify");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(TortureServer.asSuperuser(db).count("select count(*) from godwit.audit_log where action = 'run_failed'"))
                .isOne();
        TortureSummary.count("trials: lost lock");
    }

    @Test
    void aTerminatedLockSessionDuringAConcurrentIndexBuildStopsTheBuild() throws Exception {
        config("[lint]\ngate = false\n");
        file("V1__t.sql", "create table t (id int);\ninsert into t select g from generate_series(1, 3000) g;\n"
                + "create function slow_key(x int) returns int language plpgsql immutable as"
                + " $$ begin perform pg_sleep(0.05); return x; end $$;\n");
        file("V2__idx.sql", "-- godwit:no-transaction\ncreate index concurrently if not exists t_slow on t (slow_key(id));\n");

        GodwitProcess.Result r = terminateLockSessionWhile(start("migrate"), "create index concurrently");
        TortureSummary.count("faults injected: lock session terminated during CREATE INDEX CONCURRENTLY");

        assertSaysLockLost(r);
        Faults.assertNothingLeft(db, "create index concurrently", r.toString());
        assertThat(db.count("select count(*) from godwit.history where version = '2'")).isZero();
        file("V2__idx.sql", "-- godwit:no-transaction\ncreate index concurrently if not exists t_slow on t (id);\n");
        GodwitProcess.Result second = run("migrate");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(db.queryValue("select indisvalid from pg_index where indexrelid = 't_slow'::regclass")).isEqualTo(true);
        Faults.assertAtMostOnce(db, second.toString());
        TortureSummary.count("trials: lost lock");
    }

    @Test
    void aTerminatedLockSessionDuringARollbackStopsItAndSaysToRollBackAgain() throws Exception {
        config("[lint]\ngate = false\n");
        file("V1__a.sql", "create table a (id int);\n");
        file("V2__b.sql", "create table b (id int);\n");
        assertThat(run("migrate").exitCode()).isZero();
        file("U2__b.sql", "drop table b;\nselect pg_sleep(600);\n");

        GodwitProcess.Result r = terminateLockSessionWhile(start("rollback"), "pg_sleep(600)");
        TortureSummary.count("faults injected: lock session terminated during a rollback");

        assertSaysLockLost(r);
        assertThat(r.stderr()).contains("`godwit rollback`").doesNotContain("`godwit migrate` resumes");
        Faults.assertNothingLeft(db, "pg_sleep(600)", r.toString());
        assertThat(db.tableExists("public.b")).isTrue();
        assertThat(db.count("select count(*) from godwit.applied")).isEqualTo(2);
        TortureSummary.count("trials: lost lock");
    }

    @Test
    void serversThatEndIdleSessionsAndTransactionsDoNotEndGodwitsOwn() throws Exception {
        // What managed services set: a lock session idle for the whole run, a transaction idle between statements.
        TortureServer.asSuperuser(db).execute("alter database " + db.name() + " set idle_session_timeout = '1s'",
                "alter database " + db.name() + " set idle_in_transaction_session_timeout = '1s'");
        config("[lint]\ngate = false\n");
        file("V1__ledger.sql", "create table ledger (entry int primary key);\ninsert into ledger values (1);\n");
        file("V2__slow.sql", "select pg_sleep(3);\ninsert into ledger values (2);\n");

        GodwitProcess.Result r = run("migrate");
        TortureSummary.count("faults injected: idle_session_timeout and idle_in_transaction_session_timeout of 1s");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        Faults.assertAtMostOnce(db, r.toString());
        Faults.assertNothingLeft(db, "pg_sleep(3)", r.toString());
        assertThat(db.count("select count(*) from ledger")).isEqualTo(2);
        TortureSummary.count("trials: server timeouts");
    }

    @Test
    void aServerDefaultingToRepeatableReadMigratesWhileOthersAppendToTheAuditLog() throws Exception {
        TortureServer.asSuperuser(db).execute("alter database " + db.name()
                + " set default_transaction_isolation = 'repeatable read'");
        config("[lint]\ngate = false\n[environments.strict.audit]\nrequire_ticket = true\n");
        GodwitProcess.Result r;
        file("V1__ledger.sql", "-- godwit:lock-timeout 0\ncreate table ledger (entry int primary key);\n"
                + "insert into ledger values (1);\nselect pg_advisory_xact_lock(4242);\n");
        try (java.sql.Connection gate = TortureServer.asSuperuser(db).connect();
             java.sql.Statement g = gate.createStatement()) {
            g.execute("select pg_advisory_lock(4242)"); // the migration's transaction waits here, snapshot taken
            RunningGodwit migrate = start("migrate");
            Faults.awaitRunning(db, "pg_advisory_xact_lock(4242)", migrate);
            // Another process appends to the audit log while the migration's transaction is open: a refused command.
            GodwitProcess.Result refused = run("migrate", "--env", "strict");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
            g.execute("select pg_advisory_unlock(4242)");
            r = record(migrate.finish());
        }
        TortureSummary.count("faults injected: default_transaction_isolation = repeatable read");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        GodwitProcess.Result verify = run("audit", "verify");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(TortureServer.asSuperuser(db).queryValue("select string_agg(action, ',' order by seq) from"
                + " godwit.audit_log")).isEqualTo("run_started,refused,migration_applied,run_finished");
        Faults.assertAtMostOnce(db, r.toString());
        TortureSummary.count("trials: server settings");
    }
}
