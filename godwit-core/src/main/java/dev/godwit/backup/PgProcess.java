package dev.godwit.backup;

import dev.godwit.db.ConnectionSettings;
import dev.godwit.db.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One run of pg_dump or pg_restore against a database. The connection goes in libpq's environment
 * variables, never on the command line (where {@code ps} would show the password); inherited {@code PG*}
 * variables are removed first so that only what Godwit resolved applies. Its standard error is kept (the
 * last 16 KiB) to show when it fails.
 */
public final class PgProcess implements AutoCloseable {

    private static final int STDERR_KEPT = 16 * 1024;

    private final Process process;
    private final List<String> command;
    private final Thread errReader;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final String password;
    private volatile boolean stopped;

    private PgProcess(Process process, List<String> command, String password) {
        this.process = process;
        this.command = command;
        this.password = password;
        this.errReader = new Thread(() -> drain(process.getErrorStream()), "godwit-" + command.get(0) + "-stderr");
        errReader.setDaemon(true);
        errReader.start();
    }

    /** What pg_dump's and pg_restore's sessions are called in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "godwit-backup";

    /** Starts {@code command} connected to {@code database} on the server {@code c} names. */
    public static PgProcess start(List<String> command, ConnectionSettings c, String database)
            throws BackupException {
        return start(command, c, database, APPLICATION_NAME, "");
    }

    /**
     * The same, its sessions named {@code appName} and started with {@code options} (server settings in
     * {@code PGOPTIONS} form, after the user's own {@code options}).
     */
    public static PgProcess start(List<String> command, ConnectionSettings c, String database, String appName,
                                  String options) throws BackupException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("PGHOST", String.join(",", c.servers().stream().map(ConnectionSettings.Endpoint::host).toList()));
        env.put("PGPORT", String.join(",", c.servers().stream().map(e -> Integer.toString(e.port())).toList()));
        env.put("PGUSER", c.user());
        env.put("PGDATABASE", database);
        env.put("PGAPPNAME", appName);
        if (c.password() != null) {
            env.put("PGPASSWORD", c.password());
        }
        if (c.sslMode() != null) {
            env.put("PGSSLMODE", c.sslMode());
        }
        libpq(c.params(), env);
        if (!options.isBlank()) {
            env.merge("PGOPTIONS", options, (user, ours) -> user + " " + ours);
        }
        try {
            return new PgProcess(pb.start(), command, c.password());
        } catch (IOException e) {
            throw BackupException.failed("cannot start " + command.get(0) + ": " + e.getMessage());
        }
    }

    /** The pgjdbc connection properties that libpq knows under another name. */
    private static void libpq(Map<String, String> params, Map<String, String> env) {
        Map<String, String> names = Map.of("sslrootcert", "PGSSLROOTCERT", "sslcert", "PGSSLCERT", "sslkey", "PGSSLKEY",
                "connectTimeout", "PGCONNECT_TIMEOUT", "options", "PGOPTIONS", "sslcrl", "PGSSLCRL");
        params.forEach((k, v) -> {
            if (names.containsKey(k)) {
                env.put(names.get(k), v);
            }
        });
        String type = params.get("targetServerType");
        if (type != null) {
            env.put("PGTARGETSESSIONATTRS", switch (type) {
                case "primary", "master" -> "read-write";
                case "secondary", "slave" -> "standby";
                case "preferSecondary", "preferSlave" -> "prefer-standby";
                default -> "any";
            });
        }
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    InputStream stdout() {
        return process.getInputStream();
    }

    private Thread outReader;
    private final ByteArrayOutputStream stdoutText = new ByteArrayOutputStream();

    /** Collects standard output in a thread of its own (for --list), so feeding standard input never stalls. */
    PgProcess collectStdout() {
        outReader = new Thread(() -> {
            try {
                process.getInputStream().transferTo(stdoutText);
            } catch (IOException ignored) {
                // the process ended
            }
        }, "godwit-pg-stdout");
        outReader.setDaemon(true);
        outReader.start();
        return this;
    }

    /** What {@link #collectStdout()} collected; call after {@link #waitFor()}. */
    String stdoutText() throws InterruptedException {
        outReader.join();
        return stdoutText.toString(StandardCharsets.UTF_8);
    }

    /**
     * Copies {@code in} to standard input to its end, then closes it. When the process stops reading early
     * (pg_restore --list needs only the table of contents), the rest of {@code in} is still read, so that a
     * checksum or authentication over all of it completes — unless it was {@link #stop stopped}.
     */
    void feed(InputStream in) throws IOException {
        OutputStream to = process.getOutputStream();
        byte[] buf = new byte[1 << 17];
        boolean open = true;
        int n;
        while (!stopped && (n = in.read(buf)) > 0) {
            if (open) {
                try {
                    to.write(buf, 0, n);
                } catch (IOException closedByProcess) {
                    open = false;
                }
            }
        }
        try {
            to.close();
        } catch (IOException closedByProcess) {
            // it had stopped reading already
        }
    }

    public void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed by the process
        }
    }

    /** Waits for the end; its exit code. */
    public int waitFor() throws InterruptedException {
        int code = process.waitFor();
        errReader.join(5000);
        return code;
    }

    /** What it wrote to standard error, passwords masked. */
    String stderr() {
        synchronized (stderr) {
            String text = stderr.toString(StandardCharsets.UTF_8).strip();
            return Secrets.redact(Secrets.redactUrl(text), password == null ? List.of() : List.of(password));
        }
    }

    /** "pg_dump exited 1: its message" for failure reports. */
    public String failure(int code) {
        String err = stderr();
        return command.get(0).replaceAll(".*/", "") + " exited " + code + (err.isEmpty() ? " without a message"
                : ":\n    " + err.replace("\n", "\n    "));
    }

    private void drain(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (stderr) {
                    if (stderr.size() > STDERR_KEPT) {
                        byte[] tail = stderr.toByteArray();
                        stderr.reset();
                        stderr.write(tail, tail.length - STDERR_KEPT / 2, STDERR_KEPT / 2);
                    }
                    stderr.write(buf, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /**
     * Asks it to stop (SIGTERM), with its workers ({@code pg_dump -j} forks them): pg_dump and pg_restore then
     * cancel their statements on the server and exit. Returns at once; safe from any thread.
     */
    public void stop() {
        stopped = true;
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** Ends it and its workers at once (SIGKILL): the last resort when the process must exit now. */
    public void kill() {
        stopped = true;
        java.util.List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        all.add(process.toHandle());
        // SIGKILL is not instant: wait (briefly) until they are gone, so a caller that exits next leaves none behind.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return; // gone or going: the operating system finishes it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Its process id, for messages and tests. */
    public long pid() {
        return process.pid();
    }

    /**
     * Stops it and waits up to {@code patience} for it to exit (then kills it): nothing it started may outlive
     * the command, nor write after Godwit has reported it stopped.
     */
    public void stopAndWait(java.time.Duration patience) {
        stop();
        try {
            if (!process.waitFor(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                kill();
                process.waitFor(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    /** Ends it if it still runs, and waits for that: no child of Godwit outlives the work it was started for. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
            try {
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
