package dev.godwit.embedded;

import dev.godwit.db.ConnectionSettings;
import dev.godwit.db.ScratchServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/** A PostgreSQL 15 started from the zonky binaries on the class path, in a temporary data folder. */
public final class EmbeddedServer implements ScratchServer {

    /** The only major the embedded server comes in. */
    public static final int MAJOR = 15;

    private final EmbeddedPostgres pg;

    private EmbeddedServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /** A server with PostgreSQL's durable defaults: what `godwit demo` shows. */
    public static EmbeddedServer start() throws IOException {
        return new EmbeddedServer(EmbeddedPostgres.builder().start());
    }

    /** A server built for speed, not durability: it is thrown away afterwards. */
    public static EmbeddedServer startThrowaway() throws IOException {
        return new EmbeddedServer(EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start());
    }

    public int port() {
        return pg.getPort();
    }

    @Override
    public ConnectionSettings admin() {
        return ScratchServer.localAdmin(pg.getPort(), "embedded PostgreSQL on port " + pg.getPort());
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }

    /** What core finds through {@link java.util.ServiceLoader}. */
    public static final class Provider implements ScratchServer.Provider {
        @Override
        public ScratchServer start() throws IOException {
            return startThrowaway();
        }
    }
}
