package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A non-transactional migration that fails: {@code CREATE UNIQUE INDEX CONCURRENTLY} on a column with
 * duplicates. PostgreSQL leaves an INVALID index behind; Godwit reports it (and drops it), records a failed
 * history row, and once the data is fixed, {@code repair} and a re-run apply the migration.
 */
class InvalidIndexIT extends TortureBase {

    @Test
    void aFailedConcurrentUniqueIndexIsReportedAndTheRerunAfterFixingTheDataSucceeds() throws IOException {
        Files.writeString(migrations().resolve("V1__accounts.sql"), "create table accounts (id bigint primary key,"
                + " email text not null);\ninsert into accounts select g, 'user' || g || '@example.com'"
                + " from generate_series(1, 5000) g;\ninsert into accounts values (5001, 'user17@example.com');\n");
        Files.writeString(migrations().resolve("V2__unique_email.sql"), "-- godwit:no-transaction\n"
                + "create unique index concurrently accounts_email_key on accounts (email);\n");

        GodwitProcess.Result failed = run("migrate");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.stderr()).as(failed.toString())
                .contains("V2__unique_email.sql", "could not create unique index", "23505",
                        "the INVALID index accounts_email_key left by the failed build was dropped",
                        "a failed history row records it");
        assertThat(db.count("select count(*) from pg_index where not indisvalid")).isZero();
        assertThat(db.count("select count(*) from godwit.history where version = '2' and not success")).isOne();
        TortureSummary.count("faults injected: duplicate keys under a concurrent unique index");

        GodwitProcess.Result blocked = run("migrate");
        assertThat(blocked.exitCode()).as("a failed row stops the next run until repaired: " + blocked).isEqualTo(4);

        db.execute("delete from accounts where id = 5001");
        GodwitProcess.Result repaired = run("repair");
        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        GodwitProcess.Result rerun = run("migrate");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(db.queryValue("select indisvalid from pg_index where indexrelid = 'accounts_email_key'::regclass"))
                .isEqualTo(true);
        assertThat(db.count("select count(*) from godwit.history where version = '2' and success")).isOne();
    }
}
