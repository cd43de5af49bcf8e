package dev.godwit.cli.commands;

import dev.godwit.backup.BackupException;
import dev.godwit.backup.PgTools;
import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Main;
import dev.godwit.db.Identifiers;
import dev.godwit.snapshot.Snapshots;
import dev.godwit.embedded.EmbeddedServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code godwit init --sql}: the SQL a DBA runs once, as an owner of the database, so that a deploy role that may
 * not CREATE can migrate. Nothing in it is written by hand: Godwit's own code creates its objects — a real
 * {@code migrate} (with a snapshot, so the snapshot registry too) on a throwaway embedded PostgreSQL — and
 * {@code pg_dump --schema-only} writes them out; so the script cannot drift from what the code expects. The grants
 * follow: USAGE on the schemas, DML on the tables (the audit log: read and append only), CREATE on the snapshot
 * schema (each snapshot is a new table there), and pg_read_all_stats for preflight.
 */
final class SetupScript {

    private static final List<String> PROBE = List.of(
            "create table godwit_setup_probe (id int primary key);\ninsert into godwit_setup_probe values (1);\n",
            "-- godwit:expect-change godwit_setup_probe.rows -1\ndelete from godwit_setup_probe;\n");

    private SetupScript() {}

    static String generate(String schema, String role) {
        Path project = null;
        try (EmbeddedServer pg = EmbeddedServer.start()) {
            project = Files.createTempDirectory("godwit-init-sql-");
            String url = "postgres://postgres@localhost:" + pg.port() + "/postgres";
            createWithGodwitsOwnCode(project, url, schema);
            dropSnapshotCopies(pg.port());
            String ddl = dump(pg.port(), schema);
            return header(schema, role) + ddl + grants(schema, role);
        } catch (IOException | SQLException e) {
            throw new CliFailure(ExitCodes.FAILED, "could not make the setup script on an embedded PostgreSQL: "
                    + e.getMessage());
        } finally {
            deleteTree(project);
        }
    }

    private static void createWithGodwitsOwnCode(Path project, String url, String schema) throws IOException {
        Path migrations = Files.createDirectories(project.resolve("db/migrations"));
        for (int i = 0; i < PROBE.size(); i++) {
            Files.writeString(migrations.resolve("V" + (i + 1) + "__probe.sql"), PROBE.get(i));
        }
        Files.writeString(project.resolve("godwit.toml"), "[migrations]\nlocations = [\"db/migrations\"]\n");
        StringWriter said = new StringWriter();
        PrintWriter w = new PrintWriter(said, true);
        int code = Main.run(new String[] {"migrate", "--config", project.resolve("godwit.toml").toString(), "--url",
            url, "--schema", schema, "--skip-preflight"}, w, w);
        if (code != 0) {
            throw new IOException("migrate on it exited " + code + ": " + said);
        }
    }

    /** The snapshot the probe took is data of the probe's, not one of Godwit's objects: only its registry stays. */
    private static void dropSnapshotCopies(int port) throws SQLException {
        String snapshots = Snapshots.DEFAULT_SCHEMA;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres");
             Statement s = c.createStatement()) {
            List<String> copies = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select tablename from pg_tables where schemaname = '" + snapshots
                    + "' and tablename <> 'snapshots'")) {
                while (rs.next()) {
                    copies.add(rs.getString(1));
                }
            }
            for (String t : copies) {
                s.execute("drop table " + Identifiers.qualified(snapshots, t));
            }
        }
    }

    private static String dump(int port, String schema) throws IOException {
        PgTools.Pair tools;
        try {
            tools = PgTools.find(Optional.empty(), 15, "15", System.getenv("PATH"));
        } catch (BackupException e) {
            throw new CliFailure(ExitCodes.BACKUP, "init --sql writes Godwit's objects with pg_dump: " + e.getMessage());
        }
        ProcessBuilder pb = new ProcessBuilder(tools.dump().path().toString(), "--schema-only", "--no-owner",
                "--no-privileges", "--schema=" + schema, "--schema=" + Snapshots.DEFAULT_SCHEMA, "--dbname=postgres");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("PGHOST", "localhost");
        env.put("PGPORT", String.valueOf(port));
        env.put("PGUSER", "postgres");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("pg_dump --schema-only failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        // pg_dump's own comment lines say which server the dump came from: the throwaway one, not the reader's; its
        // psql-only \restrict guard lines go too, so that any SQL client runs the script.
        String sql = String.join("\n", out.lines().filter(l -> !l.startsWith("-- Dumped from")
                && !l.startsWith("-- Dumped by") && !l.startsWith("-- PostgreSQL database dump")
                && !l.startsWith("\\")).toList());
        return sql.replaceAll("(?m)^--\n--\n", "").strip() + "\n";
    }

    private static String header(String schema, String role) {
        return """
                -- Godwit's own objects, for a deploy role that may not CREATE (godwit init --sql).
                -- Run once, as the database's owner or a superuser, in the database Godwit migrates:
                --   psql -v ON_ERROR_STOP=1 -d YOUR_DATABASE -f godwit-setup.sql
                -- It creates the schemas %s and %s with Godwit's tables (made by Godwit's own code,
                -- written out by pg_dump), then grants %s what `godwit migrate` needs at run time.
                -- The role also needs the privileges its migrations need (CREATE on the schemas they change, ...).

                """.formatted(schema, Snapshots.DEFAULT_SCHEMA, role);
    }

    static String grants(String schema, String role) {
        String s = Identifiers.quote(schema);
        String snap = Identifiers.quote(Snapshots.DEFAULT_SCHEMA);
        String r = Identifiers.quote(role);
        return """

                -- What %3$s needs at run time.
                GRANT USAGE ON SCHEMA %1$s TO %3$s;
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %1$s TO %3$s;
                -- The audit log is append-only (its triggers refuse UPDATE, DELETE and TRUNCATE for everyone).
                REVOKE UPDATE, DELETE ON %1$s.audit_log FROM %3$s;
                GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %1$s TO %3$s;
                -- Each snapshot of destroyed data is a new table in %2$s, owned by the role that took it.
                GRANT USAGE, CREATE ON SCHEMA %2$s TO %3$s;
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %2$s TO %3$s;
                -- Lets preflight see other roles' sessions (a forgotten transaction holding a lock on a table a
                -- migration alters); without it preflight can only warn about them. Drop if your policy forbids.
                GRANT pg_read_all_stats TO %3$s;
                """.formatted(s, snap, r);
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind: the system's to clean
        }
    }
}
