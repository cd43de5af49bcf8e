package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * [[notify]] webhooks through the real CLI, against a local HTTP server that records what it received: one path
 * answers 200, one answers 500 (the retries arrive), one never answers (the run still ends promptly, with its own exit
 * code and a warning).
 */
class NotifyCliIT extends CliTestBase {

    private HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger hung = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void server() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", x -> {
            received.add(new ObjectMapper().readTree(new String(x.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.createContext("/fail", x -> {
            x.getRequestBody().readAllBytes();
            failures.incrementAndGet();
            x.sendResponseHeaders(500, -1);
            x.close();
        });
        server.createContext("/hang", x -> {
            hung.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aRunTellsItsWebhooksAndAFailingOrHangingOneNeitherDelaysNorFailsIt() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        config("""
                [[notify]]
                name = "team"
                url = "%1$s/ok"

                [[notify]]
                name = "flaky"
                url = "%1$s/fail"
                events = ["success"]
                attempts = 3

                [[notify]]
                name = "stuck"
                url = "%1$s/hang?token=hidden"
                timeout = "60s"
                """.formatted(base()));
        long started = System.nanoTime();

        GodwitProcess.Result r = run("migrate", "--ticket", "CHG-9", "--approved-by", "alice");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the hanging webhook held the run at most the"
                + " end-of-run wait").isLessThan(Duration.ofSeconds(45));
        assertThat(received).extracting(j -> j.get("event").asText()).containsExactly("start", "success");
        JsonNode success = received.get(1);
        assertThat(success.get("text").asText()).contains("godwit migrate succeeded on").contains("→ 1")
                .contains("ticket CHG-9").contains("approved by alice").contains("report: ");
        assertThat(success.get("database").asText()).contains(String.valueOf(db.port()));
        if (db.password() != null && !db.password().isEmpty()) {
            assertThat(success.toString()).doesNotContain(db.password());
        }
        assertThat(success.get("versionAfter").asText()).isEqualTo("1");
        assertThat(success.get("durationMs").asLong()).isNotNegative();
        assertThat(success.get("report").asText()).endsWith(".md");
        assertThat(failures.get()).as("the failing webhook was tried again").isEqualTo(3);
        assertThat(hung.get()).isPositive();
        assertThat(r.stderr()).contains("flaky").contains("HTTP 500").contains("end-of-run wait")
                .doesNotContain("token=hidden");
        assertThat(db.tableExists("public.accounts")).isTrue();
    }

    @Test
    void aRefusedRunIsARefusalNotice() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        config("""
                [audit]
                require_ticket = true

                [[notify]]
                url = "%s/ok"
                events = ["refusal", "failure"]
                """.formatted(base()));

        GodwitProcess.Result r = run("migrate");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).get("event").asText()).isEqualTo("refusal");
        assertThat(received.get(0).get("text").asText()).contains("was refused").contains("ticket");
    }
}
