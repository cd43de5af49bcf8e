package dev.godwit.backup;

import dev.godwit.config.BackupKey;
import dev.godwit.config.BackupSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.testing.Fingerprint;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import dev.godwit.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Real pg_dump and pg_restore against the embedded server: create, verify, restore, and damage refused. */
@ExtendWith(PostgresExtension.class)
class BackupsTest {

    static final BackupKey KEY = EncryptedFormatTest.KEY;

    @TempDir
    Path dir;

    TestDatabase db;
    TestProject project;
    Path backups;

    @BeforeEach
    void ledger(TestDatabase db) {
        this.db = db;
        backups = dir.resolve("backups");
        project = new TestProject(db, dir).backup(BackupSettings.defaults(backups));
        db.execute("create table accounts (id bigint primary key, balance numeric(12,2) not null)",
                "insert into accounts select g, g * 1.5 from generate_series(1, 1000) g",
                "create schema billing",
                "create table billing.invoices (id bigint primary key, account_id bigint references accounts)",
                "insert into billing.invoices select g, g from generate_series(1, 250) g");
    }

    Backups backups(BackupSettings s) {
        project.backup(s);
        return new Backups(project.config());
    }

    Backups plain() {
        return backups(BackupSettings.defaults(backups));
    }

    Backups keyed() {
        return backups(BackupSettings.defaults(backups).withKey(Optional.of(KEY)));
    }

    static Manifest create(Backups b) throws Exception {
        return b.create(Backups.Request.manual("run-1"), n -> { });
    }

    @Test
    void anEncryptedBackupHasAManifestWithExactRowCountsAndPrivateFilesAndVerifies() throws Exception {
        Backups b = keyed();
        List<Long> progress = new ArrayList<>();
        Manifest m = b.create(new Backups.Request(Optional.of("before v2"), false, Manifest.MANUAL, "run-1",
                Optional.empty()), progress::add);

        assertThat(m.rowCounts()).containsEntry("public.accounts", 1000L).containsEntry("billing.invoices", 250L);
        assertThat(m.encrypted()).isTrue();
        assertThat(m.keyId()).isEqualTo(KEY.id());
        assertThat(m.format()).isEqualTo("custom");
        assertThat(m.label()).isEqualTo("before v2");
        assertThat(m.serverVersion()).startsWith("15.");
        assertThat(m.pgDumpVersion()).startsWith("15.");
        assertThat(m.database()).contains(db.name()).doesNotContain("password");
        Path file = backups.resolve(m.file());
        assertThat(Files.size(file)).isEqualTo(m.size());
        assertThat(progress).isNotEmpty().last().isEqualTo(m.size());
        assertThat(Files.readAllBytes(file)).startsWith("GODWITBK".getBytes());
        for (Path p : List.of(file, backups.resolve(m.id() + ".json"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
        }
        try (var files = Files.list(backups)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder(m.file(), m.id() + ".json");
        }

        Verification v = b.verify(m, Optional.empty());
        assertThat(v.ok()).as(v.toString()).isTrue();
        assertThat(v.checks()).extracting(Verification.Check::name)
                .containsExactly("size", "sha256", "decryption", "pg_restore --list");
        assertThat(b.list()).singleElement().satisfies(x -> assertThat(x.verified()).isNotNull());
    }

    @Test
    void restoreIntoANewDatabaseGivesTheSameSchemaAndData() throws Exception {
        Backups b = keyed();
        Manifest m = create(b);
        String name = db.name() + "_restored";
        try {
            Restored r = b.restoreInto(m, name);
            assertThat(r.tables()).isEqualTo(m.rowCounts().size());
            TestDatabase restored = new TestDatabase(db.host(), db.port(), name, db.user(), db.password());
            assertThat(Fingerprint.of(restored)).isEqualTo(Fingerprint.of(db));
            assertThatThrownBy(() -> b.restoreInto(m, name)).isInstanceOf(BackupException.class)
                    .hasMessageContaining("already exists");
        } finally {
            TestServer.get().drop(new TestDatabase(db.host(), db.port(), name, db.user(), db.password()));
        }
    }

    @Test
    void aFlippedByteOrATruncatedFileFailsVerifyAndRestoreWritesNothing() throws Exception {
        for (Backups b : List.of(keyed(), plain())) {
            Manifest flipped = create(b);
            Path f = backups.resolve(flipped.file());
            byte[] bytes = Files.readAllBytes(f);
            bytes[bytes.length / 2] ^= 0x10;
            Files.write(f, bytes);
            Manifest cut = create(b);
            Path g = backups.resolve(cut.file());
            byte[] whole = Files.readAllBytes(g);
            Files.write(g, java.util.Arrays.copyOf(whole, whole.length - 100));

            for (Manifest m : List.of(flipped, cut)) {
                Verification v = b.verify(m, Optional.empty());
                assertThat(v.ok()).as(v.toString()).isFalse();
                assertThat(v.firstFailure().orElseThrow().detail()).as(v.toString()).isNotBlank();
                String name = db.name() + "_bad";
                assertThatThrownBy(() -> b.restoreInto(m, name)).isInstanceOf(BackupException.class)
                        .hasMessageContaining("refusing to restore").hasMessageContaining("nothing was written");
                assertThat(TestServer.get().admin().createStatement().executeQuery(
                        "select count(*) from pg_database where datname = '" + name + "'")).satisfies(rs -> {
                            rs.next();
                            assertThat(rs.getInt(1)).isZero();
                        });
            }
        }
    }

    @Test
    void aWrongOrMissingKeyIsRefusedByVerifyAndRestore() throws Exception {
        Manifest m = create(keyed());
        Backups wrong = backups(BackupSettings.defaults(backups).withKey(Optional.of(EncryptedFormatTest.OTHER)));
        Verification v = wrong.verify(m, Optional.empty());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstFailure().orElseThrow().detail()).contains(KEY.id(), EncryptedFormatTest.OTHER.id());
        assertThatThrownBy(() -> wrong.restoreInto(m, db.name() + "_x")).hasMessageContaining("nothing was written");
        Verification none = plain().verify(m, Optional.empty());
        assertThat(none.firstFailure().orElseThrow().detail()).contains("no key is set", "GODWIT_BACKUP_KEY");
    }

    @Test
    void pgDumpFailingShowsItsMessageAndLeavesNoFile() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("fake-bin"));
        script(bin.resolve("pg_dump"), "echo 'pg_dump: error: connection to server failed: FATAL: boom' >&2; exit 1");
        script(bin.resolve("pg_restore"), "exit 0");
        Backups b = backups(BackupSettings.defaults(backups).withPgBinDir(Optional.of(bin)));
        assertThatThrownBy(() -> create(b)).isInstanceOf(BackupException.class)
                .hasMessageContaining("pg_dump exited 1").hasMessageContaining("FATAL: boom");
        try (var files = Files.list(backups)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aPgDumpOlderThanTheServerOrNoneAtAllNamesWhatToInstall() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("old-bin"));
        script(bin.resolve("pg_dump"), "echo 'pg_dump (PostgreSQL) 12.9'");
        script(bin.resolve("pg_restore"), "echo 'pg_restore (PostgreSQL) 12.9'");
        assertThatThrownBy(() -> create(backups(BackupSettings.defaults(backups).withPgBinDir(Optional.of(bin)))))
                .hasMessageContaining("too old").hasMessageContaining("12.9")
                .hasMessageContaining("install postgresql-client-15");
        Path empty = Files.createDirectories(dir.resolve("empty-bin"));
        assertThatThrownBy(() -> create(backups(BackupSettings.defaults(backups).withPgBinDir(Optional.of(empty)))))
                .hasMessageContaining("were not found").hasMessageContaining("apt-get install postgresql-client-15");
    }

    @Test
    void aFullDiskOrAFolderThatCannotBeMadeLeavesNoPartialFile() throws Exception {
        Backups b = keyed();
        BackupCreate.FileOpener full = file -> new java.io.FilterOutputStream(FolderStore.createPrivate(file)) {
            long written;

            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                written += len;
                if (written > 20_000) {
                    throw new IOException("No space left on device");
                }
                out.write(buf, off, len);
            }
        };
        db.execute("insert into accounts select g, g from generate_series(1001, 60000) g");
        assertThatThrownBy(() -> b.create(Backups.Request.manual("r"), n -> { }, full))
                .isInstanceOf(BackupException.class).hasMessageContaining("No space left on device")
                .hasMessageContaining("partial file was removed");
        try (var files = Files.list(backups)) {
            assertThat(files.toList()).isEmpty();
        }

        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where the folder should be");
        Backups c = backups(BackupSettings.defaults(blocked.resolve("backups")));
        assertThatThrownBy(() -> create(c)).hasMessageContaining("cannot create the backup folder")
                .hasMessageContaining("[backup] dir");
    }

    @Test
    void anUnknownIdIsRefusedNamingTheNewestOnes() throws Exception {
        Backups b = plain();
        assertThatThrownBy(() -> b.find("20200101T000000Z-aaaaaa")).hasMessageContaining("there are no backups");
        Manifest m = create(b);
        assertThat(b.find(m.id().substring(0, 17)).id()).isEqualTo(m.id());
        assertThatThrownBy(() -> b.find("nope")).isInstanceOf(BackupException.class)
                .hasMessageContaining(m.id()).satisfies(e ->
                        assertThat(((BackupException) e).kind()).isEqualTo(BackupException.Kind.NOT_FOUND));
    }

    static void script(Path file, String body) throws IOException {
        // Answers --version as 15.18 unless the body says its own version.
        Files.writeString(file, body.contains("(PostgreSQL)") ? "#!/bin/sh\n" + body + "\n"
                : "#!/bin/sh\nif [ \"$1\" = --version ]; then echo \"$(basename $0) (PostgreSQL) 15.18\"; exit 0; fi\n"
                        + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
}
