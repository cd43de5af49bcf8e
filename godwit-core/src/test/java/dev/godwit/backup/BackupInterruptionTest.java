package dev.godwit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.BackupSettings;
import dev.godwit.base.Cancellation;
import dev.godwit.testing.Await;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop request (what SIGINT/SIGTERM raise in the CLI) while pg_dump or pg_restore runs: the child is stopped, the
 * operation ends as interrupted, and nothing partial, staged or decrypted is left; an immediate exit (a second
 * signal) still removes the files. pg_dump and pg_restore are held on a table lock the test takes, so they are
 * certainly running when the request comes.
 */
@ExtendWith(PostgresExtension.class)
class BackupInterruptionTest {

    @TempDir
    Path dir;

    TestDatabase db;
    TestProject project;
    Path folder;
    Cancellation cancel = new Cancellation();

    @BeforeEach
    void ledger(TestDatabase db) {
        this.db = db;
        folder = dir.resolve("backups");
        project = new TestProject(db, dir).backup(BackupSettings.defaults(folder).withKey(Optional.of(EncryptedFormatTest.KEY)));
        db.execute("create table accounts (id bigint primary key, balance numeric(12,2) not null)",
                "insert into accounts select g, g from generate_series(1, 5000) g");
    }

    private Backups backups() {
        return new Backups(project.config(), cancel);
    }

    private static Connection holdingLock(TestDatabase db, String mode) throws Exception {
        Connection c = db.connect();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("lock table accounts in " + mode + " mode");
        }
        return c;
    }

    @Test
    void aStopWhilePgDumpRunsStopsItAndKeepsNothing() throws Exception {
        for (Optional<Integer> jobs : List.of(Optional.<Integer>empty(), Optional.of(2))) {
            cancel = new Cancellation();
            try (Connection lock = holdingLock(db, "access exclusive")) {
                CompletableFuture<Manifest> create = CompletableFuture.supplyAsync(() -> call(() -> backups().create(
                        new Backups.Request(Optional.empty(), false, Manifest.MANUAL, "r", jobs), n -> { })));
                Await.until("pg_dump waiting for the table lock", () -> Waits.waitingOnLock(db, "godwit-backup"));
                List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
                assertThat(children).as("pg_dump runs").isNotEmpty();

                cancel.request("SIGTERM");

                BackupException e = failure(create);
                assertThat(e.kind()).isEqualTo(BackupException.Kind.INTERRUPTED);
                assertThat(e.getMessage()).startsWith("interrupted by SIGTERM: ").contains("nothing was kept", "removed");
                assertThat(children).as("no pg_dump outlives the request").noneMatch(ProcessHandle::isAlive);
                try (Stream<Path> left = Files.list(folder)) {
                    assertThat(left).as(jobs.toString()).isEmpty();
                }
                lock.rollback();
            }
            Await.until("pg_dump's sessions ended", () -> Waits.sessions(db, "godwit-backup") == 0);
        }
    }

    @Test
    void anImmediateExitKillsPgDumpAndRemovesTheStagingFolder() throws Exception {
        try (Connection lock = holdingLock(db, "access exclusive")) {
            CompletableFuture<Manifest> create = CompletableFuture.supplyAsync(() -> call(() -> backups().create(
                    new Backups.Request(Optional.empty(), false, Manifest.MANUAL, "r", Optional.of(2)), n -> { })));
            Await.until("pg_dump waiting for the table lock", () -> Waits.waitingOnLock(db, "godwit-backup"));
            try (Stream<Path> s = Files.list(folder)) {
                assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".staging"));
            }
            List<ProcessHandle> children = ProcessHandle.current().descendants().toList();

            cancel.hardExit(); // what a second signal runs before the process halts

            assertThat(files(folder)).as("removed before hardExit returns").noneMatch(n -> n.endsWith(".staging")
                    || n.endsWith(".partial"));
            assertThat(children).noneMatch(ProcessHandle::isAlive);
            lock.rollback();
            assertThat(failure(create).kind()).isEqualTo(BackupException.Kind.FAILED);
        }
    }

    @Test
    void aStopWhilePgRestoreReplacesTheDatabaseRollsItBackAndReleasesTheLockAfterItsSessionEnded() throws Exception {
        Backups b = backups();
        Manifest m = b.create(new Backups.Request(Optional.empty(), false, Manifest.MANUAL, "r", Optional.of(2)), n -> { });
        db.execute("update accounts set balance = 0 where id <= 10");
        String tmp = System.getProperty("java.io.tmpdir");
        try (Connection reader = holdingLock(db, "access share")) {
            CompletableFuture<Restored> replace = CompletableFuture.supplyAsync(() -> call(() -> b.replace(m,
                    TestProject.requester())));
            Await.until("pg_restore waiting to drop the table", () -> Waits.waitingOnLock(db, "godwit-backup-restore-%"));
            assertThat(decryptedCopies(tmp, m)).as("the unpacked directory dump").isNotEmpty();

            cancel.request("SIGINT");

            BackupException e = failure(replace);
            assertThat(e.kind()).isEqualTo(BackupException.Kind.INTERRUPTED);
            assertThat(e.getMessage()).contains("interrupted by SIGINT", "is as it was before",
                    "released after pg_restore's session had ended");
            assertThat(Waits.sessions(db, "godwit-backup%")).as("no restore session when the lock is free").isZero();
            assertThat(db.count("select count(*) from pg_locks where locktype = 'advisory'")).isZero();
            assertThat(decryptedCopies(tmp, m)).isEmpty();
            reader.rollback();
        }
        assertThat(db.count("select count(*) from accounts where balance = 0")).as("the change after the backup stays")
                .isEqualTo(10);
        assertThat(db.count("select count(*) from accounts")).isEqualTo(5000);
    }

    static List<String> files(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".json")
                    && !n.matches(".*\\.(dump|tar)(\\.enc)?")).toList();
        }
    }

    static List<Path> decryptedCopies(String tmp, Manifest m) throws Exception {
        try (Stream<Path> s = Files.list(Path.of(tmp))) {
            return s.filter(p -> p.getFileName().toString().startsWith("godwit-" + m.id())).toList();
        }
    }

    interface Call<T> {
        T call() throws Exception;
    }

    static <T> T call(Call<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    static BackupException failure(CompletableFuture<?> f) throws Exception {
        try {
            Object r = f.get(2, TimeUnit.MINUTES);
            throw new AssertionError("expected a failure, got " + r);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BackupException b) {
                return b;
            }
            throw e;
        }
    }
}
