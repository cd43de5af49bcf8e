package dev.godwit.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * {@code -Dgodwit.test.url}: a server of the team's own (a Testcontainers container) instead of the embedded one.
 * The embedded server of this JVM stands in for it, reached by URL.
 */
@GodwitTest
class ServerUrlTest {

    @AfterEach
    void clear() {
        System.clearProperty(TestServer.URL_PROPERTY);
    }

    @Test
    void aServerNamedByUrlIsUsedForTemplatesAndCopies(GodwitDatabase db) throws Exception {
        int port = db.server().settings("postgres").port();
        System.setProperty(TestServer.URL_PROPERTY, "postgres://postgres@localhost:" + port + "/postgres");

        try (TestServer byUrl = TestServer.start()) {
            assertThat(byUrl.display()).isEqualTo("postgres://postgres@localhost:" + port + "/postgres");
            // Other migrations than the class's, so its own template on the same server is left alone.
            Migrations other = new Migrations(List.of("classpath:db/godwit"), "", Map.of("lint.max_risk", "critical"));
            GodwitExtension.Template template = GodwitExtension.Template.create(byUrl, other);
            byUrl.cloneDatabase(template.name(), "godwit_url_copy");
            GodwitDatabase copy = new GodwitDatabase(byUrl, template.migrations(), "godwit_url_copy");
            assertThat(GodwitExtensionTest.query(copy.dataSource(), "select count(*) from accounts")).isZero();
            byUrl.drop("godwit_url_copy");
            template.close();
        }
    }

    @Test
    void aUrlThatIsNotPostgresNamesThePropertyItCameFrom() {
        System.setProperty(TestServer.URL_PROPERTY, "mysql://root@localhost/test");

        assertThatThrownBy(TestServer::start)
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("-Dgodwit.test.url is not a PostgreSQL URL");
    }
}
