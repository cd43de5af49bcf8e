package dev.godwit.rehearse;

import dev.godwit.backup.BackupException;
import dev.godwit.backup.PgProcess;
import dev.godwit.backup.PgTools;
import dev.godwit.db.ConnectionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code --from target}: a schema-only {@code pg_dump} of the target restored into the rehearsal database
 * with {@code pg_restore}, without owners or grants (the rehearsal server has none of the target's roles).
 * pg_dump is found as the backups find it ({@code [backup] pg_bin_dir}, PATH, /usr/lib/postgresql). The
 * connection goes in libpq's environment variables, never on the command line.
 */
final class SchemaCopy {

    private SchemaCopy() {}

    static void copy(Optional<Path> pgBinDir, ConnectionSettings target, int targetMajor, String targetVersion,
                     ConnectionSettings shadow) throws RehearsalException, InterruptedException {
        PgTools.Pair tools;
        try {
            tools = PgTools.find(pgBinDir, targetMajor, targetVersion, System.getenv("PATH"));
        } catch (BackupException e) {
            throw new RehearsalException("--from target needs pg_dump: " + e.getMessage()
                    + "; or rehearse --from scratch");
        }
        Path dump = null;
        try {
            dump = Files.createTempFile("godwit-rehearse-", ".dump");
            run(List.of(tools.dump().path().toString(), "--schema-only", "--format=custom", "--no-owner",
                    "--no-privileges", "--file=" + dump), target, "pg_dump of the target");
            run(List.of(tools.restore().path().toString(), "--no-owner", "--no-privileges", "--exit-on-error",
                    "--dbname=" + shadow.database(), dump.toString()), shadow, "pg_restore into the rehearsal database");
        } catch (IOException e) {
            throw new RehearsalException("could not copy the target's schema: " + e.getMessage());
        } finally {
            if (dump != null) {
                try {
                    Files.deleteIfExists(dump);
                } catch (IOException ignored) {
                    // a temp file left behind holds no data, only the schema
                }
            }
        }
    }

    /** Runs a client tool as the backups do: connection in libpq's environment, stderr kept and redacted. */
    private static void run(List<String> cmd, ConnectionSettings c, String what)
            throws InterruptedException, RehearsalException {
        try (PgProcess p = PgProcess.start(cmd, c, c.database())) {
            p.closeStdin();
            int code = p.waitFor();
            if (code != 0) {
                throw new RehearsalException(what + " failed: " + p.failure(code));
            }
        } catch (BackupException e) {
            throw new RehearsalException(what + " failed: " + e.getMessage());
        }
    }
}
