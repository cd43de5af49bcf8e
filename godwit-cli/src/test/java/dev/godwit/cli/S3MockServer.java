package dev.godwit.cli;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe S3Mock (an S3-compatible server, from Maven Central) run as a child process on loopback, with its own data
 * folder and one bucket: what {@code [backup] location = "s3://..."} talks to in the tests. Started once per test
 * class; ready when it answers HTTP, not after a fixed wait. S3Mock accepts any credentials.
 */
final class S3MockServer implements AutoCloseable {

    static final String BUCKET = "godwit-backups";

    private final Process process;
    private final int port;
    private final Path log;
    private final S3Client client;

    private S3MockServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.client = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(endpoint()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    static S3MockServer start(Path dir) throws IOException, InterruptedException {
        String jar = System.getProperty("s3mock.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property s3mock.jar must name S3Mock's exec jar (the failsafe"
                    + " configuration of godwit-cli copies it to target/s3mock), got " + jar);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path root = Files.createDirectories(dir.resolve("s3mock-data"));
        Path log = dir.resolve("s3mock.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar,
                "--server.address=127.0.0.1", "--server.port=0",
                "--com.adobe.testing.s3mock.http-port=" + port,
                "--com.adobe.testing.s3mock.store.root=" + root,
                "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                "--spring.main.banner-mode=off")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3MockServer server = new S3MockServer(p, port, log);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!server.answers()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                String said = Files.readString(log);
                p.destroyForcibly();
                throw new IllegalStateException("S3Mock did not start on port " + port + ":\n" + said);
            }
            Thread.sleep(100);
        }
        return server;
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint().resolve("/" + BUCKET).toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int code = c.getResponseCode();
            c.disconnect();
            return code == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    S3Client client() {
        return client;
    }

    /** The keys under {@code prefix}, in order. */
    List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(o -> o.key()).sorted().toList();
    }

    /** The multipart uploads not completed nor aborted, under {@code prefix}. */
    List<String> openUploads(String prefix) {
        return client.listMultipartUploads(r -> r.bucket(BUCKET).prefix(prefix)).uploads().stream()
                .map(u -> u.key() + " " + u.uploadId()).toList();
    }

    /** The parts received so far of the one open upload under {@code prefix}; 0 when there is none. */
    int partsReceived(String prefix) {
        var uploads = client.listMultipartUploads(r -> r.bucket(BUCKET).prefix(prefix)).uploads();
        if (uploads.isEmpty()) {
            return 0;
        }
        var u = uploads.get(0);
        return client.listParts(r -> r.bucket(BUCKET).key(u.key()).uploadId(u.uploadId())).parts().size();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
