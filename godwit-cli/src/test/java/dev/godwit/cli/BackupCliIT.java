package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** godwit backup as a user runs it: the real jar, the real pg_dump, exit codes and messages. */
class BackupCliIT extends CliTestBase {

    /** These servers archive no WAL: production's point-in-time recovery check is not what these tests are about. */
    static final String NO_PITR = "[environments.production.preflight]\nrequire_wal_archiving = false\n";

    static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void createListVerifyRestorePrune() throws Exception {
        db.execute("create table accounts (id bigint primary key)", "insert into accounts select generate_series(1, 77)");
        godwit.env("GODWIT_BACKUP_KEY", KEY);

        GodwitProcess.Result created = run("backup", "create", "--label", "nightly", "--json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        JsonNode backup = json(created).get("backup");
        String id = backup.get("id").asText();
        assertThat(backup.get("rowCounts").get("public.accounts").asLong()).isEqualTo(77);
        assertThat(backup.get("encrypted").asBoolean()).isTrue();
        assertThat(created.all()).doesNotContain(KEY);

        GodwitProcess.Result list = run("backup", "list");
        assertThat(list.stdout()).contains(id, "nightly", "yes");

        GodwitProcess.Result verify = run("backup", "verify", id.substring(0, 18));
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.stdout()).contains("ok", "sha256", "decryption", "pg_restore --list", "verified");

        String into = db.name() + "_cli";
        try {
            GodwitProcess.Result restored = run("backup", "restore", id, "--into", into);
            assertThat(restored.exitCode()).as(restored.toString()).isZero();
            assertThat(restored.stdout()).contains("Restored " + id, "77 rows");
        } finally {
            TestServer.get().drop(new TestDatabase(db.host(), db.port(), into, db.user(), db.password()));
        }

        GodwitProcess.Result prune = run("backup", "prune", "--keep-last", "1", "--dry-run");
        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.stdout()).contains("Would remove 0 backup(s); kept 1.");
        GodwitProcess.Result audit = run("audit", "log", "--action", "backup_restored");
        assertThat(audit.stdout()).contains("backup_restored");
    }

    @Test
    void productionRefusesAPlaintextBackupUnlessPlaintextIsIntended() throws Exception {
        config("[environments.production.migrations]\nlock_timeout = \"1s\"\n" + NO_PITR);
        write("V1__accounts.sql", "create table accounts (id bigint primary key);\n");

        GodwitProcess.Result r = run("migrate", "--env", "production");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.BACKUP);
        assertThat(r.stderr()).contains("refusing to write an unencrypted backup of the production environment")
                .contains("GODWIT_BACKUP_KEY").contains("encryption = \"none\"");
        assertThat(db.tableExists("public.accounts")).isFalse();
        assertThat(run("backup", "create", "--env", "production").exitCode()).isEqualTo(ExitCodes.USAGE);
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("backups"))
                    .flatMap(b -> { try { return java.nio.file.Files.list(b); } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e); } }).count()).as("no plaintext file left").isZero();
        }
    }

    @Test
    void migrateInProductionTakesABackupAndAFailurePrintsTheRestoreCommand() throws Exception {
        config(NO_PITR + "[environments.production.migrations]\nlock_timeout = \"1s\"\n[environments.production.backup]\n"
                + "encryption = \"none\"\n");
        write("V1__accounts.sql", "create table accounts (id bigint primary key);\ninsert into accounts values (1);\n");
        write("V2__bad.sql", "insert into accounts values (1);\n");

        GodwitProcess.Result r = run("migrate", "--env", "production");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("taking a backup before migrating", "verified (size, sha256, pg_restore --list)");
        String id = r.stdout().replaceAll("(?s).*backup (\\d{8}T\\d{6}Z-[a-z2-7]{6}).*", "$1");
        assertThat(r.stderr()).contains("godwit --env production backup restore " + id + " --replace --yes");

        GodwitProcess.Result restore = run("backup", "restore", id, "--replace", "--env", "production");
        assertThat(restore.exitCode()).as("--replace needs --yes").isEqualTo(ExitCodes.USAGE);
        restore = run("backup", "restore", id, "--replace", "--yes", "--env", "production");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(restore.all()).as("V1 has no down script, so its table stays; the restore names it")
                .contains("left in place: public.accounts");
    }

    /**
     * A directory backup whose tar stream has a damaged header, with a manifest that matches the damaged file (as if
     * the damage happened before the checksum was taken): the tar reader refuses it by its header checksum.
     */
    @Test
    void aDamagedTarHeaderIsRefusedByVerifyAndRestore() throws Exception {
        db.execute("create table accounts (id bigint primary key)", "insert into accounts select generate_series(1, 50)");
        GodwitProcess.Result created = run("backup", "create", "--jobs", "2", "--json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        JsonNode backup = json(created).get("backup");
        String id = backup.get("id").asText();
        Path tar = dir.resolve("backups").resolve(backup.get("file").asText());
        byte[] bytes = Files.readAllBytes(tar);
        bytes[124 + 5] ^= 0x01; // the first entry's size field: still octal digits, so only the checksum tells
        Files.write(tar, bytes);
        Path manifest = dir.resolve("backups").resolve(id + ".json");
        var doc = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(manifest.toFile());
        doc.put("sha256", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(bytes)));
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(manifest.toFile(), doc);

        GodwitProcess.Result verify = run("backup", "verify", id);
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.BACKUP);
        assertThat(verify.stdout()).as(verify.toString()).contains("ok", "sha256", "FAILED archive",
                "damaged header near byte 0 (its checksum does not add up)", "does NOT verify");
        GodwitProcess.Result restore = run("backup", "restore", id, "--into", db.name() + "_damaged");
        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(ExitCodes.BACKUP);
        assertThat(restore.stderr()).contains("refusing to restore " + id, "damaged header", "nothing was written");
        assertThat(db.count("select count(*) from pg_database where datname = '" + db.name() + "_damaged'")).isZero();
    }

    @Test
    void badInputHasItsExitCode() throws Exception {
        GodwitProcess.Result unknown = run("backup", "verify", "20260101T000000Z-abcdef");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.stderr()).contains("no backup with id");

        GodwitProcess.Result created = run("backup", "create", "--json");
        String id = json(created).get("backup").get("id").asText();
        Path file = dir.resolve("backups").resolve(json(created).get("backup").get("file").asText());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 1;
        Files.write(file, bytes);
        GodwitProcess.Result verify = run("backup", "verify", id);
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.BACKUP);
        assertThat(verify.stdout()).contains("FAILED", "sha256", "does NOT verify");

        Path bin = Files.createDirectories(dir.resolve("old"));
        for (String tool : new String[] {"pg_dump", "pg_restore"}) {
            Files.writeString(bin.resolve(tool), "#!/bin/sh\necho '" + tool + " (PostgreSQL) 11.2'\n");
            Files.setPosixFilePermissions(bin.resolve(tool), PosixFilePermissions.fromString("rwx------"));
        }
        config("[backup]\npg_bin_dir = \"old\"\n");
        GodwitProcess.Result old = run("backup", "create");
        assertThat(old.exitCode()).as(old.toString()).isEqualTo(ExitCodes.BACKUP);
        assertThat(old.stderr()).contains("too old", "install postgresql-client-15");

        config("");
        GodwitProcess.Result badKey = godwit.env("GODWIT_BACKUP_KEY", "nope").run("backup", "create", "--url", url());
        assertThat(badKey.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badKey.stderr()).contains("GODWIT_BACKUP_KEY is not a 32-byte key");
    }
}
