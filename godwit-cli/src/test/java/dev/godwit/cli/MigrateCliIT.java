package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.godwit.lock.MigrationLock;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** migrate / status / validate / plan through the real jar, and the exit code of each way they end. */
class MigrateCliIT extends CliTestBase {

    @Test
    void migrateAppliesAndStatusReportsInJson() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key, balance numeric(12,2));");
        write("V2__transfers.sql", "create table transfers (id bigint primary key);");

        GodwitProcess.Result m = run("migrate");
        assertThat(m.exitCode()).as(m.toString()).isZero();
        assertThat(m.stdout()).contains("applied V1 accounts").contains("applied V2 transfers").contains("now at version 2");

        GodwitProcess.Result s = run("status", "--json");
        assertThat(s.exitCode()).as(s.toString()).isZero();
        JsonNode doc = json(s);
        assertThat(doc.get("current").asText()).isEqualTo("2");
        assertThat(doc.get("pending").asInt()).isZero();
        assertThat(doc.get("migrations")).hasSize(2);
        assertThat(doc.get("migrations").get(0).get("state").asText()).isEqualTo("applied");
        assertThat(doc.get("lock").isNull()).isTrue();

        GodwitProcess.Result again = run("migrate");
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).contains("Nothing to migrate: at version 2");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        write("V1__a.sql", "create table a (id int);");
        GodwitProcess.Result before = godwit.run("--url", url(), "--locations", "db/migrations", "status", "--json");
        GodwitProcess.Result after = godwit.run("status", "--json", "--url", url(), "--locations", "db/migrations");

        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(json(before)).isEqualTo(json(after));
        assertThat(json(before).get("pending").asInt()).isOne();
    }

    @Test
    void aFailingMigrationExits1AndSaysWhere() {
        write("V1__a.sql", "create table a (id int);\nselect nope from a;\n");

        GodwitProcess.Result r = run("migrate");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("V1 a failed at V1__a.sql:2:8").contains("column \"nope\" does not exist")
                .contains("rolled back");
        assertThat(db.tableExists("public.a")).isFalse();
    }

    @Test
    void anEditedMigrationFailsValidationWithExit4AndMigrateAppliesNothing() throws Exception {
        write("V1__a.sql", "create table a (id int);");
        assertThat(run("migrate").exitCode()).isZero();
        write("V1__a.sql", "create table a (id bigint);");
        write("V2__b.sql", "create table b (id int);");
        write("v3_c.sql", "select 1;");

        GodwitProcess.Result v = run("validate");
        assertThat(v.exitCode()).as(v.toString()).isEqualTo(4);
        assertThat(v.stdout()).contains("2 problem(s)").contains("changed after it was applied")
                .contains("rename it to V3__c.sql");

        GodwitProcess.Result m = run("migrate");
        assertThat(m.exitCode()).isEqualTo(4);
        assertThat(m.stderr()).contains("nothing was applied");
        assertThat(db.tableExists("public.b")).isFalse();
    }

    @Test
    void aHeldMigrationLockEndsInExit3AfterTheWait() throws Exception {
        write("V1__a.sql", "create table a (id int);");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("select pg_advisory_lock(" + MigrationLock.key("godwit") + ")");

            GodwitProcess.Result r = run("migrate", "--lock-wait", "1s");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(r.stdout()).contains("waiting for the migration lock");
            assertThat(r.stderr()).contains("still held after waiting 1s").contains("--lock-wait");
        }
        assertThat(db.tableExists("public.a")).isFalse();
    }

    @Test
    void aRunnerThatWaitedFindsNothingPendingAndExits0() throws Exception {
        write("V1__a.sql", "create table a (id int);");
        assertThat(run("migrate").exitCode()).isZero();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("select pg_advisory_lock(" + MigrationLock.key("godwit") + ")");
            // Pretend another release is rolling out: a new file that the holder would apply.
            RunningGodwit waiting = RunningGodwit.start(godwit, "migrate", "--lock-wait", "2m", "--url", url());
            // Release only once the runner says it waits for the lock (an observable state, not a fixed delay).
            waiting.awaitOutput("waiting for the migration lock", RunningGodwit.GENEROUS);
            s.execute("select pg_advisory_unlock_all()");
            GodwitProcess.Result r = waiting.finish();
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).contains("waiting for the migration lock").contains("Nothing to migrate");
        }
    }

    @Test
    void planShowsTransactionModesAndChangesNothing() {
        write("V1__a.sql", "create table a (id int);");
        write("V2__idx.sql", "create index concurrently a_id on a (id);");
        write("V3__slow.sql", "-- godwit:lock-timeout 5s\nalter table a add column b text;");

        GodwitProcess.Result r = run("plan", "--sql");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("3 migration(s) to apply")
                .contains("1. V1 a").contains("in one transaction; lock_timeout 1s")
                .contains("outside a transaction").contains("CREATE INDEX CONCURRENTLY cannot run inside a transaction block")
                .contains("lock_timeout 5s").contains("create index concurrently a_id on a (id);");
        assertThat(db.tableExists("godwit.history")).isFalse();
        assertThat(db.tableExists("public.a")).isFalse();
    }

    @Test
    void statusShowsTheLiveLockHolder() throws Exception {
        try (Connection c = db.connect()) {
            try (MigrationLock held = MigrationLock.acquire(c, "godwit",
                    new MigrationLock.Requester("carol", "deploy-1", 777, "run-abc"), java.time.Duration.ZERO, h -> { })) {
                GodwitProcess.Result r = run("status");
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.stdout()).contains("held by carol@deploy-1 (pid 777");
            }
        }
    }
}
