package dev.godwit.backup;

import dev.godwit.config.BackupSettings;
import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ConnectFailure;
import dev.godwit.db.ConnectionSettings;
import dev.godwit.db.Connections;
import dev.godwit.db.Identifiers;
import dev.godwit.db.ServerInfo;
import dev.godwit.db.SessionTimeouts;
import dev.godwit.base.Cancellation;
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
    private final Cancellation cancel;

    BackupRestore(GodwitConfig config, BackupStore store, Cancellation cancel) {
        this.config = config;
        this.settings = config.backup();
        this.store = store;
        this.cancel = cancel;
    }

    /** Into a new database on the same server; an existing database is never written into. */
    Restored into(Manifest m, String name) throws BackupException, InterruptedException {
        if (name.isBlank() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
            throw new BackupException(BackupException.Kind.REFUSED, "--into must name a new database (1 to 63 bytes),"
                    + " not '" + name + "'");
        }
        long started = System.nanoTime();
        try (Connection c = Connections.open(config.connection()); Interruption stop = new Interruption(cancel)) {
            SessionTimeouts.keepAlive(c); // idle while pg_restore runs, then it drops or counts
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
                PgRestore.run(tools, store, m, settings.key(), PgRestore.Target.of(Connections.reached(c,
                        config.connection()), name), flags, stop);
            } catch (BackupException e) {
                drop(c, name);
                if (e.kind() == BackupException.Kind.INTERRUPTED) {
                    throw stop.interrupted("pg_restore was stopped and " + name + " was dropped again");
                }
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
     * the restore; tables the backup does not have are left in place and named in the result. The lock is
     * released only once pg_restore's session has ended on the server: a stopped restore must not commit after
     * another run has taken the lock.
     */
    Restored replace(Manifest m, MigrationLock.Requester requester, Duration lockWait)
            throws BackupException, InterruptedException {
        long started = System.nanoTime();
        PgTools.Pair tools = verified(m);
        String database = config.connection().database();
        String app = PgProcess.APPLICATION_NAME + "-restore-" + Long.toHexString(new java.security.SecureRandom()
                .nextLong() >>> 16);
        try (Interruption stop = new Interruption(cancel);
             Connection c = Connections.open(config.connection());
             Connection lockConnection = Connections.open(config.connection());
             MigrationLock lock = acquire(lockConnection, requester, lockWait, stop)) {
            SessionTimeouts.keepAlive(c); // idle while pg_restore runs, then it waits for pg_restore's session to end
            String toc = PgRestore.list(tools, store, m, settings.key(), config.connection(), stop);
            try (Statement s = c.createStatement()) {
                s.execute("create schema if not exists " + Identifiers.quote(config.schema()));
            }
            // On an immediate exit the lock goes with this process: end pg_restore's session first.
            stop.alsoOnHardExit(() -> terminate(c, app));
            try (TempCopy tmp = TempCopy.create(m, stop)) {
                Path list = PgRestore.writeList(tmp.dir(), withoutAuditLog(toc, config.schema()));
                // pg_restore writes where the lock is held: of a multi-host URL, the server the lock session reached.
                PgRestore.run(tools, store, m, settings.key(), new PgRestore.Target(Connections.reached(lockConnection,
                        config.connection()), database, app, SessionTimeouts.pgOptions(ServerInfo.of(c).major())),
                        List.of("--clean", "--if-exists",
                        "--single-transaction", "--exit-on-error", "--use-list=" + list), stop);
            } finally {
                awaitGone(c, app);
            }
            // The audit log went on past the backup; it is not compared.
            return checked(m, database, started, java.util.Set.of(config.schema() + ".audit_log"));
        } catch (BackupException e) {
            if (e.kind() == BackupException.Kind.INTERRUPTED) {
                throw new BackupException(BackupException.Kind.INTERRUPTED, e.getMessage() + "; pg_restore ran in one"
                        + " transaction, so " + database + " is as it was before; the migration lock was released"
                        + " after pg_restore's session had ended");
            }
            throw e;
        } catch (LockTimeoutException e) {
            throw new BackupException(BackupException.Kind.LOCKED, "nothing was restored: " + e.getMessage());
        } catch (ConnectFailure e) {
            throw BackupException.failed(e.getMessage());
        } catch (SQLException | IOException e) {
            throw BackupException.failed("the restore over " + database + " failed: " + e.getMessage());
        }
    }

    /** The migration lock, on a session that a managed server's idle timeouts must not end while pg_restore runs. */
    private MigrationLock acquire(Connection lockConnection, MigrationLock.Requester requester, Duration lockWait,
                                  Interruption stop) throws SQLException, LockTimeoutException, BackupException {
        SessionTimeouts.keepAlive(lockConnection);
        Thread waiting = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean inWait = new java.util.concurrent.atomic.AtomicBoolean(true);
        stop.alsoOnRequest(() -> {
            if (inWait.get()) {
                waiting.interrupt();
            }
        });
        try {
            return MigrationLock.acquire(lockConnection, config.schema(), requester, lockWait, h -> { });
        } catch (InterruptedException e) {
            Thread.interrupted();
            throw stop.interrupted("stopped while waiting for the migration lock; nothing was restored");
        } finally {
            inWait.set(false);
            Thread.interrupted(); // a request that came just as the wait ended must not hit what follows
        }
    }

    /**
     * Waits until no session of this restore is left on the server (pg_restore's own, after it exited or was
     * stopped), ending any that linger: only then may the lock go.
     */
    private static void awaitGone(Connection c, String app) throws SQLException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        boolean terminated = false;
        while (sessions(c, app) > 0) {
            if (!terminated && System.nanoTime() > deadline) {
                terminate(c, app);
                terminated = true;
                deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            } else if (terminated && System.nanoTime() > deadline) {
                throw new SQLException("pg_restore's session (application_name " + app + ") is still open on the"
                        + " server after being terminated; the migration lock was released anyway");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long sessions(Connection c, String app) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from pg_stat_activity"
                + " where application_name = ? and pid <> pg_backend_pid()")) {
            ps.setString(1, app);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void terminate(Connection c, String app) {
        try (PreparedStatement ps = c.prepareStatement("select pg_terminate_backend(pid) from pg_stat_activity"
                + " where application_name = ? and pid <> pg_backend_pid()")) {
            ps.setString(1, app);
            ps.execute();
        } catch (SQLException ignored) {
            // the server is gone, and with it the session
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
        Verification v = new BackupVerify(config, store, cancel).run(m, java.util.Optional.empty());
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
