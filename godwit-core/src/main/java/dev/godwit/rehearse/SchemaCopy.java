package dev.godwit.rehearse;

import dev.godwit.backup.BackupException;
import dev.godwit.backup.PgTools;
import dev.godwit.db.ConnectionSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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

    private static void run(List<String> cmd, ConnectionSettings c, String what)
            throws IOException, InterruptedException, RehearsalException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("PGHOST", c.host());
        env.put("PGPORT", Integer.toString(c.port()));
        env.put("PGUSER", c.user());
        env.put("PGDATABASE", c.database());
        env.put("PGAPPNAME", "godwit-rehearse");
        if (c.password() != null) {
            env.put("PGPASSWORD", c.password());
        }
        if (c.sslMode() != null) {
            env.put("PGSSLMODE", c.sslMode());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new RehearsalException(what + " did not finish within 10 minutes");
        }
        if (p.exitValue() != 0) {
            String tail = output.length() > 4000 ? output.substring(output.length() - 4000) : output;
            throw new RehearsalException(what + " failed (exit " + p.exitValue() + "): " + tail.strip());
        }
    }
}
