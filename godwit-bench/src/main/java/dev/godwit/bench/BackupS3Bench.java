package dev.godwit.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run backup-s3 [GB] [RUNS]}: {@code godwit backup create} of the same database (the ledger of
 * {@code bench/run backup}, about 1 GB by default) into a folder and into a bucket of a local S3-compatible server
 * (Adobe S3Mock on loopback, the one the tests use), encrypted both times, runs interleaved; prints both medians and
 * their ratio. The bucket side streams the dump as a multipart upload of 8 MiB parts, with no local copy.
 */
public final class BackupS3Bench {

    private BackupS3Bench() {}

    public static String main(String[] args) throws Exception {
        double gb = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory("godwit-bench-backup-s3-");
        Process s3 = null;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").setServerConfig("max_wal_size", "4GB").start()) {
            String url = "postgres://postgres@localhost:" + pg.getPort() + "/postgres";
            long size = BackupBench.fill(pg, gb);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            s3 = startS3(work, port);
            System.out.printf(Locale.ROOT, "database: %.2f GB (pg_database_size); S3Mock on 127.0.0.1:%d%n",
                    size / 1e9, port);
            Files.writeString(work.resolve("folder.toml"), "[backup]\ndir = \"backups\"\n");
            Path secret = work.resolve("s3.secret");
            Files.writeString(secret, "bench-secret\n");
            Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Files.writeString(work.resolve("s3.toml"), "[backup]\nlocation = \"s3://bench/godwit\"\n"
                    + "s3_endpoint = \"http://127.0.0.1:" + port + "\"\ns3_region = \"us-east-1\"\ns3_path_style = true\n"
                    + "s3_access_key_id = \"bench\"\ns3_secret_access_key_file = \"s3.secret\"\n");
            List<Measure.Run> folder = new ArrayList<>();
            List<Measure.Run> bucket = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                folder.add(BackupBench.checked(Measure.once(godwit(work, "folder.toml", url)), "backup create (folder)"));
                long folderBytes = BackupBench.sizeOf(work.resolve("backups"));
                BackupBench.deleteTree(work.resolve("backups"));
                bucket.add(BackupBench.checked(Measure.once(godwit(work, "s3.toml", url)), "backup create (S3)"));
                BackupBench.checked(Measure.once(prune(work, url)), "backup prune (S3)");
                System.out.printf(Locale.ROOT, "run %d: folder %.2f s (%d MB), S3 %.2f s%n", i + 1,
                        folder.get(i).seconds(), folderBytes >> 20, bucket.get(i).seconds());
            }
            double f = Measure.median(folder, Measure.Run::seconds);
            double b = Measure.median(bucket, Measure.Run::seconds);
            double fm = Measure.median(folder, Measure.Run::peakMib);
            double bm = Measure.median(bucket, Measure.Run::peakMib);
            System.out.println();
            System.out.println("| godwit backup create (encrypted) into | median wall | median peak RSS | runs |");
            System.out.println("|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| a folder | %.2f s | %.0f MiB | %d |%n", f, fm, runs);
            System.out.printf(Locale.ROOT, "| S3Mock on loopback (multipart, 8 MiB parts) | %.2f s | %.0f MiB | %d |%n",
                    b, bm, runs);
            System.out.printf(Locale.ROOT, "ratio of medians S3 / folder: %.3f%n", b / f);
            return String.format(Locale.ROOT, "godwit backup create to S3 %.2f s / to a folder %.2f s = %.2fx;"
                    + " peak RSS %.0f / %.0f MiB; %d runs each", b, f, b / f, bm, fm, runs);
        } finally {
            if (s3 != null) {
                s3.destroy();
                s3.waitFor();
            }
            BackupBench.deleteTree(work);
        }
    }

    private static List<String> godwit(Path work, String config, String url) {
        return List.of("/usr/bin/env", "GODWIT_BACKUP_KEY=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "AWS_EC2_METADATA_DISABLED=true", "java", "-jar", Measure.godwitJar().toString(), "--config",
                work.resolve(config).toString(), "--url", url, "backup", "create");
    }

    /** Empties the bucket between runs, through Godwit itself. */
    private static List<String> prune(Path work, String url) {
        return List.of("/usr/bin/env", "AWS_EC2_METADATA_DISABLED=true", "java", "-jar",
                Measure.godwitJar().toString(), "--config", work.resolve("s3.toml").toString(), "--url", url,
                "backup", "prune", "--max-age", "1ms");
    }

    private static Process startS3(Path work, int port) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("s3mock.jar", "godwit-cli/target/s3mock/s3mock.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -DskipTests -pl godwit-cli -am package copies"
                    + " S3Mock there");
        }
        Path data = Files.createDirectories(work.resolve("s3mock-data"));
        Process p = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString(), "--server.address=127.0.0.1",
                "--server.port=0", "--com.adobe.testing.s3mock.http-port=" + port,
                "--com.adobe.testing.s3mock.store.root=" + data,
                "--com.adobe.testing.s3mock.store.initial-buckets=bench")
                .redirectErrorStream(true).redirectOutput(work.resolve("s3mock.log").toFile()).start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/bench").toURL()
                        .openConnection();
                if (c.getResponseCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Mock did not start: " + Files.readString(work.resolve(
                        "s3mock.log")));
            }
            Thread.sleep(200);
        }
    }
}
