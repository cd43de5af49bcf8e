package dev.godwit.prometheus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.godwit.metrics.Health;
import dev.godwit.metrics.State;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * {@code godwit serve}: a long-running exporter. {@code /metrics} reads the state from the database at each
 * scrape, then answers in whatever format the scraper asks for (the library's handler); {@code /health} is
 * JSON, 200 when ok and 503 when degraded, with the reasons.
 */
public final class Exporter implements AutoCloseable {

    /** Reads the state now; throws when the database cannot be read. */
    @FunctionalInterface
    public interface StateSource {
        State read() throws Exception;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final GodwitMetrics metrics;
    private final StateSource source;
    private final Duration backupMaxAge;
    private final String database;

    public Exporter(InetSocketAddress address, GodwitMetrics metrics, StateSource source, Duration backupMaxAge,
                    String database) throws IOException {
        this.metrics = metrics;
        this.source = source;
        this.backupMaxAge = backupMaxAge;
        this.database = database;
        this.server = HttpServer.create(address, 10);
        server.createContext("/metrics", exchange -> {
            refresh();
            scrape(exchange);
        });
        server.createContext("/health", this::health);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "godwit-serve");
            t.setDaemon(true);
            return t;
        }));
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The state now, into the metrics; the health it means. */
    Health refresh() {
        try {
            State s = source.read();
            metrics.update(s);
            return Health.of(s, backupMaxAge, Instant.now());
        } catch (Exception e) {
            metrics.databaseDown();
            return Health.unreachable(e.getMessage());
        }
    }

    /** OpenMetrics when the scraper asks for it (Prometheus does), else the 0.0.4 text format. */
    private void scrape(HttpExchange exchange) throws IOException {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        GodwitMetrics.Exposition e = metrics.exposition(accept);
        exchange.getResponseHeaders().set("Content-Type", e.contentType());
        exchange.sendResponseHeaders(200, e.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(e.body());
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        Health h = refresh();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", h.status());
        doc.put("reasons", h.reasons());
        doc.put("database", database);
        doc.put("checkedAt", Instant.now().toString());
        byte[] body = JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(h.ok() ? 200 : 503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
