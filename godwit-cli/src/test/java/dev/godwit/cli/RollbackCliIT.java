package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RollbackCliIT extends CliTestBase {

    @BeforeEach
    void files() {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        write("U1__accounts.sql", "drop table accounts;");
        write("V2__transfers.sql", "create table transfers (id bigint primary key);");
        write("U2__transfers.sql", "drop table transfers;");
    }

    @Test
    void rollbackRevertsTheLastMigrationAndStatusShowsItPendingAgain() {
        assertThat(run("migrate").exitCode()).isZero();

        GodwitProcess.Result plan = run("plan", "--rollback");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.stdout()).contains("1. revert V2 transfers with U2__transfers.sql");

        GodwitProcess.Result r = run("rollback");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Rolling back").contains("reverted U2 transfers")
                .contains("1 migration(s) reverted").contains("now at version 1");
        assertThat(db.tableExists("public.transfers")).isFalse();

        JsonNode status = json(run("status", "--json"));
        assertThat(status.get("migrations").get(1).get("state").asText()).isEqualTo("pending");
        assertThat(status.get("current").asText()).isEqualTo("1");
    }

    @Test
    void aMissingDownScriptExits4AndRevertsNothing() throws Exception {
        java.nio.file.Files.delete(dir.resolve("db/migrations/U1__accounts.sql"));
        assertThat(run("migrate").exitCode()).isZero();

        GodwitProcess.Result r = run("rollback", "--to", "0");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.stderr()).contains("V1 accounts (V1__accounts.sql) has no down script").contains("U1__accounts.sql");
        assertThat(db.tableExists("public.transfers")).isTrue();
    }

    @Test
    void conflictingOptionsAreAUsageError() {
        GodwitProcess.Result r = run("rollback", "--steps", "1", "--to", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--steps or --to");
    }

    @Test
    void aFailedRunIsRolledBackAutomaticallyAndExits1SayingSo() {
        write("V3__bad.sql", "create table c (id int);\nselect nope;\n");

        GodwitProcess.Result r = run("migrate", "--json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        JsonNode doc = json(r);
        assertThat(doc.get("outcome").asText()).isEqualTo("failed");
        assertThat(doc.get("reverted").toString()).contains("U2__transfers.sql").contains("U1__accounts.sql");
        assertThat(r.stderr()).contains("rolling back the 2 migration(s)")
                .contains("rolled back what this run applied before it: U2 transfers, U1 accounts");
        assertThat(db.tableExists("public.accounts")).isFalse();
        assertThat(db.tableExists("public.c")).isFalse();
    }
}
