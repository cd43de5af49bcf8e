package dev.godwit.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;

/**
 * A primary and a real hot standby of it, made the way a DBA makes one: an embedded PostgreSQL (zonky) as the
 * primary, {@code pg_basebackup -R} (Debian's postgresql-client) into a data folder of the standby's own, which
 * then starts on its own port with {@code standby.signal} and {@code primary_conninfo}, streaming from the primary.
 * Both go away (with their folders) on {@link #close}.
 */
public final class HotStandby implements AutoCloseable {

    /** The database both serve, created on the primary before the standby is made. */
    public static final String DATABASE = "ledger";

    private final Path root;
    private final EmbeddedPostgres primary;
    private final EmbeddedPostgres standby;

    private HotStandby(Path root, EmbeddedPostgres primary, EmbeddedPostgres standby) {
        this.root = root;
        this.primary = primary;
        this.standby = standby;
    }

    public static HotStandby start() throws Exception {
        return start(Map.of());
    }

    /**
     * @param primarySettings server settings of the primary over the tests' {@code fsync = off} (a benchmark puts
     *                        {@code fsync} back on and gives {@code max_wal_size} room)
     */
    public static HotStandby start(Map<String, String> primarySettings) throws Exception {
        Path root = Files.createTempDirectory("godwit-standby");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(root.resolve("primary"))
                .setServerConfig("fsync", "off");
        primarySettings.forEach(builder::setServerConfig);
        EmbeddedPostgres primary = builder.start();
        try {
            exec(primary.getPort(), "postgres", "create database " + DATABASE);
            Path data = root.resolve("standby");
            basebackup(primary.getPort(), data);
            EmbeddedPostgres standby = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                    .setPort(freePort()).setServerConfig("fsync", "off").start();
            HotStandby pair = new HotStandby(root, primary, standby);
            Await.until("the standby in recovery", () -> "t".equals(pair.standbyValue("select pg_is_in_recovery()")));
            return pair;
        } catch (Exception e) {
            primary.close();
            throw e;
        }
    }

    public int primaryPort() {
        return primary.getPort();
    }

    public int standbyPort() {
        return standby.getPort();
    }

    public TestDatabase primaryDb() {
        return new TestDatabase("localhost", primaryPort(), DATABASE, "postgres", null);
    }

    public TestDatabase standbyDb() {
        return new TestDatabase("localhost", standbyPort(), DATABASE, "postgres", null);
    }

    /** Waits until the standby has replayed everything the primary has written so far. */
    public void awaitReplay() throws Exception {
        String lsn = String.valueOf(primaryDb().queryValue("select pg_current_wal_lsn()::text"));
        Await.until("the standby to replay " + lsn, () -> "t".equals(standbyValue("select pg_last_wal_replay_lsn() >= '"
                + lsn + "'::pg_lsn")));
    }

    private String standbyValue(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + standbyPort() + "/"
                + DATABASE + "?user=postgres"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return null; // not up yet
        }
    }

    /** Debian's pg_basebackup, run as zonky runs PostgreSQL's own programs (through a user namespace as root). */
    private static void basebackup(int port, Path data) throws IOException, InterruptedException {
        Path tool = Path.of("/usr/lib/postgresql/15/bin/pg_basebackup");
        if (!Files.isExecutable(tool)) {
            tool = Path.of("pg_basebackup");
        }
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("unshare", "-U"));
        }
        cmd.addAll(List.of(tool.toString(), "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres",
                "-D", data.toString(), "-X", "stream", "-R", "-c", "fast"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("pg_basebackup failed: " + out);
        }
    }

    private static void exec(int port, String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + db
                + "?user=postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (EmbeddedPostgres pg : new EmbeddedPostgres[] {standby, primary}) {
            try {
                pg.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("could not stop a test server: " + e.getMessage());
            }
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not remove " + root + ": " + e.getMessage());
        }
    }
}
