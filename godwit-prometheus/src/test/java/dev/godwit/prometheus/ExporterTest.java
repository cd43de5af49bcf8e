package dev.godwit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.metrics.State;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExporterTest {

    private static final State HEALTHY = new State(Optional.empty(), 2, Optional.of(Instant.now()), Optional.empty(),
            Optional.of(Instant.now()), List.of(), Optional.empty());

    @Test
    void servesTheTextFormatOpenMetricsOnRequestAndHealth() throws Exception {
        try (Exporter e = new Exporter(new InetSocketAddress("127.0.0.1", 0), new GodwitMetrics(), () -> HEALTHY,
                Duration.ofDays(1), "ledger")) {
            e.start();
            HttpClient http = HttpClient.newHttpClient();
            URI metrics = URI.create("http://127.0.0.1:" + e.port() + "/metrics");

            HttpResponse<String> text = http.send(HttpRequest.newBuilder(metrics).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(text.statusCode()).isEqualTo(200);
            assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
            assertThat(text.body()).contains("godwit_pending_migrations 2.0");

            HttpResponse<String> open = http.send(HttpRequest.newBuilder(metrics)
                    .header("Accept", "application/openmetrics-text; version=1.0.0").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/openmetrics-text"));
            assertThat(open.body()).contains("godwit_pending_migrations 2.0").endsWith("# EOF\n");

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + e.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"database\":\"ledger\"");
        }
    }

    @Test
    void anUnreadableDatabaseIsA503WithTheReason() throws Exception {
        try (Exporter e = new Exporter(new InetSocketAddress("127.0.0.1", 0), new GodwitMetrics(), () -> {
            throw new java.sql.SQLException("connection refused");
        }, Duration.ofDays(1), "ledger")) {
            e.start();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + e.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("connection refused");
        }
    }
}
