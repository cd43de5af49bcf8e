package dev.godwit.execute;

import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.SafetySettings;
import dev.godwit.snapshot.SnapshotOutcome;
import dev.godwit.testing.Fingerprint;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** migrate drops a column; the copy Godwit took lets the down script put every value back. */
@ExtendWith(PostgresExtension.class)
class SnapshotRestoreTest {

    @TempDir
    Path dir;

    TestDatabase db;
    TestProject project;
    final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        db.execute("create table accounts (id bigint primary key, note text)",
                "insert into accounts select g, 'note ' || g from generate_series(1, 300) g");
        project = new TestProject(db, dir)
                .write("V7__drop_account_note.sql", "alter table accounts drop column note;")
                .write("U7__drop_account_note.sql", """
                        do $$
                        declare snap text;
                        begin
                          select name into strict snap from godwit_snapshots.snapshots
                           where version = '7' and source_table = 'accounts' and reason = 'DROP COLUMN accounts.note'
                           order by created_at desc limit 1;
                          alter table accounts add column note text;
                          execute format('update accounts a set note = s.note from godwit_snapshots.%I s where s.id = a.id', snap);
                        end $$;
                        """);
    }

    RunOutcome migrate() throws Exception {
        return new Migrate(project.setup(events::add)).run(Optional.empty());
    }

    @Test
    void aDroppedColumnIsCopiedFirstAndTheDownScriptRestoresItExactly() throws Exception {
        String before = Fingerprint.of(db);

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(RunEvent.SnapshotTaken.class,
                t -> assertThat(t.outcome()).isInstanceOfSatisfying(SnapshotOutcome.Taken.class,
                        taken -> assertThat(taken.snapshot().rows()).isEqualTo(300))));
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'accounts'"
                + " and column_name = 'note'")).isZero();
        assertThat((String) db.queryValue("select details->'snapshots'->>0 from godwit.audit_log"
                + " where action = 'migration_applied'")).isEqualTo(
                db.queryValue("select name from godwit_snapshots.snapshots"));

        RunOutcome back = new Rollback(project.setup(events::add))
                .run(new Rollback.Request(Optional.empty(), Optional.empty()));

        assertThat(back).isInstanceOf(RunOutcome.Done.class);
        assertThat(Fingerprint.of(db)).isEqualTo(before);
    }

    @Test
    void neverTakesNoCopy() throws Exception {
        project.safety(new SafetySettings(SafetySettings.OnFailure.ROLLBACK_RUN, SafetySettings.SnapshotMode.NEVER, 0));

        migrate();

        assertThat(events).noneMatch(RunEvent.SnapshotTaken.class::isInstance);
        assertThat(db.tableExists("godwit_snapshots.snapshots")).isFalse();
    }

    @Test
    void aRolledBackMigrationLeavesNoSnapshot() throws Exception {
        project.write("V7__drop_account_note.sql", "alter table accounts drop column note;\nselect nope;");

        assertThat(migrate()).isInstanceOf(RunOutcome.Failed.class);

        assertThat(db.tableExists("godwit_snapshots.snapshots")).isFalse();
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'accounts'"
                + " and column_name = 'note'")).isOne();
    }
}
