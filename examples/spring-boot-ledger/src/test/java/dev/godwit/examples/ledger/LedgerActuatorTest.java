package dev.godwit.examples.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The actuator endpoint {@code godwit}, the health indicator and the meters, over HTTP on a started ledger. */
class LedgerActuatorTest {

    private TestDatabase db;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        db = TestServer.get().newDatabase();
    }

    @AfterEach
    void tearDown() {
        TestServer.get().drop(db);
    }

    @Test
    void endpointHealthAndMetersAnswerAfterAStartUpMigration() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");

            HttpResponse<String> godwit = get(base + "/actuator/godwit");
            assertThat(godwit.statusCode()).isEqualTo(200);
            assertThat(godwit.body()).contains("\"currentVersion\":\"2\"", "\"pending\":0",
                    "\"script\":\"V1__accounts.sql\"", "\"state\":\"applied\"", "\"auditIntact\":true",
                    "\"lockHolder\":null");

            HttpResponse<String> health = get(base + "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"godwit\":{", "\"status\":\"UP\"", "\"pending\":0");

            MeterRegistry meters = app.getBean(MeterRegistry.class);
            assertThat(meters.get("godwit.migrations.applied").counter().count()).isEqualTo(2.0);
            assertThat(meters.get("godwit.migration.duration").timer().count()).isEqualTo(2);

            // A history row edited behind Godwit's back (a failed row that nobody repaired) turns health DOWN.
            db.execute("update godwit.history set success = false where version = '2'");
            HttpResponse<String> down = get(base + "/actuator/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"godwit\":{", "\"status\":\"DOWN\"", "problems");
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--godwit.settings[report.dir]=target/godwit-reports",
                "--godwit.mode=migrate");
    }
}
