package dev.godwit.backup;

import dev.godwit.config.BackupKey;
import dev.godwit.db.ConnectionSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs pg_restore on a backup: a custom-format dump is decrypted straight into its standard input; a
 * directory dump is unpacked (decrypted) into a private temporary folder first, which {@code --jobs} needs,
 * and removed after — also on a stop request, and on an immediate exit.
 */
final class PgRestore {

    /** Where and how pg_restore connects: the server, the database, its sessions' name and settings. */
    record Target(ConnectionSettings server, String database, String appName, String options) {
        static Target of(ConnectionSettings server, String database) {
            return new Target(server, database, PgProcess.APPLICATION_NAME, "");
        }
    }

    private PgRestore() {}

    /** Restores {@code m} into the target with pg_restore's {@code flags}; a stop request stops pg_restore. */
    static void run(PgTools.Pair tools, BackupStore store, Manifest m, Optional<BackupKey> key, Target target,
                    List<String> flags, Interruption stop) throws BackupException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tools.restore().path().toString(), "--no-password",
                "--dbname=" + target.database()));
        cmd.addAll(flags);
        TempCopy tmp = null;
        try (InputStream raw = store.open(m);
             InputStream plain = BackupVerify.plaintext(raw, m, key)) {
            PgProcess p;
            if (m.format().equals("directory")) {
                tmp = TempCopy.create(m, stop);
                Tar.extract(plain, tmp.dir(), null);
                cmd.add(tmp.dir().toString());
                stop.check("the restore was stopped before pg_restore started; nothing was written");
                p = start(cmd, target, stop);
                p.closeStdin();
            } else {
                stop.check("the restore was stopped before pg_restore started; nothing was written");
                p = start(cmd, target, stop);
                try {
                    p.feed(plain);
                } catch (IOException e) {
                    p.close();
                    throw e;
                }
            }
            try (p) {
                int code = p.waitFor();
                if (code != 0) {
                    stop.check("pg_restore was stopped (it had not finished)");
                    throw BackupException.failed(p.failure(code));
                }
            }
        } catch (IOException e) {
            stop.check("the restore was stopped while reading backup " + m.id());
            throw BackupException.failed("could not read backup " + m.id() + " (" + store.locate(m) + "): "
                    + e.getMessage());
        } finally {
            if (tmp != null) {
                tmp.close();
            }
        }
    }

    private static PgProcess start(List<String> cmd, Target t, Interruption stop) throws BackupException {
        return stop.watch(PgProcess.start(cmd, t.server(), t.database(), t.appName(), t.options())).collectStdout();
    }

    /** pg_restore --list of the backup: its table of contents, one entry a line. */
    static String list(PgTools.Pair tools, BackupStore store, Manifest m, Optional<BackupKey> key,
                       ConnectionSettings server, Interruption stop) throws BackupException, InterruptedException {
        try (InputStream raw = store.open(m);
             InputStream plain = BackupVerify.plaintext(raw, m, key);
             TempCopy tmp = TempCopy.create(m, stop)) {
            List<String> cmd = new ArrayList<>(List.of(tools.restore().path().toString(), "--list"));
            Target target = Target.of(server, server.database());
            PgProcess p;
            if (m.format().equals("directory")) {
                Tar.extract(plain, tmp.dir(), "toc.dat");
                cmd.add(tmp.dir().toString());
                p = start(cmd, target, stop);
                p.closeStdin();
            } else {
                p = start(cmd, target, stop);
                p.feed(plain);
            }
            try (p) {
                int code = p.waitFor();
                stop.check("reading the backup's table of contents was stopped; nothing was written");
                if (code != 0) {
                    throw BackupException.failed(p.failure(code));
                }
                return p.stdoutText();
            }
        } catch (IOException e) {
            stop.check("reading the backup's table of contents was stopped; nothing was written");
            throw BackupException.failed("could not read backup " + m.id() + ": " + e.getMessage());
        }
    }

    /** The same server, another database. */
    static ConnectionSettings on(ConnectionSettings s, String database) {
        return s.withDatabase(database);
    }

    static Path writeList(Path dir, String list) throws IOException {
        Path f = dir.resolve("restore.list");
        try (var out = FolderStore.createPrivate(f)) {
            out.write(list.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return f;
    }

}
