package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * godwit backup with {@code [backup] location = "s3://..."}, as a user runs it: the real jar against Adobe S3Mock, an
 * S3-compatible server started on loopback. Each test has a prefix of its own in the one bucket.
 */
class BackupS3CliIT extends CliTestBase {

    static final String SECRET = "s3cr3t-never-printed-0123456789";
    static final String CREDENTIALS = "s3_access_key_id = \"godwit-test\"\ns3_secret_access_key_file = \"s3.secret\"\n";

    static S3MockServer s3;
    static Path s3dir;

    String prefix;

    @BeforeAll
    static void startS3() throws Exception {
        s3dir = Files.createTempDirectory("godwit-s3mock");
        s3 = S3MockServer.start(s3dir);
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @BeforeEach
    void s3Project() throws IOException {
        prefix = "godwit/" + dir.getFileName().toString().replaceAll("[^A-Za-z0-9]", "");
        Path secret = dir.resolve("s3.secret");
        Files.writeString(secret, SECRET + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        config(s3Config("s3://" + S3MockServer.BUCKET + "/" + prefix, "s3_access_key_id = \"godwit-test\"\n"
                + "s3_secret_access_key_file = \"s3.secret\"\ns3_sse = \"AES256\"\n"));
        // Never reach for an instance's metadata service (an address off this machine), nor a developer's AWS setup.
        godwit.env("AWS_EC2_METADATA_DISABLED", "true");
        for (String v : new String[] {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
            "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE"}) {
            godwit.unset(v);
        }
        godwit.env("GODWIT_BACKUP_KEY", BackupCliIT.KEY);
    }

    String s3Config(String location, String more) {
        return "[backup]\nlocation = \"" + location + "\"\ns3_endpoint = \"" + s3.endpoint() + "\"\n"
                + "s3_region = \"us-east-1\"\ns3_path_style = true\n" + more;
    }

    @Test
    void createListVerifyDeepVerifyRestoreKeepAndPruneInABucket() throws Exception {
        db.execute("create table accounts (id bigint primary key, note text)",
                "insert into accounts select g, md5(g::text) from generate_series(1, 2000) g");

        GodwitProcess.Result created = run("backup", "create", "--label", "nightly", "--json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        JsonNode backup = json(created).get("backup");
        String first = backup.get("id").asText();
        assertThat(json(created).get("location").asText()).isEqualTo("s3://" + S3MockServer.BUCKET + "/" + prefix
                + "/");
        assertThat(s3.keys(prefix)).containsExactly(prefix + "/" + first + ".dump.enc", prefix + "/" + first + ".json");
        assertThat(s3.client().headObject(r -> r.bucket(S3MockServer.BUCKET).key(prefix + "/" + first + ".dump.enc"))
                .contentLength()).isEqualTo(backup.get("size").asLong());
        assertThat(Files.exists(dir.resolve("backups"))).as("nothing is written to the local folder").isFalse();
        assertThat(s3.openUploads(prefix)).isEmpty();
        assertThat(created.all()).doesNotContain(SECRET).doesNotContain(BackupCliIT.KEY);

        GodwitProcess.Result text = run("backup", "create", "--jobs", "2");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout()).contains("s3://" + S3MockServer.BUCKET + "/" + prefix + "/", ".tar.enc");
        String second = text.stdout().replaceAll("(?s).*Backup (\\d{8}T\\d{6}Z-[a-z2-7]{6}).*", "$1");

        GodwitProcess.Result list = run("backup", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout()).contains(first, second, "nightly");

        GodwitProcess.Result verify = run("backup", "verify", first);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.stdout()).contains("sha256", "decryption", "pg_restore --list", "verified");
        GodwitProcess.Result deep = run("backup", "verify", second, "--deep");
        assertThat(deep.exitCode()).as(deep.toString()).isZero();
        assertThat(deep.stdout()).contains("restored into an embedded PostgreSQL", "rows, as in the manifest");
        assertThat(run("backup", "list", "--json").stdout()).contains("\"deep\" : true");

        String into = db.name() + "_s3";
        try {
            GodwitProcess.Result restored = run("backup", "restore", first, "--into", into);
            assertThat(restored.exitCode()).as(restored.toString()).isZero();
            assertThat(restored.stdout()).contains("Restored " + first, "every count as in the manifest");
        } finally {
            TestServer.get().drop(new TestDatabase(db.host(), db.port(), into, db.user(), db.password()));
        }

        GodwitProcess.Result dry = run("backup", "prune", "--keep-last", "1", "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.stdout()).contains("would remove " + first, "Would remove 1 backup(s); kept 1.");
        assertThat(s3.keys(prefix)).hasSize(4);

        GodwitProcess.Result keep = run("backup", "keep", first);
        assertThat(keep.exitCode()).as(keep.toString()).isZero();
        assertThat(run("backup", "prune", "--keep-last", "1").stdout()).contains("kept " + first + ": marked keep",
                "Removed 0 backup(s)");
        assertThat(run("backup", "keep", first, "--off").exitCode()).isZero();
        GodwitProcess.Result prune = run("backup", "prune", "--keep-last", "1");
        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.stdout()).contains("removed " + first);
        assertThat(s3.keys(prefix)).containsExactly(prefix + "/" + second + ".json", prefix + "/" + second + ".tar.enc");
    }

    /** The checksum verify compares is that of the object as stored: a changed byte in the bucket fails it. */
    @Test
    void aChangedObjectDoesNotVerify() throws Exception {
        db.execute("create table accounts (id bigint primary key)", "insert into accounts select generate_series(1, 50)");
        GodwitProcess.Result created = run("backup", "create", "--json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String id = json(created).get("backup").get("id").asText();
        String key = prefix + "/" + id + ".dump.enc";
        byte[] bytes = s3.client().getObjectAsBytes(r -> r.bucket(S3MockServer.BUCKET).key(key)).asByteArray();
        bytes[bytes.length / 2] ^= 1;
        s3.client().putObject(r -> r.bucket(S3MockServer.BUCKET).key(key), RequestBody.fromBytes(bytes));

        GodwitProcess.Result verify = run("backup", "verify", id);
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.BACKUP);
        assertThat(verify.stdout()).contains("FAILED", "sha256", "does NOT verify");
        GodwitProcess.Result restore = run("backup", "restore", id, "--into", db.name() + "_changed");
        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(ExitCodes.BACKUP);
        assertThat(restore.stderr()).contains("refusing to restore " + id, "nothing was written");
    }

    /** pg_dump fails after 9 MiB (one part sent): the upload is aborted, nothing is visible, no part is kept. */
    @Test
    void aFailureMidStreamAbortsTheMultipartUpload() throws Exception {
        config(s3Config("s3://" + S3MockServer.BUCKET + "/" + prefix, CREDENTIALS + "pg_bin_dir = \""
                + fakePgDump("fail") + "\"\n"));
        GodwitProcess.Result r = run("backup", "create");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.BACKUP);
        assertThat(r.stderr()).contains("simulated pg_dump failure", "nothing was kept");
        assertThat(s3.keys(prefix)).as("no object is visible").isEmpty();
        assertThat(s3.openUploads(prefix)).as("the multipart upload was aborted").isEmpty();
    }

    /** SIGTERM while a part has been sent and pg_dump still writes: exit 143, the upload aborted, no object. */
    @Test
    void sigtermMidStreamAbortsTheMultipartUpload() throws Exception {
        config(s3Config("s3://" + S3MockServer.BUCKET + "/" + prefix, CREDENTIALS + "pg_bin_dir = \""
                + fakePgDump("hang") + "\"\n"));
        Process p = godwit.start("backup", "create", "--url", url());
        p.getOutputStream().close();
        StringBuilder err = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                err.append(new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process is gone
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (s3.partsReceived(prefix) < 1) { // an observable state: the bucket has the first part
            assertThat(p.isAlive()).as("godwit ended before the first part arrived: " + err).isTrue();
            assertThat(System.nanoTime()).as("the first part within 2 minutes").isLessThan(deadline);
            Thread.sleep(50);
        }

        // SIGTERM, as Kubernetes stops a pod (with kill: Process.destroy would also close the pipes we read)
        assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).inheritIO().start().waitFor())
                .isZero();

        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        reader.join();
        assertThat(p.exitValue()).as(err.toString()).isEqualTo(143);
        assertThat(err.toString()).contains("interrupted by SIGTERM", "multipart upload", "aborted");
        assertThat(s3.keys(prefix)).as("no object is visible").isEmpty();
        assertThat(s3.openUploads(prefix)).as("the multipart upload was aborted").isEmpty();
    }

    @Test
    void aMissingBucketIsSaidWithExitCode7() {
        config(s3Config("s3://no-such-bucket/" + prefix, "s3_access_key_id = \"godwit-test\"\n"
                + "s3_secret_access_key_file = \"s3.secret\"\n"));
        GodwitProcess.Result create = run("backup", "create");
        assertThat(create.exitCode()).as(create.toString()).isEqualTo(ExitCodes.BACKUP);
        assertThat(create.stderr()).contains("the bucket no-such-bucket does not exist", s3.endpoint().toString(),
                "create it, or set [backup] location").doesNotContain(SECRET);
        GodwitProcess.Result list = run("backup", "list");
        assertThat(list.exitCode()).as(list.toString()).isEqualTo(ExitCodes.BACKUP);
        assertThat(list.stderr()).contains("does not exist");
    }

    @Test
    void missingOrExposedCredentialsAreSaidAndNeverPrinted() throws Exception {
        config(s3Config("s3://" + S3MockServer.BUCKET + "/" + prefix, ""));
        GodwitProcess.Result none = run("backup", "list");
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(ExitCodes.BACKUP);
        assertThat(none.stderr()).contains("no credentials for s3://" + S3MockServer.BUCKET, "AWS_ACCESS_KEY_ID",
                "s3_secret_access_key_file");

        Files.setPosixFilePermissions(dir.resolve("s3.secret"), PosixFilePermissions.fromString("rw-r--r--"));
        config(s3Config("s3://" + S3MockServer.BUCKET + "/" + prefix, "s3_access_key_id = \"godwit-test\"\n"
                + "s3_secret_access_key_file = \"s3.secret\"\n"));
        GodwitProcess.Result exposed = run("backup", "create");
        assertThat(exposed.exitCode()).as(exposed.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(exposed.stderr()).contains("may be read by other users", "chmod 600");
        assertThat(none.all() + exposed.all()).doesNotContain(SECRET);
        assertThat(s3.keys(prefix)).isEmpty();
    }

    /**
     * A pg_dump that writes 9 MiB of noise (one 8 MiB part and some) and then fails ({@code fail}) or waits until it
     * is stopped ({@code hang}); {@code --version} is the real one's.
     */
    Path fakePgDump(String mode) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("fake-bin"));
        Path real;
        try (var majors = Files.list(Path.of("/usr/lib/postgresql"))) {
            real = majors.map(m -> m.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_dump")))
                    .sorted().findFirst().orElseThrow();
        }
        String tail = mode.equals("fail") ? "echo 'pg_dump: error: simulated pg_dump failure' >&2\nexit 1\n"
                : "exec sleep 600\n";
        Path dump = bin.resolve("pg_dump");
        Files.writeString(dump, "#!/bin/sh\nif [ \"$1\" = --version ]; then exec " + real.resolve("pg_dump")
                + " --version; fi\nhead -c 9437184 /dev/urandom\n" + tail);
        Files.setPosixFilePermissions(dump, PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(bin.resolve("pg_restore"), real.resolve("pg_restore"));
        return bin;
    }
}
