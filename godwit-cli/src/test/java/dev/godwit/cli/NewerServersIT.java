package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.servers.NewerServer;
import dev.godwit.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PostgreSQL 16 and 17 servers (zonky's binaries from Maven Central): migrate, rollback and rehearse work against
 * them; a backup is refused with exit 7 and both versions named, since the machine's pg_dump (Debian bookworm's 15)
 * cannot dump a newer server — in {@code backup create} and in a production {@code migrate}, before anything runs.
 */
class NewerServersIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {16, 17})
    void migrateRollbackAndRehearseWorkAndAnOlderPgDumpIsRefused(int major) throws Exception {
        try (NewerServer server = NewerServer.start(major)) {
            TestDatabase db = server.newDatabase("ledger");
            Path migrations = Files.createDirectories(dir.resolve("db/migrations"));
            Files.writeString(migrations.resolve("V1__accounts.sql"), "create table accounts (id bigint primary key,"
                    + " balance numeric(12,2) not null default 0);\ninsert into accounts values (1, 10);\n");
            Files.writeString(migrations.resolve("V2__note.sql"), "alter table accounts add column note text;\n");
            Files.writeString(migrations.resolve("U2__note.sql"), "alter table accounts drop column note;\n");
            GodwitProcess godwit = new GodwitProcess(dir);
            String url = db.postgresUrl();

            GodwitProcess.Result migrate = godwit.run("migrate", "--url", url);
            assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
            assertThat(db.queryValue("select current_setting('server_version_num')::int / 10000")).isEqualTo(major);
            GodwitProcess.Result rollback = godwit.run("rollback", "--url", url);
            assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
            assertThat(db.count("select count(*) from information_schema.columns where table_name = 'accounts'"
                    + " and column_name = 'note'")).isZero();

            String shadow = "postgres://postgres@localhost:" + server.port() + "/postgres";
            GodwitProcess.Result rehearse = godwit.run("rehearse", "--from", "scratch", "--shadow-url", shadow,
                    "--url", url);
            assertThat(rehearse.exitCode()).as(rehearse.toString()).isZero();
            assertThat(rehearse.all()).contains("V2");

            GodwitProcess.Result backup = godwit.run("backup", "create", "--url", url);
            assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(ExitCodes.BACKUP);
            assertThat(backup.stderr()).contains("too old for the server (PostgreSQL " + major + ".", "15.",
                    "postgresql-client-" + major);
            Files.writeString(dir.resolve("godwit.toml"), "[environments.production.migrations]\nlock_timeout = \"1s\"\n"
                    + "[environments.production.backup]\nencryption = \"none\"\n"
                    + "[environments.production.preflight]\nrequire_wal_archiving = false\n");
            GodwitProcess.Result production = godwit.run("migrate", "--env", "production", "--url", url);
            assertThat(production.exitCode()).as(production.toString()).isEqualTo(ExitCodes.BACKUP);
            assertThat(production.all()).contains("nothing was applied", "postgresql-client-" + major);
            assertThat(db.count("select count(*) from information_schema.columns where table_name = 'accounts'"
                    + " and column_name = 'note'"))
                    .as("V2 stays reverted").isZero();
        }
    }
}
