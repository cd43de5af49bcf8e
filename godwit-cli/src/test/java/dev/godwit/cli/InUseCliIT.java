package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-use check before a contract migration drops a column: on a server of its own with pg_stat_statements
 * preloaded, a live client reading the column fails preflight (exit 8) with its query and calls; once the client
 * has stopped and the window starts anew (pg_stat_statements_reset(), the documented window start), it passes.
 */
class InUseCliIT {

    private static EmbeddedPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements").start();
        try (Connection c = admin("postgres"); Statement s = c.createStatement()) {
            s.execute("create database ledger");
        }
        try (Connection c = admin("ledger"); Statement s = c.createStatement()) {
            s.execute("create extension pg_stat_statements");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static Connection admin(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.getPort() + "/" + db + "?user=postgres");
    }

    private GodwitProcess.Result godwit(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = "postgres://postgres@localhost:" + pg.getPort() + "/ledger";
        return new GodwitProcess(dir).run(all);
    }

    @Test
    void aColumnReadByALiveClientFailsPreflightAndPassesOnceTheClientStopped() throws Exception {
        Files.createDirectories(dir.resolve("db/migrations"));
        Files.writeString(dir.resolve("godwit.toml"), "[preflight]\nin_use_observe = \"1s\"\nin_use_window = \"1h\"\n");
        Files.writeString(dir.resolve("db/migrations/V1__accounts.sql"),
                "create table accounts (id bigint primary key, nickname text, alias text);\n"
                + "insert into accounts values (1, 'a', 'a');\n");
        Files.writeString(dir.resolve("db/migrations/V2__drop_nickname.sql"), "-- godwit:phase contract\n"
                + "-- godwit:allow drop-column because the application reads alias since release 7\n"
                + "alter table accounts drop column nickname;\n");
        GodwitProcess.Result expand = godwit("migrate", "--phase", "expand");
        assertThat(expand.exitCode()).as(expand.toString()).isZero();

        AtomicBoolean running = new AtomicBoolean(true);
        Thread client = new Thread(() -> {
            try (Connection c = admin("ledger");
                 PreparedStatement ps = c.prepareStatement("select nickname from accounts where id = ?")) {
                while (running.get()) {
                    ps.setLong(1, 1);
                    ps.executeQuery().close();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "old-application-version");
        client.start();
        awaitCalls("select nickname from accounts where id = $1");

        GodwitProcess.Result refused = godwit("migrate", "--phase", "contract");
        running.set(false);
        client.join();

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(8);
        assertThat(refused.all()).contains("in-use").contains("accounts.nickname")
                .contains("select nickname from accounts where id = $1").contains("call(s)");
        try (Connection c = admin("ledger"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from information_schema.columns"
                    + " where table_name = 'accounts' and column_name = 'nickname'")) {
                rs.next();
                assertThat(rs.getInt(1)).isOne();
            }
            s.execute("select pg_stat_statements_reset()");
        }

        GodwitProcess.Result contract = godwit("migrate", "--phase", "contract");
        assertThat(contract.exitCode()).as(contract.toString()).isZero();
        GodwitProcess.Result preflight = godwit("preflight", "--json");
        assertThat(preflight.stdout()).doesNotContain("still in use");
    }

    /** Until pg_stat_statements has counted the client's query: the observable state the check reads. */
    private static void awaitCalls(String query) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Connection c = admin("ledger");
             PreparedStatement ps = c.prepareStatement("select coalesce(sum(calls), 0) from pg_stat_statements"
                     + " where query = ?")) {
            ps.setString(1, query);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("pg_stat_statements never counted " + query);
    }
}
