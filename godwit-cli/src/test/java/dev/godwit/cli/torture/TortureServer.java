package dev.godwit.cli.torture;

import dev.godwit.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The torture suite's own PostgreSQL: an embedded server (zonky) with a data folder and port of its own, so that
 * a test may crash it ({@code pg_ctl stop -m immediate}) and start it again without touching the server the
 * other tests share. Logins other than the local superuser need a password (scram-sha-256), and every database
 * the suite makes belongs to {@link #ROLE}, whose password is {@link Secrets#PASSWORD}: each command of the
 * suite really authenticates with a secret that must never be printed.
 */
final class TortureServer {

    static final String ROLE = "torture_owner";
    /** A role that may log in and read, but owns nothing and may create nothing. */
    static final String READER = "torture_reader";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TortureServer instance;

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres pg;

    private TortureServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    static synchronized TortureServer get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("godwit-torture-pg");
                int port;
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                TortureServer server = new TortureServer(dir.resolve("data"), port);
                server.start();
                server.secure();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.stop();
                    deleteQuietly(dir);
                }, "torture-postgres-stop"));
                instance = server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The data folder goes with the JVM: a long run's would otherwise stay in the temp folder. */
    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }

    int port() {
        return port;
    }

    /** Starts the server on its data folder (initdb the first time; crash recovery after {@link #crash}). */
    synchronized void start() {
        try {
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    // Under synchronous_commit = off (zonky's default, and some tuned servers') a crash loses the last
                    // commits the server confirmed. Godwit turns it on for its migrations; the crash test proves it
                    // by running on such a server. fsync stays off: an immediate stop kills processes, not the
                    // kernel's cache.
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the torture PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** What {@code pg_ctl stop -m immediate} does: every backend is killed, no checkpoint, recovery on start. */
    synchronized void crash() {
        pgCtl("stop", "-m", "immediate");
        // Releases zonky's lock on the data folder (its own pg_ctl stop finds no server, and says so in the log).
        stop();
    }

    synchronized void stop() {
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop the torture PostgreSQL: " + e.getMessage());
        }
    }

    boolean isUp() {
        try (Connection c = admin("postgres")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Runs the server's own pg_ctl (the binary beside the running postmaster). As root, through a user namespace
     * as zonky does, since PostgreSQL refuses to run as root.
     */
    private void pgCtl(String... args) {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            Path bin = Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "exe")).getParent();
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Passwords for every login over TCP but the local superuser's (the suite's own arranging connection). */
    private void secure() throws IOException {
        exec("postgres", "create role " + ROLE + " login createdb password '" + Secrets.PASSWORD + "'",
                "create role " + READER + " login password '" + Secrets.PASSWORD + "'");
        Files.writeString(dataDir.resolve("pg_hba.conf"), String.join("\n",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all postgres ::1/128 trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host all all ::1/128 scram-sha-256", ""));
        exec("postgres", "select pg_reload_conf()");
    }

    Connection admin(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres");
    }

    void exec(String database, String... sql) {
        try (Connection c = admin(database); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A fresh database owned by {@link #ROLE}; the returned handle logs in as that role, with its password. */
    TestDatabase newDatabase() {
        String name = "torture_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        exec("postgres", "create database " + name + " owner " + ROLE + " template template0");
        exec(name, "revoke create on schema public from public", "alter schema public owner to " + ROLE,
                "grant usage on schema public to " + READER);
        return new TestDatabase("localhost", port, name, ROLE, Secrets.PASSWORD);
    }

    /**
     * The same database as the local superuser, who logs in without a password: for the suite's own reading
     * (catalog, rows, history), which would otherwise pay a scram-sha-256 login per query.
     */
    static TestDatabase asSuperuser(TestDatabase db) {
        return new TestDatabase(db.host(), db.port(), db.name(), "postgres", null);
    }

    void drop(TestDatabase db) {
        try {
            exec("postgres", "drop database if exists " + db.name() + " with (force)");
        } catch (IllegalStateException e) {
            System.err.println("could not drop torture database " + db.name() + ": " + e.getMessage());
        }
    }
}
