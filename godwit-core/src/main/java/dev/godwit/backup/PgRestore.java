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
 * and removed after.
 */
final class PgRestore {

    private PgRestore() {}

    /** Restores {@code m} into {@code database} on {@code server} with pg_restore's {@code flags}. */
    static void run(PgTools.Pair tools, BackupStore store, Manifest m, Optional<BackupKey> key,
                    ConnectionSettings server, String database, List<String> flags)
            throws BackupException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tools.restore().path().toString(), "--no-password",
                "--dbname=" + database));
        cmd.addAll(flags);
        Path tmp = null;
        try (InputStream raw = Files.newInputStream(store.file(m));
             InputStream plain = BackupVerify.plaintext(raw, m, key)) {
            PgProcess p;
            if (m.format().equals("directory")) {
                tmp = BackupVerify.privateTempDir(m);
                Tar.extract(plain, tmp, null);
                cmd.add(tmp.toString());
                p = PgProcess.start(cmd, server, database).collectStdout();
                p.closeStdin();
            } else {
                p = PgProcess.start(cmd, server, database).collectStdout();
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
                    throw BackupException.failed(p.failure(code));
                }
            }
        } catch (IOException e) {
            throw BackupException.failed("could not read backup " + m.id() + " (" + store.file(m) + "): "
                    + e.getMessage());
        } finally {
            BackupCreate.deleteTree(tmp);
        }
    }

    /** pg_restore --list of the backup: its table of contents, one entry a line. */
    static String list(PgTools.Pair tools, BackupStore store, Manifest m, Optional<BackupKey> key,
                       ConnectionSettings server) throws BackupException, InterruptedException {
        Path tmp = null;
        try (InputStream raw = Files.newInputStream(store.file(m));
             InputStream plain = BackupVerify.plaintext(raw, m, key)) {
            List<String> cmd = new ArrayList<>(List.of(tools.restore().path().toString(), "--list"));
            PgProcess p;
            if (m.format().equals("directory")) {
                tmp = BackupVerify.privateTempDir(m);
                Tar.extract(plain, tmp, "toc.dat");
                cmd.add(tmp.toString());
                p = PgProcess.start(cmd, server, server.database()).collectStdout();
                p.closeStdin();
            } else {
                p = PgProcess.start(cmd, server, server.database()).collectStdout();
                p.feed(plain);
            }
            try (p) {
                int code = p.waitFor();
                if (code != 0) {
                    throw BackupException.failed(p.failure(code));
                }
                return p.stdoutText();
            }
        } catch (IOException e) {
            throw BackupException.failed("could not read backup " + m.id() + ": " + e.getMessage());
        } finally {
            BackupCreate.deleteTree(tmp);
        }
    }

    /** The same server, another database. */
    static ConnectionSettings on(ConnectionSettings s, String database) {
        return new ConnectionSettings(s.host(), s.port(), database, s.user(), s.password(), s.sslMode(), s.params(),
                s.source());
    }

    static Path writeList(Path dir, String list) throws IOException {
        Path f = dir.resolve("restore.list");
        try (var out = BackupStore.createPrivate(f)) {
            out.write(list.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return f;
    }

}
