package dev.godwit.backup;

import dev.godwit.config.BackupSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.audit.AuditLog;
import dev.godwit.testing.Fingerprint;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import dev.godwit.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Deep verification, the directory format, restoring over the live database, and retention. */
@ExtendWith(PostgresExtension.class)
class BackupRestoreTest {

    @TempDir
    Path dir;

    TestDatabase db;
    TestProject project;
    Path folder;

    @BeforeEach
    void ledger(TestDatabase db) {
        this.db = db;
        folder = dir.resolve("backups");
        project = new TestProject(db, dir).backup(BackupSettings.defaults(folder)
                .withKey(Optional.of(EncryptedFormatTest.KEY)));
        db.execute("create table accounts (id bigint primary key, balance numeric(12,2) not null)",
                "insert into accounts select g, g from generate_series(1, 500) g",
                "create table transfers (id bigint primary key, amount numeric(12,2))",
                "insert into transfers select g, g from generate_series(1, 300) g");
    }

    Backups backups() {
        return new Backups(project.config());
    }

    @Test
    void deepVerifyRestoresIntoAnEmbeddedServerOrAScratchUrlAndComparesEveryCount() throws Exception {
        Backups b = backups();
        Manifest m = b.create(Backups.Request.manual("r"), n -> { });

        Verification embedded = b.verify(m, Optional.of(Backups.Scratch.embedded()));
        assertThat(embedded.ok()).as(embedded.toString()).isTrue();
        assertThat(embedded.checks()).extracting(Verification.Check::name).endsWith("restore", "row counts");

        Verification scratch = b.verify(m, Optional.of(new Backups.Scratch(Optional.of(
                project.connection()))));
        assertThat(scratch.ok()).as(scratch.toString()).isTrue();
        assertThat(b.find(m.id()).verified().deep()).isTrue();
    }

    @Test
    void theDirectoryFormatWithJobsRestoresToTheSameData() throws Exception {
        project.backup(project.config().backup().withJobs(2));
        Backups b = backups();
        Manifest m = b.create(Backups.Request.manual("r"), n -> { });
        assertThat(m.format()).isEqualTo("directory");
        assertThat(m.file()).endsWith(".tar.enc");
        assertThat(b.verify(m, Optional.empty()).ok()).isTrue();
        String name = db.name() + "_dir";
        try {
            b.restoreInto(m, name);
            assertThat(Fingerprint.of(new TestDatabase(db.host(), db.port(), name, db.user(), db.password())))
                    .isEqualTo(Fingerprint.of(db));
        } finally {
            TestServer.get().drop(new TestDatabase(db.host(), db.port(), name, db.user(), db.password()));
        }
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).as("no staging folder left")
                    .containsExactlyInAnyOrder(m.file(), m.id() + ".json");
        }
    }

    @Test
    void replacePutsTheDataBackUnderTheLockAndKeepsTheAuditLogGoing() throws Exception {
        AuditLog log = new AuditLog("godwit", Optional.empty());
        try (Connection c = db.connect()) {
            log.append(c, dev.godwit.audit.AuditAction.RUN_STARTED, "r1", null,
                    new dev.godwit.audit.Actor("tester", "h", Map.of(), null, null), Map.of());
        }
        Backups b = backups();
        Manifest m = b.create(Backups.Request.manual("r"), n -> { });
        String before = Fingerprint.of(db);
        db.execute("delete from transfers where id > 10", "update accounts set balance = 0",
                "create table added_later (id int)");
        try (Connection c = db.connect()) {
            log.append(c, dev.godwit.audit.AuditAction.RUN_FINISHED, "r2", null,
                    new dev.godwit.audit.Actor("tester", "h", Map.of(), null, null), Map.of());
        }

        Restored r = b.replace(m, TestProject.requester());

        assertThat(r.extra()).containsExactly("public.added_later");
        db.execute("drop table added_later");
        assertThat(Fingerprint.of(db)).isEqualTo(before);
        try (Connection c = db.connect()) {
            assertThat(log.query(c, AuditLog.Filter.all())).hasSize(2);
            assertThat(log.verify(c, Optional.empty()).intact()).isTrue();
        }
        assertThat(db.count("select count(*) from godwit.lock")).isZero();
    }

    @Test
    void pruneKeepsTheNewestVerifiedPreMigrationBackupAndThoseMarkedKeep() throws Exception {
        FolderStore store = new FolderStore(folder);
        Files.createDirectories(folder);
        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        List<Manifest> all = List.of(
                manifest("20261101T000000Z-aaaaaa", now.minus(Duration.ofDays(20)), Manifest.MANUAL, true, false),
                manifest("20261102T000000Z-bbbbbb", now.minus(Duration.ofDays(19)), Manifest.PRE_MIGRATE, false, true),
                manifest("20261103T000000Z-cccccc", now.minus(Duration.ofDays(18)), Manifest.PRE_MIGRATE, false, false),
                manifest("20261119T000000Z-dddddd", now.minus(Duration.ofDays(2)), Manifest.MANUAL, false, false),
                manifest("20261120T000000Z-eeeeee", now.minus(Duration.ofDays(1)), Manifest.MANUAL, false, false));
        for (Manifest m : all) {
            store.write(m);
        }

        Retention.Plan byCount = Retention.plan(store.list(), new Retention.Rules(1, Duration.ZERO), now);
        assertThat(byCount.remove()).extracting(Manifest::id)
                .containsExactly("20261119T000000Z-dddddd", "20261103T000000Z-cccccc");
        assertThat(byCount.kept()).containsEntry("20261101T000000Z-aaaaaa", "marked keep")
                .containsEntry("20261102T000000Z-bbbbbb", "the newest verified pre-migration backup");

        Retention.Plan byAge = Retention.plan(store.list(), new Retention.Rules(0, Duration.ofDays(7)), now);
        assertThat(byAge.remove()).extracting(Manifest::id).containsExactly("20261103T000000Z-cccccc");

        assertThat(Retention.plan(store.list(), new Retention.Rules(0, Duration.ZERO), now).remove()).isEmpty();

        // Both rules keep: the newest 1 and everything younger than 30 days keeps all but none here...
        assertThat(Retention.plan(store.list(), new Retention.Rules(1, Duration.ofDays(30)), now).remove()).isEmpty();
        // ...and the newest 1 or younger than 7 days removes only what neither keeps.
        Retention.Plan both = Retention.plan(store.list(), new Retention.Rules(1, Duration.ofDays(7)), now);
        assertThat(both.remove()).extracting(Manifest::id).containsExactly("20261103T000000Z-cccccc");
        assertThat(both.kept()).containsEntry("20261120T000000Z-eeeeee", "one of the newest 1")
                .containsEntry("20261119T000000Z-dddddd", "younger than 7d");

        // `backup keep ID` writes the flag into the manifest: prune then keeps it.
        new FolderStore(folder).write(store.find("20261103T000000Z-cccccc").withKeep(true));
        assertThat(Retention.plan(store.list(), new Retention.Rules(1, Duration.ofDays(7)), now).kept())
                .containsEntry("20261103T000000Z-cccccc", "marked keep");
    }

    static Manifest manifest(String id, Instant at, String purpose, boolean keep, boolean verified) {
        return new Manifest(Manifest.VERSION, id, "postgres://u@h:5432/d", "15.18", 15, "15.18", "1", at.toString(), 1,
                "00", false, null, "custom", 1, id + ".dump", null, keep, purpose, "r", Map.of(),
                verified ? new Manifest.Verified(at.toString(), false) : null);
    }
}
