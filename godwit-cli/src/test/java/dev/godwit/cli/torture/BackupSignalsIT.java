package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import dev.godwit.testing.Await;
import dev.godwit.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIGINT/SIGTERM to the real CLI while pg_dump or pg_restore runs, and kill -9 (what a power loss does to the
 * process): the child is stopped, the exit code is 128 + the signal with a message saying what was stopped, no
 * child process, partial file, unencrypted staging folder or decrypted temporary copy is left, the migration lock is
 * free and the audit log records the interrupted restore; what kill -9 leaves, the next backup command removes and
 * names. pg_dump and pg_restore are held on a table lock the test takes, so they are observably running (waiting in
 * pg_stat_activity) when the signal comes; nothing here waits for a fixed time.
 */
class BackupSignalsIT extends TortureBase {

    Path tmp;

    @BeforeEach
    void ledger() throws IOException {
        tmp = Files.createDirectories(dir.resolve("tmp"));
        // Decrypted temporary copies go here, where the test can see them.
        godwit.env("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
        TortureServer.asSuperuser(db).execute("create table accounts (id bigint primary key, balance numeric(12,2))",
                "alter table accounts owner to " + TortureServer.ROLE,
                "insert into accounts select g, g from generate_series(1, 20000) g");
    }

    @Test
    void aSignalDuringBackupCreateStopsPgDumpAndKeepsNothing() throws Exception {
        record Case(String signal, int exit, List<String> args) {}
        for (Case c : List.of(new Case("TERM", 143, List.of()), new Case("INT", 130, List.of("--jobs", "2")))) {
            try (Connection lock = holding("access exclusive")) {
                Process p = start("backup", "create", c.args());
                Output out = Output.of(p);
                awaitWaiting("godwit-backup");
                List<ProcessHandle> children = p.descendants().toList();
                assertThat(children).as("pg_dump runs").isNotEmpty();
                assertThat(backupFiles()).as("the partial file or the staging folder is there").isNotEmpty();

                signal(p, c.signal());

                GodwitProcess.Result r = out.result(p, this);
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(c.exit());
                assertThat(r.stderr()).as(r.toString()).contains("SIG" + c.signal() + " received: stopping cleanly",
                        "interrupted by SIG" + c.signal(), "pg_dump was stopped", "nothing was kept (removed ");
                assertThat(children).as("no pg_dump left").noneMatch(ProcessHandle::isAlive);
                assertNothingLeft();
                lock.rollback();
                TortureSummary.count("faults injected: SIG" + c.signal() + " during backup create");
            }
            Await.until("pg_dump's sessions ended", () -> sessions("godwit-backup%") == 0);
        }
    }

    @Test
    void sigtermDuringRestoreReplaceStopsPgRestoreRollsBackAndKeepsTheLockUntilItsSessionEnded() throws Exception {
        GodwitProcess.Result created = run("backup", "create", "--jobs", "2");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String id = created.stdout().replaceAll("(?s).*Backup (\\d{8}T\\d{6}Z-[a-z2-7]{6}).*", "$1");
        db.execute("update accounts set balance = 0 where id <= 10");

        try (Connection reader = holding("access share")) {
            Process p = start("backup", "restore", List.of(id, "--replace", "--yes"));
            Output out = Output.of(p);
            awaitWaiting("godwit-backup-restore-%");
            List<ProcessHandle> children = p.descendants().toList();
            assertThat(files(tmp)).as("the decrypted, unpacked directory dump pg_restore reads").isNotEmpty();
            assertThat(advisoryLocks()).as("the migration lock is held").isOne();

            signal(p, "TERM");

            GodwitProcess.Result r = out.result(p, this);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(143);
            assertThat(r.stderr()).as(r.toString()).contains("interrupted by SIGTERM", "pg_restore was stopped",
                    "is as it was before", "the migration lock was released after pg_restore's session had ended");
            assertThat(children).noneMatch(ProcessHandle::isAlive);
            assertThat(sessions("godwit-backup%")).as("no restore session once the lock is free").isZero();
            assertThat(advisoryLocks()).isZero();
            assertNothingLeft();
            reader.rollback();
        }
        TortureSummary.count("faults injected: SIGTERM during backup restore --replace");
        assertThat(db.count("select count(*) from accounts where balance = 0")).as("nothing was restored").isEqualTo(10);
        GodwitProcess.Result audit = run("audit", "log", "--action", "backup_restore_failed", "--json");
        assertThat(audit.stdout()).as(audit.toString()).contains(id, "interrupted");
        GodwitProcess.Result verify = run("audit", "verify");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }

    @Test
    void whatKillNineLeavesTheNextBackupCommandRemovesAndNames() throws Exception {
        Process p;
        List<ProcessHandle> children;
        try (Connection lock = holding("access exclusive")) {
            p = start("backup", "create", List.of("--jobs", "2"));
            Output out = Output.of(p);
            awaitWaiting("godwit-backup");
            children = p.descendants().toList();

            p.destroyForcibly(); // SIGKILL: no handler runs, as after a power loss
            out.result(p, this);
            TortureSummary.count("faults injected: kill -9 during backup create");
            lock.rollback();
        }
        // The orphaned pg_dump goes on and finishes: its staging folder then holds the whole dump, unencrypted.
        Await.until("the orphaned pg_dump ended", () -> children.stream().noneMatch(ProcessHandle::isAlive));
        List<String> left = backupFiles();
        assertThat(left).anyMatch(n -> n.endsWith(".staging"));

        GodwitProcess.Result list = run("backup", "list");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stderr()).as(list.toString()).contains("removed what an interrupted backup command left behind",
                ".staging (pg_dump's unencrypted staging folder)", ".inprogress (the marker of an interrupted backup)");
        assertThat(backupFiles()).isEmpty();
        TortureSummary.add("plaintext files left", files(dir.resolve("backups")).size());
    }

    private Process start(String command, String sub, List<String> args) throws IOException {
        List<String> all = new java.util.ArrayList<>(List.of(command, sub));
        all.addAll(args);
        all.addAll(List.of("--url", url()));
        return godwit.start(all.toArray(String[]::new));
    }

    private Connection holding(String mode) throws Exception {
        Connection c = TortureServer.asSuperuser(db).connect();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("lock table accounts in " + mode + " mode");
        }
        return c;
    }

    private void awaitWaiting(String app) {
        Await.until(app + " waiting for the table lock", () -> TortureServer.asSuperuser(db).count("select count(*) from"
                + " pg_stat_activity where datname = current_database() and application_name like '" + app + "'"
                + " and wait_event_type = 'Lock'") > 0);
    }

    private long sessions(String app) {
        return TortureServer.asSuperuser(db).count("select count(*) from pg_stat_activity where datname ="
                + " current_database() and application_name like '" + app + "'");
    }

    private long advisoryLocks() {
        TestDatabase su = TortureServer.asSuperuser(db);
        return su.count("select count(*) from pg_locks l join pg_database d on d.oid = l.database"
                + " where l.locktype = 'advisory' and d.datname = current_database()");
    }

    /** No partial file, staging folder, marker or decrypted copy: in the backup folder and the temp folder. */
    private void assertNothingLeft() throws IOException {
        List<String> left = backupFiles();
        left.addAll(files(tmp));
        TortureSummary.add("plaintext files left", left.size());
        assertThat(left).isEmpty();
    }

    /** What is in the backup folder besides complete backups and their manifests. */
    private List<String> backupFiles() throws IOException {
        List<String> all = files(dir.resolve("backups"));
        all.removeIf(n -> n.matches("\\d{8}T\\d{6}Z-[a-z2-7]{6}\\.(json|(dump|tar)(\\.enc)?)"));
        return all;
    }

    private static List<String> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return new java.util.ArrayList<>();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return new java.util.ArrayList<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static void signal(Process p, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    /** A child's stdout and stderr, read while it runs (a full pipe would stall it). */
    private record Output(Thread out, Thread err, StringBuilder stdout, StringBuilder stderr) {
        static Output of(Process p) throws IOException {
            p.getOutputStream().close();
            StringBuilder o = new StringBuilder();
            StringBuilder e = new StringBuilder();
            Thread to = reader(p.getInputStream(), o);
            Thread te = reader(p.getErrorStream(), e);
            return new Output(to, te, o, e);
        }

        private static Thread reader(InputStream in, StringBuilder into) {
            Thread t = new Thread(() -> {
                try {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    synchronized (into) {
                        into.append(text);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            t.start();
            return t;
        }

        GodwitProcess.Result result(Process p) throws InterruptedException {
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the CLI ended").isTrue();
            out.join();
            err.join();
            return new GodwitProcess.Result(p.exitValue(), stdout.toString(), stderr.toString());
        }

        GodwitProcess.Result result(Process p, TortureBase test) throws InterruptedException {
            return test.record(result(p));
        }
    }
}
