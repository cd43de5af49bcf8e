package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A non-transactional migration that fails: {@code CREATE UNIQUE INDEX CONCURRENTLY} on a column with
 * duplicates. PostgreSQL leaves an INVALID index behind; Godwit reports it and drops it. Since nothing of the
 * migration is then left, no failed history row is written (issue 20): the next run simply tries it again, and once
 * the data is fixed, it applies.
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
                        "no failed history row was written, since nothing of it is left");
        assertThat(db.count("select count(*) from pg_index where not indisvalid")).isZero();
        assertThat(db.count("select count(*) from godwit.history where version = '2'")).isZero();
        assertThat(db.count("select count(*) from godwit.audit_log where action = 'migration_failed'")).isOne();
        TortureSummary.count("faults injected: duplicate keys under a concurrent unique index");

        GodwitProcess.Result again = run("migrate");
        assertThat(again.exitCode()).as("tried again, it fails again while the duplicates are there: " + again)
                .isEqualTo(1);

        db.execute("delete from accounts where id = 5001");
        GodwitProcess.Result rerun = run("migrate");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(db.queryValue("select indisvalid from pg_index where indexrelid = 'accounts_email_key'::regclass"))
                .isEqualTo(true);
        assertThat(db.count("select count(*) from godwit.history where version = '2' and success")).isOne();
    }
}
