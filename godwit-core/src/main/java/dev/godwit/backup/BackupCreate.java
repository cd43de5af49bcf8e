package dev.godwit.backup;

import dev.godwit.config.BackupKey;
import dev.godwit.config.BackupSettings;
import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ConnectFailure;
import dev.godwit.db.ConnectionSettings;
import dev.godwit.db.Connections;
import dev.godwit.db.Identifiers;
import dev.godwit.db.ServerInfo;
import dev.godwit.db.SessionTimeouts;
import dev.godwit.base.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Takes one backup: exports a snapshot, runs pg_dump on it while counting every table's rows in the same
 * snapshot, streams the dump through SHA-256 (and encryption when a key is set) into a 0600 file, and writes
 * the manifest beside it. Until the manifest is written the file has a {@code .partial} name; any failure or
 * interruption removes it (and the staging folder of the directory format), so the folder never holds half a
 * backup — and while it runs, its {@link InProgress} marker tells a sweep in another process to keep off.
 */
final class BackupCreate {

    /** Opens the file a folder store writes a backup to; tests replace it to simulate a full disk. */
    @FunctionalInterface
    interface FileOpener {
        OutputStream open(Path file) throws IOException;
    }

    private final GodwitConfig config;
    private final BackupSettings settings;
    private final BackupStore store;
    private final Cancellation cancel;

    BackupCreate(GodwitConfig config, BackupStore store, Cancellation cancel) {
        this.config = config;
        this.settings = config.backup();
        this.store = store;
        this.cancel = cancel;
    }

    Manifest run(Backups.Request r, LongConsumer progress) throws BackupException, InterruptedException {
        String id = BackupId.next(Instant.now());
        int jobs = r.jobs().orElse(settings.jobs());
        boolean directory = jobs > 1;
        String fileName = id + (directory ? ".tar" : ".dump") + (settings.key().isPresent() ? ".enc" : "");
        Optional<Path> folder = store.folder();
        if (folder.isPresent()) {
            try {
                new FolderStore(folder.get()).ensureDir();
            } catch (IOException e) {
                throw BackupException.failed("cannot create the backup folder " + folder.get() + ": " + describe(e)
                        + "; set [backup] dir to a folder Godwit may write to");
            }
        }
        try (Interruption stop = new Interruption(cancel); InProgress marker = claim(id, folder);
             Staging staging = staging(id, folder, directory, stop)) {
            Target target = new Target(id, fileName, staging, stop);
            try {
                Manifest m = dump(r, jobs, target, progress);
                target.done();
                return m;
            } catch (BackupException e) {
                List<String> removed = target.undo();
                if (e.kind() == BackupException.Kind.INTERRUPTED) {
                    throw new BackupException(e.kind(), e.getMessage() + "; nothing was kept" + (removed.isEmpty() ? ""
                            : " (removed " + String.join(", ", removed) + ")"));
                }
                throw e;
            } catch (RuntimeException e) {
                target.undo();
                throw e;
            }
        } catch (IOException e) {
            throw BackupException.failed("cannot make a private staging folder for pg_dump's directory format: "
                    + describe(e));
        }
    }

    /**
     * pg_dump's directory format needs a folder: beside the backups in a folder store (as before), in a private
     * temporary folder for a remote store. Removed when closed, and on an immediate exit.
     */
    private record Staging(Path dir, TempCopy temp, Interruption stop) implements AutoCloseable {
        @Override
        public void close() {
            if (temp != null) {
                temp.close();
            } else if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private static Staging staging(String id, Optional<Path> folder, boolean directory, Interruption stop)
            throws IOException {
        if (!directory) {
            return new Staging(null, null, stop);
        }
        if (folder.isPresent()) {
            return new Staging(stop.removeOnHardExit(folder.get().resolve(id + ".staging")), null, stop);
        }
        TempCopy t = TempCopy.create(id, stop);
        return new Staging(t.dir().resolve("dump"), t, stop);
    }

    /** The backup being written: its upload once started, and what undoing it removes. */
    private final class Target {
        final String id;
        final String fileName;
        final Staging staging;
        final Interruption stop;
        private volatile BackupStore.Upload upload;
        private final java.util.concurrent.atomic.AtomicBoolean kept = new java.util.concurrent.atomic.AtomicBoolean();

        Target(String id, String fileName, Staging staging, Interruption stop) {
            this.id = id;
            this.fileName = fileName;
            this.staging = staging;
            this.stop = stop;
            // An immediate exit (a second signal) must not leave a file, or an upload in the bucket.
            stop.alsoOnHardExit(() -> {
                BackupStore.Upload u = upload;
                if (u != null && !kept.get()) {
                    u.abort();
                }
            });
        }

        BackupStore.Upload start() throws BackupException {
            upload = store.upload(id, fileName);
            return upload;
        }

        void done() {
            kept.set(true);
        }

        /** Removes what there is of the unfinished backup; what it removed, for the message. */
        List<String> undo() {
            List<String> removed = new ArrayList<>();
            BackupStore.Upload u = upload;
            if (u != null) {
                removed.addAll(u.abort());
            }
            if (staging.dir() != null && Files.exists(staging.dir())) {
                deleteTree(staging.dir());
                removed.add(staging.dir().getFileName() + " (pg_dump's unencrypted staging folder)");
            }
            return removed;
        }
    }

    private InProgress claim(String id, Optional<Path> folder) throws BackupException {
        if (folder.isEmpty()) {
            return InProgress.none();
        }
        try {
            return InProgress.claim(folder.get().resolve(id + Leftovers.MARKER));
        } catch (IOException e) {
            throw BackupException.failed("cannot write in the backup folder " + folder.get() + ": " + describe(e)
                    + "; set [backup] dir to a folder Godwit may write to");
        }
    }

    private Manifest dump(Backups.Request r, int jobs, Target t, LongConsumer progress)
            throws BackupException, InterruptedException {
        boolean directory = jobs > 1;
        Interruption stop = t.stop;
        try (Connection c = open()) {
            // First thing: the snapshot must outlive pg_dump, idle while pg_dump works (and while the tools are
            // looked for): a managed server's short idle timeouts would end it, and every backup with it.
            SessionTimeouts.keepAlive(c);
            stop.alsoOnRequest(() -> cancelQuery(c));
            ServerInfo server = ServerInfo.of(c);
            PgTools.Pair tools = PgTools.find(settings.pgBinDir(), server.major(), server.version(),
                    System.getenv("PATH"));
            var wal = dev.godwit.pitr.WalPosition.read(c); // in autocommit: a standby's refusal aborts nothing
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set transaction isolation level repeatable read, read only");
            }
            String snapshot = exportSnapshot(c);
            // pg_dump must reach the server whose snapshot it shares: of a multi-host URL, the one this session reached.
            Dump d = new Dump(tools, snapshot, SessionTimeouts.pgOptions(server.major()), c,
                    Connections.reached(c, config.connection()), stop, progress);
            Written w = directory ? dumpDirectory(d, jobs, t) : dumpCustom(d, t);
            stop.check("stopped as pg_dump finished");
            c.rollback();
            t.upload.commit();
            Manifest m = new Manifest(Manifest.VERSION, t.id, config.connection().display(), server.version(),
                    server.major(), tools.dump().version(), w.version().orElse(null), Instant.now().toString(),
                    w.bytes(), w.sha256(), settings.key().isPresent(), settings.key().map(BackupKey::id).orElse(null),
                    directory ? "directory" : "custom", jobs, t.fileName, r.label().orElse(null), r.keep(),
                    r.purpose(), r.runId(), w.counts(), null).withWal(wal.orElse(null));
            store.write(m);
            return m;
        } catch (SQLException e) {
            if (stop.requested()) {
                throw stop.interrupted("pg_dump was stopped, and the row counts in its snapshot cancelled");
            }
            throw BackupException.failed("the database refused what the backup needs (a read-only snapshot and"
                    + " row counts): " + e.getMessage());
        } catch (IOException e) {
            if (stop.requested()) {
                throw stop.interrupted("the backup was stopped while it was being written");
            }
            throw BackupException.failed("could not write the backup " + t.fileName + " to " + store.describe() + ": "
                    + describe(e) + "; the partial file was removed." + (store.folder().isPresent() ? " Free space in "
                    + store.describe() + " or set [backup] dir" : ""));
        }
    }

    private Connection open() throws BackupException {
        try {
            return Connections.open(config.connection());
        } catch (ConnectFailure e) {
            throw BackupException.failed(e.getMessage());
        }
    }

    /** Cancels what the snapshot session runs (a long count) from the signal's thread. */
    private static void cancelQuery(Connection c) {
        try {
            c.unwrap(org.postgresql.PGConnection.class).cancelQuery();
        } catch (SQLException ignored) {
            // the connection is gone already: nothing runs on it
        }
    }

    private static String exportSnapshot(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** What was written: its size and checksum, and what the snapshot said meanwhile. */
    private record Written(long bytes, String sha256, Map<String, Long> counts, Optional<String> version) {}

    /** What every dump needs: the tools, the snapshot and its session, the stop request, the progress. */
    private record Dump(PgTools.Pair tools, String snapshot, String options, Connection snapshotSession,
                        ConnectionSettings server, Interruption stop, LongConsumer progress) {}

    private List<String> dumpCommand(Dump d) {
        return new ArrayList<>(List.of(d.tools().dump().path().toString(), "--snapshot=" + d.snapshot(),
                "--no-password", "--exclude-table-data=" + Identifiers.qualified(config.schema(), "lock")));
    }

    private PgProcess start(List<String> cmd, Dump d) throws BackupException {
        d.stop().check("stopped before pg_dump started");
        return d.stop().watch(PgProcess.start(cmd, d.server(), d.server().database(), PgProcess.APPLICATION_NAME,
                d.options()));
    }

    /** pg_dump -Fc to its standard output, straight into the backup file. */
    private Written dumpCustom(Dump d, Target t)
            throws IOException, BackupException, SQLException, InterruptedException {
        List<String> cmd = dumpCommand(d);
        cmd.add("--format=custom");
        try (PgProcess dump = start(cmd, d)) {
            dump.stdin().close();
            Sink sink = sink(t, d);
            try {
                Pump pump = new Pump(dump.stdout(), sink.out());
                pump.start();
                Map<String, Long> counts = RowCounts.of(d.snapshotSession(), config.schema());
                Optional<String> version = RowCounts.migrationVersion(d.snapshotSession(), config.schema());
                int code = dump.waitFor();
                pump.finish();
                d.stop().check("pg_dump was stopped while it ran");
                if (code != 0) {
                    throw BackupException.failed(dump.failure(code) + "\n  nothing was kept: the partial file was"
                            + " removed");
                }
                sink.close();
                return new Written(sink.hash().bytes(), sink.hash().hex(), counts, version);
            } catch (IOException | BackupException | SQLException | InterruptedException | RuntimeException e) {
                sink.abandon();
                throw e;
            }
        }
    }

    /** pg_dump -Fd -j N into a private staging folder, then that folder as one tar stream into the file. */
    private Written dumpDirectory(Dump d, int jobs, Target t)
            throws IOException, BackupException, SQLException, InterruptedException {
        Path staging = t.staging.dir();
        List<String> cmd = dumpCommand(d);
        cmd.addAll(List.of("--format=directory", "--jobs=" + jobs, "--file=" + staging));
        Map<String, Long> counts;
        Optional<String> version;
        try (PgProcess dump = start(cmd, d)) {
            dump.stdin().close();
            dump.stdout().close();
            counts = RowCounts.of(d.snapshotSession(), config.schema());
            version = RowCounts.migrationVersion(d.snapshotSession(), config.schema());
            int code = dump.waitFor();
            d.stop().check("pg_dump was stopped while it ran");
            if (code != 0) {
                throw BackupException.failed(dump.failure(code) + "\n  nothing was kept: the partial files were"
                        + " removed");
            }
        }
        Sink sink = sink(t, d);
        try {
            Tar.write(staging, sink.out());
        } catch (IOException e) {
            sink.abandon();
            throw e;
        }
        sink.close();
        return new Written(sink.hash().bytes(), sink.hash().hex(), counts, version);
    }

    /** The chain to the store: [encryption] then SHA-256 and count then the upload (committed after). */
    private record Sink(OutputStream out, Sha256.Out hash) {
        /** Flushes what encryption holds back (its last chunk) through to the upload; the upload commits next. */
        void close() throws IOException {
            out.close();
        }

        void abandon() {
            // the upload is aborted by the caller, which also says what it removed
        }
    }

    private Sink sink(Target t, Dump d) throws BackupException, IOException {
        BackupStore.Upload upload = t.start();
        Interruption stop = d.stop();
        OutputStream checked = new java.io.FilterOutputStream(upload.out()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (stop.requested()) {
                    throw new java.io.InterruptedIOException("stopped");
                }
                out.write(b, off, len);
            }

            @Override
            public void close() {
                // the upload's own commit closes it: closing is not committing
            }
        };
        Sha256.Out hash = new Sha256.Out(checked, d.progress());
        OutputStream out = settings.key().isPresent()
                ? new EncryptingStream(hash, settings.key().get(), EncryptedFormat.DEFAULT_CHUNK) : hash;
        return new Sink(out, hash);
    }

    /** Copies a process's output into the backup in a thread of its own, so counting can go on meanwhile. */
    private static final class Pump extends Thread {
        private final InputStream in;
        private final OutputStream out;
        private volatile IOException failure;

        Pump(InputStream in, OutputStream out) {
            super("godwit-backup-pump");
            setDaemon(true);
            this.in = in;
            this.out = out;
        }

        @Override
        public void run() {
            byte[] buf = new byte[1 << 17];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                failure = e;
                try {
                    in.close(); // pg_dump then fails on a broken pipe instead of waiting forever
                } catch (IOException ignored) {
                    // closing is all that is left to try
                }
            }
        }

        void finish() throws IOException, InterruptedException {
            join();
            if (failure != null) {
                throw failure;
            }
        }
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file named " + m + " is in the way";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied on " + m;
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort after a failure that is already being reported
        }
    }
}
