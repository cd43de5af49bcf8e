package dev.godwit.backup;

import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ConnectFailure;
import dev.godwit.db.ConnectionSettings;
import dev.godwit.db.Connections;
import dev.godwit.db.Identifiers;
import dev.godwit.db.ServerInfo;
import dev.godwit.db.ScratchServer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code verify --deep}: restores the backup into a scratch database and compares every table's row count
 * with the manifest. The scratch server is an embedded PostgreSQL of the backup's major by default, or the
 * server {@code --scratch-url} names; the scratch database is dropped afterwards either way.
 */
final class DeepCheck {

    private final GodwitConfig config;
    private final BackupStore store;
    private final PgTools.Pair tools;
    private final Interruption stop;

    DeepCheck(GodwitConfig config, BackupStore store, PgTools.Pair tools, Interruption stop) {
        this.config = config;
        this.store = store;
        this.tools = tools;
        this.stop = stop;
    }

    List<Verification.Check> run(Manifest m, Backups.Scratch scratch) throws BackupException, InterruptedException {
        if (scratch.server().isPresent()) {
            return on(m, scratch.server().get(), "the scratch server " + scratch.server().get().display());
        }
        try (ScratchServer pg = ScratchServer.start("backup verify --deep (or pass --scratch-url)")) {
            // Its data folder holds the restored rows: an immediate exit stops it, which removes the folder.
            stop.alsoOnHardExit(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the process is exiting; nothing more can be done
                }
            });
            return on(m, pg.admin(), "an embedded PostgreSQL");
        } catch (IOException e) {
            throw BackupException.failed("could not start the embedded PostgreSQL for --deep: " + e.getMessage()
                    + "; pass --scratch-url to restore into a server of your own");
        }
    }

    private List<Verification.Check> on(Manifest m, ConnectionSettings server, String where)
            throws BackupException, InterruptedException {
        List<Verification.Check> checks = new ArrayList<>();
        String db = "godwit_verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = Connections.open(server)) {
            ServerInfo info = ServerInfo.of(admin);
            if (info.major() < m.serverMajor()) {
                checks.add(new Verification.Check("restore", false, where + " is PostgreSQL " + info.version()
                        + ", older than the backup's server (" + m.serverVersion() + "): pass --scratch-url to a"
                        + " server of major " + m.serverMajor() + " or newer"));
                return checks;
            }
            try (Statement s = admin.createStatement()) {
                s.execute("create database " + Identifiers.quote(db) + " template template0");
            }
            try {
                long started = System.nanoTime();
                PgRestore.run(tools, store, m, config.backup().key(),
                        PgRestore.Target.of(server, db), List.of("--no-owner", "--no-privileges", "--exit-on-error"),
                        stop);
                long ms = (System.nanoTime() - started) / 1_000_000;
                checks.add(new Verification.Check("restore", true, "restored into " + where + " (PostgreSQL "
                        + info.version() + ") in " + ms + " ms"));
                checks.add(counts(m, PgRestore.on(server, db)));
            } catch (BackupException e) {
                checks.add(new Verification.Check("restore", false, "into " + where + ": " + e.getMessage()));
            } finally {
                try (Statement s = admin.createStatement()) {
                    s.execute("drop database if exists " + Identifiers.quote(db) + " with (force)");
                }
            }
        } catch (ConnectFailure e) {
            throw BackupException.failed("cannot reach " + where + ": " + e.getMessage());
        } catch (SQLException e) {
            throw BackupException.failed("the scratch database on " + where + " failed: " + e.getMessage());
        }
        return checks;
    }

    private Verification.Check counts(Manifest m, ConnectionSettings restored) throws BackupException {
        try (Connection c = Connections.open(restored)) {
            Map<String, Long> actual = RowCounts.of(c, config.schema());
            List<String> diffs = RowCounts.differences(m.rowCounts(), actual);
            return new Verification.Check("row counts", diffs.isEmpty(), diffs.isEmpty()
                    ? m.rowCounts().size() + " tables, " + m.totalRows() + " rows, as in the manifest"
                    : String.join("; ", diffs));
        } catch (ConnectFailure | SQLException e) {
            throw BackupException.failed("cannot count the restored rows: " + e.getMessage());
        }
    }
}
