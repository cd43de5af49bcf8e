package dev.godwit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A CLI process that is still running, whose output the test watches as it comes: to wait for an observable state
 * ("waiting for the migration lock" on its output) instead of sleeping, and to signal it.
 */
public final class RunningGodwit {

    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;

    private RunningGodwit(Process process) {
        this.process = process;
        this.outReader = pump(process.getInputStream(), stdout);
        this.errReader = pump(process.getErrorStream(), stderr);
    }

    public static RunningGodwit start(GodwitProcess godwit, String... args) {
        try {
            Process p = godwit.start(args);
            p.getOutputStream().close();
            return new RunningGodwit(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Thread pump(InputStream in, StringBuffer into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    into.append(line).append('\n');
                }
            } catch (IOException ended) {
                // the process ended
            }
        }, "godwit-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    public Process process() {
        return process;
    }

    /** Waits until stdout or stderr contains {@code fragment}; fails when the process ends first or the deadline passes. */
    public RunningGodwit awaitOutput(String fragment, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!(stdout.toString().contains(fragment) || stderr.toString().contains(fragment))) {
            if (!process.isAlive() && !outReader.isAlive() && !errReader.isAlive()) {
                throw new AssertionError("the process ended before saying '" + fragment + "':\n" + snapshot());
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no '" + fragment + "' within " + deadline + ":\n" + snapshot());
            }
            Thread.sleep(20);
        }
        return this;
    }

    /** What the process said so far, both streams: for an assertion's description. */
    public String output() {
        return snapshot();
    }

    /** Sends a signal by name (INT, TERM) to the process. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Waits for the end (3 minutes at most) and returns what it said. */
    public GodwitProcess.Result finish() throws InterruptedException {
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish in 3 minutes:\n" + snapshot());
        }
        outReader.join();
        errReader.join();
        return new GodwitProcess.Result(process.exitValue(), stdout.toString(), stderr.toString());
    }

    private String snapshot() {
        return "--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }

    /** How long to wait for a state a loaded machine still reaches. */
    public static final Duration GENEROUS = Duration.ofSeconds(90);
}
