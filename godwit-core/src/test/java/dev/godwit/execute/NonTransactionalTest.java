package dev.godwit.execute;

import dev.godwit.plan.Planner;
import dev.godwit.run.Failure;
import dev.godwit.run.RunOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.history.HistoryTable;
import dev.godwit.history.Repair;
import dev.godwit.migration.MigrationScanner;
import dev.godwit.migration.MigrationState;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class NonTransactionalTest {

    @TempDir
    Path dir;

    TestDatabase db;
    TestProject project;

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        db.execute("create table accounts (id bigint primary key, email text)",
                "insert into accounts values (1, 'a@example.com'), (2, 'a@example.com')");
        project = new TestProject(db, dir);
    }

    private RunOutcome migrate() throws Exception {
        return new Migrate(project.setup(e -> { }))
                .run(Optional.empty());
    }

    @Test
    void concurrentlyRunsOutsideATransactionAndIsRecorded() throws Exception {
        project.write("V1__index.sql", "create index concurrently accounts_email_idx on accounts (email);");

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);

        assertThat(db.count("select count(*) from pg_indexes where indexname = 'accounts_email_idx'")).isOne();
        assertThat(db.count("select count(*) from godwit.history where success")).isOne();
    }

    @Test
    void anInvalidIndexLeftByAnInterruptedBuildIsDroppedAndBuiltAgain() throws Exception {
        // What a kill -9 or a server crash in the middle of the build leaves: an INVALID index, no history row.
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("create unique index concurrently accounts_email_key on accounts (email)");
        } catch (java.sql.SQLException expected) {
            // duplicate key: the build failed and left the index INVALID
        }
        assertThat(db.count("select count(*) from pg_index where not indisvalid")).isOne();
        db.execute("delete from accounts where id = 2");
        project.write("V1__unique_email.sql", "create unique index concurrently if not exists accounts_email_key"
                + " on accounts (email);\n");

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);

        assertThat(db.queryValue("select indisvalid from pg_index where indexrelid = 'accounts_email_key'::regclass"))
                .isEqualTo(true);
    }

    @Test
    void aFailedUniqueBuildLeavesNoInvalidIndexRecordsWhereItStoppedAndCanBeRepairedAndRerun() throws Exception {
        project.write("V1__unique_email.sql", "alter table accounts add column note text;\n"
                + "create unique index concurrently accounts_email_key on accounts (email);\n");

        RunOutcome outcome = migrate();

        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        Failure f = ((RunOutcome.Failed) outcome).failure();
        assertThat(f.rolledBack()).isFalse();
        assertThat(f.location()).startsWith("V1__unique_email.sql:2:");
        assertThat(f.message()).contains("23505");
        assertThat(f.leftBehind()).anySatisfy(l -> assertThat(l).contains("statements 1–1 of 2 were applied"));
        assertThat(f.leftBehind()).anySatisfy(l -> assertThat(l).contains("INVALID index accounts_email_key"));
        assertThat(db.count("select count(*) from pg_index where not indisvalid")).isZero();
        assertThat(db.queryValue("select failure from godwit.history where not success"))
                .isEqualTo("statement 2 of 2 (V1__unique_email.sql:2:1)");
        assertThat(Planner.plan(project.config(), db.connect(), Optional.empty()).plan().entries())
                .singleElement().extracting(e -> e.state()).isEqualTo(MigrationState.FAILED);
        assertThat(migrate()).as("a failed row stops the next run").isInstanceOf(RunOutcome.Invalid.class);

        // The operator fixes the data and makes the file safe to re-run, then repairs.
        db.execute("update accounts set email = 'b@example.com' where id = 2");
        project.write("V1__unique_email.sql", "alter table accounts add column if not exists note text;\n"
                + "create unique index concurrently accounts_email_key on accounts (email);\n");
        try (Connection c = db.connect()) {
            Repair.Result r = Repair.run(c, new HistoryTable("godwit"),
                    MigrationScanner.scanLocations(project.config().locations()), Optional.empty());
            assertThat(r.changes()).singleElement().asString().contains("removed the failed row of V1");
        }
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(db.count("select count(*) from pg_indexes where indexname = 'accounts_email_key'")).isOne();
    }

    /** Issue 20 item 8: nothing of it ran, so nothing needs repair; the next migrate simply tries it again. */
    @Test
    void aNonTransactionalMigrationWhoseFirstStatementFailedIsRetriedByTheNextRun() throws Exception {
        project.write("V1__index.sql", "create index concurrently ledger_amount_idx on ledger (amount);");

        assertThat(migrate()).isInstanceOf(RunOutcome.Failed.class);
        assertThat(db.count("select count(*) from godwit.history")).isZero();
        assertThat(db.count("select count(*) from godwit.audit_log where action = 'migration_failed'")).isOne();

        db.execute("create table ledger (id bigint primary key, amount numeric(12,2))");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(db.count("select count(*) from godwit.history where success")).isOne();
    }

    @Test
    void oneThatFailedAfterItsFirstStatementStillNeedsRepair() throws Exception {
        project.write("V1__two.sql", "-- godwit:no-transaction\ncreate table t1 (id int);\ncreate table t1 (id int);");
        assertThat(migrate()).isInstanceOf(RunOutcome.Failed.class);
        assertThat(db.count("select count(*) from godwit.history where not success")).isOne();
    }
}
