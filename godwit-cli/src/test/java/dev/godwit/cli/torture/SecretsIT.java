package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Every command a deploy uses, run with the suite's password (a role that really needs it: scram-sha-256),
 * backup key and audit key, verbose, in text and JSON, through success and failure: none of the secrets appears
 * in stdout, stderr, the reports, the backups' manifests, the audit log and its export, the history or the lock
 * row ({@link TortureBase} searches all of them after the test).
 */
class SecretsIT extends TortureBase {

    @Test
    void noCommandPrintsOrStoresThePasswordOrTheKeys() throws IOException {
        config("[backup]\nbefore_migrate = true\n[lint]\ngate = false\n");
        Files.writeString(migrations().resolve("V1__accounts.sql"), "create table accounts (id bigint primary key,"
                + " balance numeric(12,2) not null);\ninsert into accounts select g, g from generate_series(1, 30) g;\n");
        Files.writeString(migrations().resolve("U1__accounts.sql"), "drop table accounts;\n");
        Files.writeString(migrations().resolve("V2__fails.sql"), "insert into accounts values (1, 0);\n");

        String[][] commands = {
            {"status", "-v"}, {"plan", "--sql"}, {"lint"}, {"validate", "--json"},
            {"migrate", "-v"}, // V1 applies, V2 fails, V1 is reverted: a failure path with a backup taken first
            {"report"}, {"report", "--json"}, {"backup", "list", "--json"},
            {"audit", "log"}, {"audit", "verify"}, {"audit", "export", "--format", "jsonl", "--output", "audit.jsonl"},
            {"check", "schema"}, {"status", "--json"}, {"snapshots", "list"},
        };
        for (String[] command : commands) {
            GodwitProcess.Result r = run(command);
            assertThat(r.exitCode()).as(String.join(" ", command) + "\n" + r).isIn(0, 1, 4, 5, 6);
        }
        Files.delete(migrations().resolve("V2__fails.sql"));
        GodwitProcess.Result migrated = run("migrate", "--json");
        assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
        GodwitProcess.Result created = run("backup", "create", "--label", "secrets", "--json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String id = created.stdout().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        GodwitProcess.Result verified = run("backup", "verify", id, "-v");
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        GodwitProcess.Result rolledBack = run("rollback", "-v");
        assertThat(rolledBack.exitCode()).as(rolledBack.toString()).isZero();

        // A password given through libpq's variables instead of the URL, and a failing login with it.
        GodwitProcess.Result viaEnv = record(process(dir).env("PGPASSWORD", Secrets.PASSWORD).env("PGHOST", "localhost")
                .env("PGPORT", String.valueOf(db.port())).env("PGUSER", db.user()).env("PGDATABASE", db.name())
                .run("status", "-v"));
        assertThat(viaEnv.exitCode()).as(viaEnv.toString()).isZero();
        GodwitProcess.Result wrongUser = record(process(dir).env("PGPASSWORD", Secrets.PASSWORD)
                .run("status", "--url", "postgres://nobody_here@localhost:" + db.port() + "/" + db.name()));
        assertThat(wrongUser.exitCode()).as(wrongUser.toString()).isEqualTo(2);

        assertThat(Files.list(dir.resolve("backups")).filter(f -> f.toString().endsWith(".json")).count())
                .as("manifests to search").isGreaterThanOrEqualTo(2);
        assertThat(Files.exists(dir.resolve("audit.jsonl"))).isTrue();
        TortureSummary.add("secret-checked commands", said.size());
    }

    @Test
    void theSearchFindsASecretWhereOneIs() throws IOException {
        Files.writeString(dir.resolve("leak.txt"), "url postgres://u:" + Secrets.PASSWORD + "@h/d");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertNoSecretIn(dir)).hasMessageContaining("leak.txt");
        Files.delete(dir.resolve("leak.txt"));
        assertThat(Secrets.leakedIn("key " + Secrets.BACKUP_KEY)).isEqualTo(Secrets.BACKUP_KEY);
    }
}
