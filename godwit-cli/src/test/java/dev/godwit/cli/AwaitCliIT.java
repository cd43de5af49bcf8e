package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** godwit await through the real jar: reached while another process migrates, a timeout, a failed migration. */
class AwaitCliIT extends CliTestBase {

    @Test
    void waitsWhileAnotherProcessMigratesAndExits0OnceTheVersionIsThere() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        write("V2__transfers.sql", "create table transfers (id bigint primary key);");
        assertThat(run("migrate", "--target", "1").exitCode()).isZero();

        RunningGodwit await = RunningGodwit.start(godwit, "await", "--version", "2", "--timeout", "3m",
                "--url", url());
        await.awaitOutput("waiting for version 2: at version 1", RunningGodwit.GENEROUS);
        GodwitProcess.Result migrate = run("migrate");
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();

        GodwitProcess.Result r = await.finish();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("reached: at version 2 (waited for 2)");
    }

    @Test
    void aVersionAlreadyReachedReturnsAtOnceInJson() {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        assertThat(run("migrate").exitCode()).isZero();

        GodwitProcess.Result r = run("await", "--version", "1", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(json(r).get("reached").asBoolean()).isTrue();
        assertThat(json(r).get("current").asText()).isEqualTo("1");
    }

    @Test
    void aTimeoutExits9AndSaysWhatItWaitedFor() {
        GodwitProcess.Result r = run("await", "--version", "5", "--timeout", "1s");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
        assertThat(r.stdout()).contains("waiting for version 5: nothing is applied yet");
        assertThat(r.stderr()).contains("version 5 not reached within 1s (exit 9)");
    }

    @Test
    void aFailedMigrationIsNamedAndNeverCountsAsReached() {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        write("V2__index.sql", "-- godwit:no-transaction\ncreate index concurrently accounts_id on accounts (id);\n"
                + "select nope from accounts;\n");
        GodwitProcess.Result m = run("migrate");
        assertThat(m.exitCode()).as(m.toString()).isEqualTo(1);

        GodwitProcess.Result r = run("await", "--version", "1", "--timeout", "1s");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
        assertThat(r.all()).contains("V2 index (V2__index.sql) failed").contains("needs `godwit repair`");
    }

    @Test
    void badArgumentsExit2() {
        GodwitProcess.Result noVersion = run("await");
        assertThat(noVersion.exitCode()).isEqualTo(2);
        assertThat(noVersion.stderr()).contains("--version");
        GodwitProcess.Result badTimeout = run("await", "--version", "1", "--timeout", "soon");
        assertThat(badTimeout.exitCode()).as(badTimeout.toString()).isEqualTo(2);
        assertThat(badTimeout.stderr()).contains("--timeout");
    }
}
