package dev.godwit.hooks;

import dev.godwit.config.HookPoint;
import dev.godwit.config.HookSpec;
import dev.godwit.db.Secrets;
import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.StatementSplitter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs one hook. A shell hook is {@code /bin/sh -c COMMAND} with the run's facts in its environment; past its timeout
 * (or on a stop request) it and every process it started are killed. A SQL hook's statements run in one transaction
 * on the connection given (the migration connection), each under a statement_timeout of what is left of the hook's
 * timeout, with the facts readable as {@code current_setting('godwit.run_id')} and so on. Output is redacted.
 */
final class HookRunner {

    static final int MAX_OUTPUT = 16_384;

    private final List<String> secrets;
    private final BooleanSupplier stopped;

    HookRunner(List<String> secrets, BooleanSupplier stopped) {
        this.secrets = List.copyOf(secrets);
        this.stopped = stopped;
    }

    /**
     * @param stoppable whether a stop request kills it: a before hook's yes (the run is ending before it started);
     *                  an after hook's no, so that the hook that ends a maintenance window still runs after SIGTERM
     */
    HookRun run(HookSpec hook, Map<String, String> facts, Connection connection, Optional<String> migration,
                boolean stoppable) {
        long started = System.nanoTime();
        Result r = hook.command().isPresent() ? shell(hook.command().get(), hook.timeout(), facts, stoppable)
                : sql(hook, facts, connection);
        return new HookRun(hook.name(), hook.at(), hook.kind(), migration, r.status(), r.exitCode(),
                Duration.ofNanos(System.nanoTime() - started), redact(r.output()), hook.origin());
    }

    private record Result(HookRun.Status status, Optional<Integer> exitCode, String output) {}

    private Result shell(String command, Duration timeout, Map<String, String> facts, boolean stoppable) {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        // Godwit's own keys are not the hook's business: what it needs (KUBECONFIG, PGPASSWORD) it inherits.
        pb.environment().keySet().removeAll(List.of("GODWIT_AUDIT_KEY", "GODWIT_BACKUP_KEY"));
        pb.environment().putAll(facts);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(HookRun.Status.FAILED, Optional.empty(), "could not start /bin/sh: " + e.getMessage());
        }
        Output out = new Output(p.getInputStream());
        Thread reader = new Thread(out, "godwit-hook-output");
        reader.setDaemon(true);
        reader.start();
        try {
            p.getOutputStream().close();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!p.waitFor(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                    TimeUnit.MILLISECONDS)) {
                boolean stop = stoppable && stopped.getAsBoolean();
                if (System.nanoTime() >= deadline || stop) {
                    kill(p);
                    reader.join(2000);
                    String why = stop ? "stopped: the run was asked to stop" : "killed after the"
                            + " timeout of " + timeout.toMillis() + " ms";
                    return new Result(HookRun.Status.TIMED_OUT, Optional.empty(), out.text() + "\n[" + why + "]");
                }
            }
            reader.join(2000);
        } catch (InterruptedException | IOException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            kill(p);
            return new Result(HookRun.Status.FAILED, Optional.empty(), out.text() + "\n[" + e + "]");
        }
        int code = p.exitValue();
        return new Result(code == 0 ? HookRun.Status.OK : HookRun.Status.FAILED, Optional.of(code), out.text());
    }

    /** The hook and what it started: a `sleep` under `sh -c` would otherwise outlive its shell. */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Result sql(HookSpec hook, Map<String, String> facts, Connection c) {
        StringBuilder out = new StringBuilder();
        long deadline = System.nanoTime() + hook.timeout().toNanos();
        boolean autoCommit = true;
        try {
            List<SqlStatement> statements = StatementSplitter.split(Files.readString(hook.sql().get(),
                    StandardCharsets.UTF_8));
            autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (Map.Entry<String, String> f : facts.entrySet()) {
                    setting(c, f.getKey(), f.getValue());
                }
                for (SqlStatement st : statements) {
                    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                    s.execute("set local statement_timeout = " + left);
                    s.execute(st.text());
                    notices(s.getWarnings(), out);
                    s.clearWarnings();
                }
            }
            c.commit();
            out.append(statements.size()).append(" statement(s) committed");
            return new Result(HookRun.Status.OK, Optional.empty(), out.toString());
        } catch (SQLException e) {
            rollback(c);
            boolean timedOut = "57014".equals(e.getSQLState()) && System.nanoTime() >= deadline - 50_000_000L;
            out.append(e.getMessage());
            return new Result(timedOut ? HookRun.Status.TIMED_OUT : HookRun.Status.FAILED, Optional.empty(),
                    out.toString());
        } catch (IOException e) {
            return new Result(HookRun.Status.FAILED, Optional.empty(), "could not read " + hook.sql().get() + ": "
                    + e.getMessage());
        } catch (dev.godwit.sql.SqlSyntaxException e) {
            return new Result(HookRun.Status.FAILED, Optional.empty(), hook.sql().get() + ": " + e.getMessage());
        } finally {
            try {
                c.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // the connection is gone; the run notices at its next step
            }
        }
    }

    /** GODWIT_RUN_ID as {@code godwit.run_id}, for this transaction only. */
    private static void setting(Connection c, String variable, String value) throws SQLException {
        String name = "godwit." + variable.replaceFirst("^GODWIT_", "").toLowerCase(java.util.Locale.ROOT);
        try (var ps = c.prepareStatement("select set_config(?, ?, true)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.execute();
        }
    }

    private static void notices(SQLWarning w, StringBuilder out) {
        for (; w != null; w = w.getNextWarning()) {
            out.append(w.getMessage()).append('\n');
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the transaction ends with the connection
        }
    }

    private String redact(String text) {
        String t = text.length() > MAX_OUTPUT ? "…" + text.substring(text.length() - MAX_OUTPUT) : text;
        return Secrets.redact(Secrets.redactUrl(t), secrets);
    }

    /** Reads a process's output to its end, keeping the last part. */
    private static final class Output implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Output(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try {
                for (int n; (n = in.read(chunk)) > 0; ) {
                    synchronized (buffer) {
                        if (buffer.size() < 1 << 20) { // read on to the end, so the hook never blocks on a full pipe
                            buffer.write(chunk, 0, n);
                        }
                    }
                }
            } catch (IOException ended) {
                // the process was killed
            }
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
