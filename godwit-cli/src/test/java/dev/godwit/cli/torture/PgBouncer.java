package dev.godwit.cli.torture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PgBouncer (Debian's package; {@code .ci/run} installs it) in front of the torture server, started by the
 * test with its own ini file, port and auth file, in transaction or session mode. As root it runs in a user
 * namespace ({@code unshare -U}), as the torture server's pg_ctl does: PgBouncer refuses to run as root.
 */
final class PgBouncer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private PgBouncer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/pgbouncer")) || Files.isExecutable(Path.of("/usr/bin/pgbouncer"));
    }

    /** Starts PgBouncer in {@code mode} ("transaction" or "session") for {@code user}, and waits until it listens. */
    static PgBouncer start(String mode, int serverPort, String user, String password) {
        try {
            Path dir = Files.createTempDirectory("godwit-pgbouncer");
            dir.toFile().setReadable(true, false);
            dir.toFile().setWritable(true, false);
            dir.toFile().setExecutable(true, false);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Files.writeString(dir.resolve("users.txt"), "\"" + user + "\" \"" + password + "\"\n");
            Files.writeString(dir.resolve("pgbouncer.ini"), String.join("\n",
                    "[databases]",
                    "* = host=127.0.0.1 port=" + serverPort,
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    "auth_type = plain",
                    "auth_file = " + dir.resolve("users.txt"),
                    "pool_mode = " + mode,
                    "default_pool_size = 20",
                    "max_client_conn = 200",
                    "ignore_startup_parameters = extra_float_digits,options",
                    "logfile = " + dir.resolve("pgbouncer.log"),
                    ""));
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(Files.isExecutable(Path.of("/usr/sbin/pgbouncer")) ? "/usr/sbin/pgbouncer"
                    : "pgbouncer", dir.resolve("pgbouncer.ini").toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.txt").toFile()).start();
            PgBouncer bouncer = new PgBouncer(p, port, dir);
            bouncer.awaitListening();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited: " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("pgbouncer did not listen on " + port + " within 60s: " + log());
    }

    int port() {
        return port;
    }

    String log() {
        try {
            Path log = dir.resolve("pgbouncer.log");
            return Files.exists(log) ? Files.readString(log) : Files.readString(dir.resolve("stdout.txt"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
