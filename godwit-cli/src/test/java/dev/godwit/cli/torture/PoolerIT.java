package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.godwit.cli.GodwitProcess;
import dev.godwit.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PgBouncer between Godwit and PostgreSQL. In transaction mode a session advisory lock cannot keep two runs apart,
 * so Godwit must refuse before anything runs (exit 2), naming {@code [database] migration_url}; with the same
 * configuration and a direct migration_url it works. In session mode it simply works. Two runs at once each time,
 * with application traffic on the pool, and each migration applied at most once.
 */
class PoolerIT extends TortureBase {

    @BeforeEach
    void needsPgBouncer() {
        assumeTrue(PgBouncer.installed(), "pgbouncer is not installed (apt-get install pgbouncer; .ci/run does)");
    }

    private void ledger() throws IOException {
        config("[lint]\ngate = false\n");
        Files.writeString(migrations().resolve("V1__ledger.sql"), "create table ledger (entry int primary key);\n");
        Files.writeString(migrations().resolve("V2__entry.sql"), "insert into ledger values (1);\nselect pg_sleep(0.5);\n");
        Files.writeString(migrations().resolve("V3__entry.sql"), "insert into ledger values (2);\n");
    }

    private String through(PgBouncer bouncer) {
        return "postgres://" + db.user() + ":" + db.password() + "@127.0.0.1:" + bouncer.port() + "/" + db.name();
    }

    /** Two migrates at once through {@code url}, while an application keeps a few transactions going on the pool. */
    private List<GodwitProcess.Result> twoAtOnce(String url) throws Exception {
        List<CompletableFuture<GodwitProcess.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> record(godwit.run("migrate", "--url", url, "--lock-wait", "60s"))));
        }
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            TestDatabase app = new TestDatabase("127.0.0.1", Integer.parseInt(url.replaceAll(".*:(\\d+)/.*", "$1")),
                    db.name(), db.user(), db.password());
            for (int i = 0; i < 20 && runs.stream().anyMatch(r -> !r.isDone()); i++) {
                app.queryValue("select 1");
            }
        });
        List<GodwitProcess.Result> results = new ArrayList<>();
        for (CompletableFuture<GodwitProcess.Result> r : runs) {
            results.add(r.get());
        }
        traffic.get();
        return results;
    }

    @Test
    void transactionPoolingIsRefusedBeforeAnythingRunsAndMigrationUrlFixesIt() throws Exception {
        ledger();
        try (PgBouncer bouncer = PgBouncer.start("transaction", TortureServer.get().port(), db.user(), db.password())) {
            List<GodwitProcess.Result> results = twoAtOnce(through(bouncer) + "?prepareThreshold=0");
            TortureSummary.add("faults injected: PgBouncer in transaction mode (runs)", results.size());
            for (GodwitProcess.Result r : results) {
                // Refused before anything runs (2); or, when other clients' traffic hid the pooler from every round of
                // the probe, stopped at the first COMMIT's check that the lock's connection did not move (1).
                assertThat(r.exitCode()).as(r + "\n--- pgbouncer\n" + bouncer.log()).isIn(1, 2);
                assertThat(r.stderr()).contains("transaction mode", "[database] migration_url", "GODWIT_MIGRATION_URL");
                TortureSummary.count(r.exitCode() == 2 ? "pooler refused before anything ran"
                        : "pooler stopped at the first COMMIT");
            }
            Faults.assertAtMostOnce(db, results.toString());
            assertThat(db.tableExists("public.ledger")).as("nothing ran").isFalse();
            Faults.assertNothingLeft(db, "pg_sleep", results.toString());

            // Without prepareThreshold=0 pgjdbc's prepared statements fail on the pool: still exit 2, not 1.
            GodwitProcess.Result plain = record(godwit.run("migrate", "--url", through(bouncer), "--lock-wait", "10s"));
            assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(2);
            TortureSummary.count("faults injected: PgBouncer in transaction mode (runs)");

            // The application keeps the pooled URL; Godwit is given a direct one.
            config("[lint]\ngate = false\n[database]\nurl = \"" + through(bouncer) + "\"\nmigration_url = \"" + url() + "\"\n");
            GodwitProcess.Result direct = record(godwit.run("migrate"));
            assertThat(direct.exitCode()).as(direct.toString()).isZero();
            assertThat(db.count("select count(*) from ledger")).isEqualTo(2);
            Faults.assertAtMostOnce(db, direct.toString());
        }
        TortureSummary.count("trials: poolers");
    }

    @Test
    void sessionPoolingWorksAndTwoRunsApplyEachMigrationOnce() throws Exception {
        ledger();
        try (PgBouncer bouncer = PgBouncer.start("session", TortureServer.get().port(), db.user(), db.password())) {
            List<GodwitProcess.Result> results = twoAtOnce(through(bouncer));
            TortureSummary.add("faults injected: PgBouncer in session mode (runs)", results.size());
            for (GodwitProcess.Result r : results) {
                assertThat(r.exitCode()).as(r + "\n--- pgbouncer\n" + bouncer.log()).isZero();
            }
            assertThat(results.stream().filter(r -> r.stdout().contains("3 migration(s) applied")).count())
                    .as(results.toString()).isOne();
            assertThat(db.count("select count(*) from ledger")).isEqualTo(2);
            Faults.assertAtMostOnce(db, results.toString());
            Faults.assertNothingLeft(db, "pg_sleep", results.toString());
        }
        TortureSummary.count("trials: poolers");
    }
}
