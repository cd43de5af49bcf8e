package dev.godwit.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.run.RunOutcome;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each migration starts from the same session state, whether it runs alone or after others in one run. */
@ExtendWith(PostgresExtension.class)
class SessionStateTest {

    @TempDir
    Path dir;

    TestProject project;
    TestDatabase db;

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        project = new TestProject(db, dir);
        db.execute("create schema other");
    }

    RunOutcome migrate() throws Exception {
        return new Migrate(project.setup(e -> { })).run(Optional.empty());
    }

    @Test
    void aPlainSetInOneMigrationEndsWithItWhenBothRunInOneRun() throws Exception {
        project.write("V1__settings.sql", "SET search_path = other, public;\nSET timezone = 'America/New_York';\n"
                        + "SET lock_timeout = '1h';")
                .write("V2__probe.sql", "create table probe as select current_setting('TimeZone') tz,"
                        + " current_setting('lock_timeout') lt,"
                        + " current_setting('idle_in_transaction_session_timeout') idle;")
                .write("V3__nontx.sql", "-- godwit:no-transaction\ncreate table probe3 as select"
                        + " current_setting('search_path') sp, current_setting('TimeZone') tz;");

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);

        assertThat(db.tableExists("public.probe")).as("search_path back to the connection's").isTrue();
        assertThat(db.tableExists("other.probe")).isFalse();
        assertThat(db.queryValue("select tz from public.probe")).isEqualTo(db.queryValue("show timezone"));
        assertThat(db.queryValue("select lt from public.probe")).as("Godwit's own lock_timeout, not V1's")
                .isNotEqualTo("1h");
        assertThat(db.queryValue("select idle from public.probe")).as("Godwit's own settings re-applied")
                .isEqualTo("0");
        assertThat(db.queryValue("select sp from public.probe3")).isEqualTo("\"$user\", public");
        assertThat(db.queryValue("select tz from public.probe3")).isEqualTo(db.queryValue("show timezone"));
    }

    @Test
    void theSameFilesInTwoRunsGiveTheSameResult() throws Exception {
        project.write("V1__settings.sql", "SET search_path = other, public;\nSET timezone = 'America/New_York';");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        project.write("V2__probe.sql", "create table probe as select current_setting('TimeZone') tz;");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);

        assertThat(db.tableExists("public.probe")).isTrue();
        assertThat(db.queryValue("select tz from public.probe")).isEqualTo(db.queryValue("show timezone"));
    }
}
