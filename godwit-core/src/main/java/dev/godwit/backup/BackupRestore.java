package dev.godwit.backup;

import dev.godwit.config.BackupSettings;
import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ConnectFailure;
import dev.godwit.db.ConnectionSettings;
import dev.godwit.db.Connections;
import dev.godwit.db.Identifiers;
import dev.godwit.lock.LockTimeoutException;
import dev.godwit.lock.MigrationLock;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Restores a backup, but only one that verifies first (checksum, authentication, pg_restore --list): a
 * damaged file or a wrong key is refused before anything is written. After the restore every table's row
 * count is compared with the manifest.
 */
final class BackupRestore {

    private final GodwitConfig config;
    private final BackupSettings settings;
    private final BackupStore store;

    BackupRestore(GodwitConfig config) {
        this.config = config;
        this.settings = config.backup();
        this.store = new BackupStore(settings.dir());
    }

    /** Into a new database on the same server; an existing database is never written into. */
    Restored into(Manifest m, String name) throws BackupException, InterruptedException {
        if (name.isBlank() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
            throw new BackupException(BackupException.Kind.REFUSED, "--into must name a new database (1 to 63 bytes),"
                    + " not '" + name + "'");
        }
        long started = System.nanoTime();
        try (Connection c = Connections.open(config.connection())) {
            if (exists(c, name)) {
                throw new BackupException(BackupException.Kind.REFUSED, "database " + name + " already exists;"
                        + " restore writes only into a new database: name another, or replace the configured database"
                        + " with --replace --yes");
            }
            PgTools.Pair tools = verified(m);
            try (Statement s = c.createStatement()) {
                s.execute("create database " + Identifiers.quote(name) + " template template0");
            }
            try {
                List<String> flags = new ArrayList<>(List.of("--exit-on-error"));
                flags.add(m.format().equals("directory") ? "--jobs=" + m.jobs() : "--single-transaction");
                PgRestore.run(tools, store, m, settings.key(), config.connection(), name, flags);
            } catch (BackupException e) {
                drop(c, name);
                throw BackupException.failed("the restore into " + name + " failed, so that database was dropped"
                        + " again: " + e.getMessage());
            } catch (InterruptedException | RuntimeException e) {
                drop(c, name);
                throw e;
            }
            return checked(m, name, started, java.util.Set.of());
        } catch (ConnectFailure e) {
            throw BackupException.failed(e.getMessage());
        } catch (SQLException e) {
            throw BackupException.failed("the restore into " + name + " failed: " + e.getMessage());
        }
    }

    /**
     * Over the configured database, under the migration lock: pg_restore --clean --if-exists in one
     * transaction, so it is all or nothing. Godwit's audit log is left out, so it goes on unbroken and records
     * the restore; tables the backup does not have are left in place and named in the result.
     */
    Restored replace(Manifest m, MigrationLock.Requester requester, Duration lockWait)
            throws BackupException, InterruptedException {
        long started = System.nanoTime();
        PgTools.Pair tools = verified(m);
        Path tmp = null;
        try (Connection c = Connections.open(config.connection());
             Connection lockConnection = Connections.open(config.connection());
             MigrationLock lock = MigrationLock.acquire(lockConnection, config.schema(), requester, lockWait, h -> { })) {
            tmp = BackupVerify.privateTempDir(m);
            String toc = PgRestore.list(tools, store, m, settings.key(), config.connection());
            Path list = PgRestore.writeList(tmp, withoutAuditLog(toc, config.schema()));
            try (Statement s = c.createStatement()) {
                s.execute("create schema if not exists " + Identifiers.quote(config.schema()));
            }
            PgRestore.run(tools, store, m, settings.key(), config.connection(), config.connection().database(),
                    List.of("--clean", "--if-exists", "--single-transaction", "--exit-on-error",
                            "--use-list=" + list));
            // The audit log went on past the backup; it is not compared.
            return checked(m, config.connection().database(), started,
                    java.util.Set.of(config.schema() + ".audit_log"));
        } catch (LockTimeoutException e) {
            throw new BackupException(BackupException.Kind.LOCKED, "nothing was restored: " + e.getMessage());
        } catch (ConnectFailure e) {
            throw BackupException.failed(e.getMessage());
        } catch (SQLException | IOException e) {
            throw BackupException.failed("the restore over " + config.connection().database() + " failed: "
                    + e.getMessage());
        } finally {
            BackupCreate.deleteTree(tmp);
        }
    }

    /** The table of contents less the entries of Godwit's audit log and of Godwit's schema itself. */
    static String withoutAuditLog(String toc, String schema) {
        Pattern audit = Pattern.compile("^\\d+; \\d+ \\d+ [A-Z ]+? " + Pattern.quote(schema) + " (TABLE )?audit_log.*");
        Pattern schemaEntry = Pattern.compile("^\\d+; \\d+ \\d+ SCHEMA - " + Pattern.quote(schema) + " .*");
        StringBuilder out = new StringBuilder();
        toc.lines().forEach(l -> {
            boolean skip = audit.matcher(l).matches() || schemaEntry.matcher(l).matches();
            out.append(skip ? ";" + l : l).append('\n');
        });
        return out.toString();
    }

    /** Verifies before anything is written; the tools to restore with. */
    private PgTools.Pair verified(Manifest m) throws BackupException, InterruptedException {
        Verification v = new BackupVerify(config).run(m, java.util.Optional.empty());
        if (!v.ok()) {
            Verification.Check f = v.firstFailure().orElseThrow();
            throw BackupException.failed("refusing to restore " + m.id() + ": it does not verify (" + f.name() + ": "
                    + f.detail() + "); nothing was written");
        }
        return PgTools.find(settings.pgBinDir(), m.serverMajor(), m.serverVersion(), System.getenv("PATH"));
    }

    private Restored checked(Manifest m, String database, long started, java.util.Set<String> ignore)
            throws BackupException {
        ConnectionSettings restored = PgRestore.on(config.connection(), database);
        try (Connection c = Connections.open(restored)) {
            Map<String, Long> actual = new java.util.TreeMap<>(RowCounts.of(c, config.schema()));
            Map<String, Long> expected = new java.util.TreeMap<>(m.rowCounts());
            actual.keySet().removeAll(ignore);
            expected.keySet().removeAll(ignore);
            List<String> diffs = RowCounts.differences(expected, actual);
            if (!diffs.isEmpty()) {
                throw BackupException.failed("restored " + m.id() + " into " + database + ", but the row counts differ"
                        + " from the manifest: " + String.join("; ", diffs) + "; the database was left as it is for"
                        + " inspection");
            }
            List<String> extra = actual.keySet().stream().filter(t -> !expected.containsKey(t)).toList();
            return new Restored(m.id(), database, expected.size(),
                    expected.values().stream().mapToLong(Long::longValue).sum(), extra,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (ConnectFailure | SQLException e) {
            throw BackupException.failed("restored into " + database + " but cannot count its rows: " + e.getMessage());
        }
    }

    private static void drop(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop database if exists " + Identifiers.quote(name) + " with (force)");
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

}
