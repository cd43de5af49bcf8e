package dev.godwit.rehearse;

import dev.godwit.db.ConnectFailure;
import dev.godwit.db.ConnectionSettings;
import dev.godwit.db.Connections;
import dev.godwit.db.Identifiers;
import dev.godwit.db.ScratchServer;
import dev.godwit.db.ServerInfo;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The throwaway database a rehearsal runs in: a fresh database on an embedded PostgreSQL that Godwit starts
 * (and stops), or on the server {@code --shadow-url} names (where only that database is created and dropped).
 */
public final class Shadow implements AutoCloseable {

    /** The only major the embedded server comes in (the zonky binaries Godwit ships with). */
    public static final int EMBEDDED_MAJOR = 15;

    private final ScratchServer embedded;
    private final ConnectionSettings server;
    private final ConnectionSettings database;
    private final ServerInfo info;
    private final String description;

    private Shadow(ScratchServer embedded, ConnectionSettings server, String name, ServerInfo info,
                   String description) {
        this.embedded = embedded;
        this.server = server;
        this.database = new ConnectionSettings(server.host(), server.port(), name, server.user(), server.password(),
                server.sslMode(), server.params(), "rehearsal");
        this.info = info;
        this.description = description;
    }

    /** Starts an embedded PostgreSQL 15 built for speed, not durability: it is thrown away afterwards. */
    public static Shadow embedded() throws IOException, SQLException, ConnectFailure {
        ScratchServer pg = ScratchServer.start("the rehearsal (or pass --shadow-url)");
        try {
            return create(pg, pg.admin(), "an embedded PostgreSQL");
        } catch (SQLException | ConnectFailure | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** A fresh database on the server {@code --shadow-url} names. */
    public static Shadow on(ConnectionSettings server) throws SQLException, ConnectFailure {
        return create(null, server, "the shadow server " + server.display());
    }

    private static Shadow create(ScratchServer pg, ConnectionSettings server, String description)
            throws SQLException, ConnectFailure {
        String name = "godwit_rehearse_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = Connections.open(server); Statement s = admin.createStatement()) {
            s.execute("create database " + Identifiers.quote(name) + " template template0");
            return new Shadow(pg, server, name, ServerInfo.of(admin), description);
        }
    }

    public ConnectionSettings database() {
        return database;
    }

    public ServerInfo info() {
        return info;
    }

    /** {@code an embedded PostgreSQL 15.5}. */
    public String describe() {
        return description + " (PostgreSQL " + info.version() + ")";
    }

    public Connection connect() throws ConnectFailure {
        return Connections.open(database);
    }

    /** Drops the database (ending whatever still uses it) and stops the embedded server. */
    @Override
    public void close() throws IOException {
        try (Connection admin = Connections.open(server); Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + Identifiers.quote(database.database()) + " with (force)");
        } catch (SQLException | ConnectFailure e) {
            if (embedded == null) {
                throw new IOException("could not drop the rehearsal database " + database.database() + " on "
                        + server.display() + ": " + e.getMessage() + "; drop it by hand", e);
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
