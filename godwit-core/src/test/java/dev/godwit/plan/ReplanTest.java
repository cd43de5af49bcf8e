package dev.godwit.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.execute.Migrate;
import dev.godwit.migration.Version;
import dev.godwit.run.RunOutcome;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Planning again under the lock reads the history again, and keeps the files the run validated and linted. */
@ExtendWith(PostgresExtension.class)
class ReplanTest {

    @TempDir
    Path dir;

    @Test
    void aVersionAppliedMeanwhileLeavesAndTheFilesAreTheOnesReadFirst(TestDatabase db) throws Exception {
        TestProject project = new TestProject(db, dir)
                .write("V1__ledger.sql", "create table ledger (id int);")
                .write("V2__entry.sql", "insert into ledger values (1);");
        try (Connection c = db.connect()) {
            Planner.Planned first = Planner.plan(project.config(), c, Optional.empty(), Optional.empty());
            assertThat(first.prepared()).extracting(p -> p.script().script())
                    .containsExactly("V1__ledger.sql", "V2__entry.sql");

            // while this run waited for the lock: another run applied V1, and someone edited V2 on disk
            assertThat(new Migrate(project.setup(e -> { })).run(Optional.of(Version.parse("1"))))
                    .isInstanceOf(RunOutcome.Done.class);
            project.write("V2__entry.sql", "insert into ledger values (2);");

            Planner.Planned again = Planner.replan(first, project.config(), c, Optional.empty(), Optional.empty());
            assertThat(again.valid()).as(again.problems().toString()).isTrue();
            assertThat(again.prepared()).extracting(p -> p.script().script()).containsExactly("V2__entry.sql");
            // what the lint gate judged is what runs: the edit is the next run's checksum mismatch, not this run's SQL
            assertThat(again.prepared().get(0)).isSameAs(first.prepared().get(1));
            assertThat(Planner.plan(project.config(), c, Optional.empty(), Optional.empty()).prepared().get(0)
                    .script().checksum()).isNotEqualTo(first.prepared().get(1).script().checksum());
        }
    }
}
