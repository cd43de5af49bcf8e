package dev.godwit.cli;

import dev.godwit.base.Cancellation;
import java.io.PrintWriter;
import java.time.Duration;
import sun.misc.Signal;

/**
 * SIGINT (Ctrl-C) and SIGTERM (what Kubernetes sends on every rollout and eviction): the first asks the command
 * to stop cleanly through {@link #cancellation()} — the running statement cancelled on the server, the transaction
 * rolled back, the failure audited, the lock released, child processes stopped, temporary files removed — within a
 * grace period; a second signal, or the end of the grace period, runs the cleanups that must never be skipped
 * (plaintext files) and exits at once. The JVM's own handling (shutdown hooks, exit 130/143 with nothing done)
 * would leave the statement running and its lock held on the server.
 */
public final class Signals {

    private static final Cancellation CANCELLATION = new Cancellation();
    private static volatile int signalNumber;
    private static volatile boolean installed;
    private static volatile Duration grace = Duration.ofSeconds(25);

    private Signals() {}

    /** The process's cancellation: requested on the first SIGINT/SIGTERM once {@link #install} ran. */
    public static Cancellation cancellation() {
        return CANCELLATION;
    }

    /**
     * Handles SIGINT and SIGTERM from now on; {@code grace} bounds the clean stop. Only the launcher's {@code main}
     * installs it: in-process tests and the demo keep the JVM's handling.
     */
    public static synchronized void install(Duration initialGrace, PrintWriter err) {
        if (installed) {
            return;
        }
        installed = true;
        grace = initialGrace;
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> received(s, grace, err));
            } catch (IllegalArgumentException notAvailable) {
                // a platform without this signal: the JVM's default stays
            }
        }
    }

    private static void received(Signal s, Duration grace, PrintWriter err) {
        String name = "SIG" + s.getName();
        if (CANCELLATION.requested()) {
            err.println("godwit: " + name + " again: stopping at once");
            exitNow(128 + s.getNumber());
            return;
        }
        signalNumber = s.getNumber();
        if (!CANCELLATION.watched()) {
            // Nothing in progress needs a clean stop (a read-only command, or no work started yet).
            exitNow(128 + s.getNumber());
            return;
        }
        err.println("godwit: " + name + " received: stopping cleanly (within " + Durations.words(grace)
                + "; send it again to stop at once)");
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(grace.toMillis());
                err.println("godwit: the clean stop took longer than " + Durations.words(grace) + ": stopping at once");
                exitNow(128 + s.getNumber());
            } catch (InterruptedException ended) {
                // the process is ending normally
            }
        }, "godwit-stop-grace");
        watchdog.setDaemon(true);
        watchdog.start();
        CANCELLATION.request(name);
    }

    private static void exitNow(int code) {
        CANCELLATION.hardExit();
        Runtime.getRuntime().halt(code);
    }

    /** The grace period from the configuration ({@code [migrations] stop_grace}), once it is loaded. */
    public static void grace(Duration configured) {
        grace = configured;
    }

    /** 128 + the signal's number (130 for SIGINT, 143 for SIGTERM) once one was received, as shells report it. */
    public static int exitCode(int commandExit) {
        return signalNumber == 0 ? commandExit : 128 + signalNumber;
    }

    /** How the grace period reads in a message ("25s"). */
    private static final class Durations {
        static String words(Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
        }
    }
}
