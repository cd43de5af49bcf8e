package dev.godwit.backup;

import dev.godwit.config.BackupSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.audit.AuditEntry;
import dev.godwit.audit.AuditLog;
import dev.godwit.execute.Migrate;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's backup step: taken and verified under the lock before anything is applied, or nothing is. */
@ExtendWith(PostgresExtension.class)
class MigrateWithBackupTest {

    @TempDir
    Path dir;

    TestDatabase db;
    TestProject project;
    Path folder;
    final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        folder = dir.resolve("backups");
        project = new TestProject(db, dir).backup(BackupSettings.defaults(folder).withBeforeMigrate(true))
                .write("V1__accounts.sql", "create table accounts (id bigint primary key);"
                        + " insert into accounts select generate_series(1, 40);");
    }

    RunOutcome migrate() throws Exception {
        return new Migrate(project.setup(events::add)).run(Optional.empty());
    }

    @Test
    void aVerifiedBackupOfTheStateBeforeTheRunIsTakenAndItsIdAudited() throws Exception {
        migrate();
        project.write("V2__note.sql", "alter table accounts add column note text;");

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);

        RunEvent.BackupTaken taken = events.stream().filter(e -> e instanceof RunEvent.BackupTaken)
                .map(RunEvent.BackupTaken.class::cast).reduce((a, b) -> b).orElseThrow();
        Manifest m = new Backups(project.config()).find(taken.id());
        assertThat(m.purpose()).isEqualTo(Manifest.PRE_MIGRATE);
        assertThat(m.migrationVersion()).isEqualTo("1");
        assertThat(m.rowCounts()).containsEntry("public.accounts", 40L);
        assertThat(m.verified()).isNotNull();
        assertThat(m.label()).contains("V2");
        assertThat(events.indexOf(taken)).isLessThan(events.indexOf(events.stream()
                .filter(e -> e instanceof RunEvent.MigrationStarted).reduce((a, b) -> b).orElseThrow()));
        try (Connection c = db.connect()) {
            List<AuditEntry> entries = new AuditLog("godwit", Optional.empty()).query(c, AuditLog.Filter.all());
            AuditEntry created = entries.stream().filter(e -> e.action().equals("backup_created"))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(created.details()).containsEntry("backup", m.id()).containsEntry("sha256", m.sha256());
            AuditEntry started = entries.stream().filter(e -> e.action().equals("run_started"))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(started.details()).containsEntry("backup", m.id());
        }
    }

    @Test
    void nothingPendingTakesNoBackup() throws Exception {
        migrate();
        events.clear();
        migrate();
        assertThat(events).noneMatch(e -> e instanceof RunEvent.BackupStarted);
        try (var files = Files.list(folder)) {
            assertThat(files.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(1);
        }
    }

    @Test
    void aBackupThatFailsEndsTheRunWithNothingApplied() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        BackupsTest.script(bin.resolve("pg_dump"), "echo 'pg_dump: error: permission denied for table x' >&2; exit 1");
        BackupsTest.script(bin.resolve("pg_restore"), "exit 0");
        project.backup(project.config().backup().withPgBinDir(Optional.of(bin)));

        RunOutcome outcome = migrate();

        assertThat(outcome).isInstanceOf(RunOutcome.BackupFailed.class);
        assertThat(((RunOutcome.BackupFailed) outcome).message()).contains("nothing was applied",
                "permission denied for table x");
        assertThat(db.tableExists("public.accounts")).isFalse();
    }
}
