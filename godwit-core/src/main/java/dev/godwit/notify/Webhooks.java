package dev.godwit.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.godwit.config.NotifySpec;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a run's notices to its {@code [[notify]]} webhooks, in the background: a delivery never delays or fails the
 * run. Each attempt has the target's timeout; a failed one (no answer, 429, 5xx) is tried again after 250 ms, 500 ms,
 * 1 s, ... up to the target's attempts. At the end of the run {@link #finish} waits at most {@link #END_WAIT} for
 * what is still on its way, then leaves it (daemon threads) and says so.
 */
public final class Webhooks implements AutoCloseable {

    /** The longest a run's end waits for its notices. */
    public static final Duration END_WAIT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    private final List<NotifySpec> targets;
    private final ExecutorService pool;
    private final HttpClient client;
    private final List<CompletableFuture<String>> sent = new ArrayList<>();

    public Webhooks(List<NotifySpec> targets) {
        this.targets = List.copyOf(targets);
        this.pool = targets.isEmpty() ? null : Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "godwit-notify");
            t.setDaemon(true);
            return t;
        });
        this.client = targets.isEmpty() ? null : HttpClient.newBuilder().executor(pool)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public boolean any() {
        return !targets.isEmpty();
    }

    /** Starts delivering {@code n} to every target that listens for its event; returns at once. */
    public synchronized void send(Notice n) {
        for (NotifySpec t : targets) {
            if (t.events().contains(n.event())) {
                sent.add(CompletableFuture.supplyAsync(() -> deliver(t, n), pool));
            }
        }
    }

    /** Waits up to {@code bound} for the deliveries; what went wrong with them, one line each (no URL paths). */
    public List<String> finish(Duration bound) {
        List<CompletableFuture<String>> all;
        synchronized (this) {
            all = List.copyOf(sent);
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // reported below, per delivery
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // deliver() returns its failure rather than throwing
        }
        List<String> problems = new ArrayList<>();
        for (CompletableFuture<String> f : all) {
            if (!f.isDone()) {
                problems.add("a notice was still not delivered after the end-of-run wait of "
                        + bound.toSeconds() + " s, and was left");
            } else {
                String problem = f.getNow(null);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        return problems;
    }

    /** null when delivered; else why not. */
    private String deliver(NotifySpec t, Notice n) {
        String body;
        try {
            body = JSON.writeValueAsString(n.json());
        } catch (java.io.IOException e) {
            return "the notice could not be written as JSON: " + e.getMessage();
        }
        HttpRequest request = HttpRequest.newBuilder(t.url()).timeout(t.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "godwit")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        String last = "";
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; attempt <= t.attempts(); attempt++) {
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return null;
                }
                last = "HTTP " + status;
                if (status / 100 == 4 && status != 429) {
                    break; // the request itself is wrong: sending it again will not help
                }
            } catch (java.io.IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "the " + n.event().word() + " notice to " + t.where() + " was interrupted";
            }
            if (attempt < t.attempts()) {
                try {
                    Thread.sleep(backoff.toMillis()); // a background retry's backoff, not an ordering of processes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "the " + n.event().word() + " notice to " + t.where() + " was interrupted";
                }
                backoff = backoff.multipliedBy(2);
            }
        }
        return "the " + n.event().word() + " notice to " + t.where() + " failed (" + last + ")";
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
