package dev.godwit.backup;

import dev.godwit.config.BackupKey;
import dev.godwit.config.BackupSettings;
import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ConnectFailure;
import dev.godwit.db.Connections;
import dev.godwit.db.Identifiers;
import dev.godwit.db.ServerInfo;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * the manifest beside it. Until the manifest is written the file has a {@code .partial} name; any failure
 * removes it, so the folder never holds half a backup.
 */
final class BackupCreate {

    /** Opens the file the backup is written to; tests replace it to simulate a full disk. */
    @FunctionalInterface
    interface FileOpener {
        OutputStream open(Path file) throws IOException;
    }

    private final GodwitConfig config;
    private final BackupSettings settings;
    private final BackupStore store;
    private final FileOpener opener;

    BackupCreate(GodwitConfig config, FileOpener opener) {
        this.config = config;
        this.settings = config.backup();
        this.store = new BackupStore(settings.dir());
        this.opener = opener;
    }

    Manifest run(Backups.Request r, LongConsumer progress) throws BackupException, InterruptedException {
        String id = BackupId.next(Instant.now());
        int jobs = r.jobs().orElse(settings.jobs());
        boolean directory = jobs > 1;
        String fileName = id + (directory ? ".tar" : ".dump") + (settings.key().isPresent() ? ".enc" : "");
        try {
            store.ensureDir();
        } catch (IOException e) {
            throw BackupException.failed("cannot create the backup folder " + settings.dir() + ": " + describe(e)
                    + "; set [backup] dir to a folder Godwit may write to");
        }
        Path partial = settings.dir().resolve(fileName + ".partial");
        Path staging = settings.dir().resolve(id + ".staging");
        try (Connection c = open()) {
            ServerInfo server = ServerInfo.of(c);
            PgTools.Pair tools = PgTools.find(settings.pgBinDir(), server.major(), server.version(),
                    System.getenv("PATH"));
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set transaction isolation level repeatable read, read only");
            }
            String snapshot = exportSnapshot(c);
            Written w = directory
                    ? dumpDirectory(tools, snapshot, jobs, staging, partial, c, progress)
                    : dumpCustom(tools, snapshot, partial, c, progress);
            c.rollback();
            Path file = settings.dir().resolve(fileName);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            Manifest m = new Manifest(Manifest.VERSION, id, config.connection().display(), server.version(),
                    server.major(), tools.dump().version(), w.version().orElse(null), Instant.now().toString(),
                    w.bytes(), w.sha256(), settings.key().isPresent(), settings.key().map(BackupKey::id).orElse(null),
                    directory ? "directory" : "custom", jobs, fileName, r.label().orElse(null), r.keep(), r.purpose(),
                    r.runId(), w.counts(), null);
            try {
                store.write(m);
            } catch (BackupException e) {
                BackupStore.deleteQuietly(file);
                throw e;
            }
            return m;
        } catch (SQLException e) {
            throw BackupException.failed("the database refused what the backup needs (a read-only snapshot and"
                    + " row counts): " + e.getMessage());
        } catch (IOException e) {
            throw BackupException.failed("could not write the backup to " + partial + ": " + describe(e)
                    + "; the partial file was removed. Free space in " + settings.dir() + " or set [backup] dir");
        } finally {
            BackupStore.deleteQuietly(partial);
            deleteTree(staging);
        }
    }

    private Connection open() throws BackupException {
        try {
            return Connections.open(config.connection());
        } catch (ConnectFailure e) {
            throw BackupException.failed(e.getMessage());
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

    private List<String> dumpCommand(PgTools.Pair tools, String snapshot) {
        List<String> cmd = new ArrayList<>(List.of(tools.dump().path().toString(), "--snapshot=" + snapshot,
                "--no-password", "--exclude-table-data=" + Identifiers.qualified(config.schema(), "lock")));
        return cmd;
    }

    /** pg_dump -Fc to its standard output, straight into the backup file. */
    private Written dumpCustom(PgTools.Pair tools, String snapshot, Path partial, Connection c, LongConsumer progress)
            throws IOException, BackupException, SQLException, InterruptedException {
        List<String> cmd = dumpCommand(tools, snapshot);
        cmd.add("--format=custom");
        try (PgProcess dump = PgProcess.start(cmd, config.connection(), config.connection().database())) {
            dump.stdin().close();
            Sink sink = sink(partial, progress);
            try {
                Pump pump = new Pump(dump.stdout(), sink.out());
                pump.start();
                Map<String, Long> counts = RowCounts.of(c, config.schema());
                Optional<String> version = RowCounts.migrationVersion(c, config.schema());
                int code = dump.waitFor();
                pump.finish();
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
    private Written dumpDirectory(PgTools.Pair tools, String snapshot, int jobs, Path staging, Path partial,
                                  Connection c, LongConsumer progress)
            throws IOException, BackupException, SQLException, InterruptedException {
        List<String> cmd = dumpCommand(tools, snapshot);
        cmd.addAll(List.of("--format=directory", "--jobs=" + jobs, "--file=" + staging));
        Map<String, Long> counts;
        Optional<String> version;
        try (PgProcess dump = PgProcess.start(cmd, config.connection(), config.connection().database())) {
            dump.stdin().close();
            dump.stdout().close();
            counts = RowCounts.of(c, config.schema());
            version = RowCounts.migrationVersion(c, config.schema());
            int code = dump.waitFor();
            if (code != 0) {
                throw BackupException.failed(dump.failure(code) + "\n  nothing was kept: the partial files were"
                        + " removed");
            }
        }
        Sink sink = sink(partial, progress);
        try {
            Tar.write(staging, sink.out());
        } catch (IOException e) {
            sink.abandon();
            throw e;
        }
        sink.close();
        return new Written(sink.hash().bytes(), sink.hash().hex(), counts, version);
    }

    /** The chain to disk: [encryption] then SHA-256 and count then the file (synced on close). */
    private record Sink(OutputStream out, Sha256.Out hash, OutputStream file) {
        void close() throws IOException {
            out.close();
        }

        void abandon() {
            try {
                file.close();
            } catch (IOException ignored) {
                // the file is removed next
            }
        }
    }

    private Sink sink(Path partial, LongConsumer progress) throws IOException {
        OutputStream file = opener.open(partial);
        OutputStream synced = new java.io.FilterOutputStream(file) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
                if (out instanceof FileOutputStream fos) {
                    fos.getFD().sync();
                }
                out.close();
            }
        };
        Sha256.Out hash = new Sha256.Out(synced, progress);
        OutputStream out = settings.key().isPresent()
                ? new EncryptingStream(hash, settings.key().get(), EncryptedFormat.DEFAULT_CHUNK) : hash;
        return new Sink(out, hash, file);
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
