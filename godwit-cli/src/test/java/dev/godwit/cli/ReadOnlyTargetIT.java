package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.testing.HotStandby;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read-only targets and HA URLs, against a real hot standby made with pg_basebackup: migrate, preflight, baseline
 * and repair on the standby are refused before anything runs (exit 8, naming pg_is_in_recovery()); a URL that names
 * the standby first and the primary second, with target_session_attrs=read-write, migrates and backs up the primary;
 * so does a service from pg_service.conf. A database with default_transaction_read_only = on is refused the same way.
 */
@ExtendWith(PostgresExtension.class)
class ReadOnlyTargetIT {

    static HotStandby pair;

    @TempDir
    Path dir;

    @BeforeAll
    static void servers() throws Exception {
        pair = HotStandby.start();
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private GodwitProcess godwit() throws Exception {
        Files.createDirectories(dir.resolve("db/migrations"));
        return new GodwitProcess(dir);
    }

    private void write(String name, String sql) throws Exception {
        Files.writeString(dir.resolve("db/migrations").resolve(name), sql);
    }

    private static String url(int... ports) {
        StringBuilder hosts = new StringBuilder();
        for (int p : ports) {
            hosts.append(hosts.length() == 0 ? "" : ",").append("localhost:").append(p);
        }
        return "postgres://postgres@" + hosts + "/" + HotStandby.DATABASE;
    }

    @Test
    void theStandbyIsRefusedAndAnHaUrlOrAServicePicksThePrimary() throws Exception {
        GodwitProcess godwit = godwit();
        write("V1__accounts.sql", "create table accounts (id bigint primary key);\n");
        String standby = url(pair.standbyPort());

        for (String[] args : new String[][] {{"migrate"}, {"migrate", "--skip-preflight"}, {"preflight"},
                {"baseline", "--version", "1"}, {"repair"}}) {
            GodwitProcess.Result r = godwit.run(concat(args, "--url", standby));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NOT_READY);
            assertThat(r.all()).as(r.toString()).contains("hot standby (pg_is_in_recovery() is true)",
                    "target_session_attrs=read-write").doesNotContain("25006", "did not expect");
        }

        String ha = url(pair.standbyPort(), pair.primaryPort()) + "?target_session_attrs=read-write";
        GodwitProcess.Result migrated = godwit.run("migrate", "--url", ha);
        assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
        assertThat(pair.primaryDb().tableExists("public.accounts")).isTrue();
        pair.awaitReplay();
        assertThat(pair.standbyDb().count("select count(*) from godwit.history where version = '1' and success"))
                .as("applied on the primary, replayed on the standby").isOne();

        GodwitProcess.Result backup = godwit.run("backup", "create", "--jobs", "2", "--url", ha);
        assertThat(backup.exitCode()).as("pg_dump goes to the server the snapshot is on: " + backup).isZero();

        Path services = Files.writeString(dir.resolve("pg_service.conf"), String.join("\n", "[ledger]",
                "host=localhost,localhost", "port=" + pair.standbyPort() + "," + pair.primaryPort(),
                "dbname=" + HotStandby.DATABASE, "user=postgres", "target_session_attrs=read-write", ""));
        godwit.env("PGSERVICEFILE", services.toString());
        write("V2__note.sql", "alter table accounts add column note text;\n");
        GodwitProcess.Result viaService = godwit.run("migrate", "--url", "service=ledger");
        assertThat(viaService.exitCode()).as(viaService.toString()).isZero();
        GodwitProcess.Result status = godwit.env("PGSERVICE", "ledger").run("status");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).contains("V2", "applied");
        assertThat(pair.primaryDb().count("select count(*) from godwit.history where success")).isEqualTo(2);
    }

    @Test
    void aDatabaseWhoseTransactionsAreReadOnlyIsRefused(TestDatabase db) throws Exception {
        GodwitProcess godwit = godwit();
        write("V1__accounts.sql", "create table accounts (id bigint primary key);\n");
        db.execute("alter database " + db.name() + " set default_transaction_read_only = on");
        try {
            for (String[] args : new String[][] {{"migrate"}, {"migrate", "--skip-preflight"}, {"baseline", "--version", "1"}}) {
                GodwitProcess.Result r = godwit.run(concat(args, "--url", db.postgresUrl()));
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NOT_READY);
                assertThat(r.all()).as(r.toString()).contains("transaction_read_only is on",
                        "default_transaction_read_only = on, set in database");
            }
            assertThat(db.tableExists("public.accounts")).isFalse();
        } finally {
            db.execute("set default_transaction_read_only = off",
                    "alter database " + db.name() + " set default_transaction_read_only = off");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
