package dev.godwit.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The backup folder: each backup is {@code <id>.<ext>} with its manifest {@code <id>.json} beside it. Files
 * are created with mode 0600 and the folder with 0700 (where the file system has POSIX modes); a backup's file is
 * written under a {@code .partial} name and renamed when complete; manifests are written to a temporary name and
 * moved into place, so a crash never leaves half a manifest.
 */
public final class FolderStore implements BackupStore {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final BackupCreate.FileOpener opener;

    public FolderStore(Path dir) {
        this(dir, FolderStore::createPrivate);
    }

    /** @param opener opens a new file for writing; tests replace it to simulate a full disk */
    FolderStore(Path dir, BackupCreate.FileOpener opener) {
        this.dir = dir;
        this.opener = opener;
    }

    public Path dir() {
        return dir;
    }

    public Path file(Manifest m) {
        return dir.resolve(m.file());
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    @Override
    public String locate(Manifest m) {
        return file(m).toString();
    }

    @Override
    public Optional<Path> folder() {
        return Optional.of(dir);
    }

    @Override
    public Optional<Long> size(Manifest m) throws BackupException {
        Path f = file(m);
        try {
            return Files.isRegularFile(f) ? Optional.of(Files.size(f)) : Optional.empty();
        } catch (IOException e) {
            throw BackupException.failed("cannot read " + f + ": " + e.getMessage());
        }
    }

    @Override
    public InputStream open(Manifest m) throws IOException {
        return Files.newInputStream(file(m));
    }

    @Override
    public Upload upload(String id, String name) throws BackupException {
        try {
            ensureDir();
        } catch (IOException e) {
            throw BackupException.failed("cannot create the backup folder " + dir + ": " + BackupCreate.describe(e)
                    + "; set [backup] dir to a folder Godwit may write to");
        }
        Path partial = dir.resolve(name + ".partial");
        Path file = dir.resolve(name);
        try {
            return new FileUpload(partial, file, opener.open(partial));
        } catch (IOException e) {
            deleteQuietly(partial);
            throw BackupException.failed("could not write the backup to " + partial + ": " + BackupCreate.describe(e)
                    + "; the partial file was removed. Free space in " + dir + " or set [backup] dir");
        }
    }

    /** A file under its {@code .partial} name until committed: synced, then renamed. */
    private static final class FileUpload implements Upload {
        private final Path partial;
        private final Path file;
        private final OutputStream out;

        FileUpload(Path partial, Path file, OutputStream raw) {
            this.partial = partial;
            this.file = file;
            this.out = new java.io.FilterOutputStream(raw) {
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
        }

        @Override
        public OutputStream out() {
            return out;
        }

        @Override
        public void commit() throws IOException {
            out.close();
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public List<String> abort() {
            try {
                out.close();
            } catch (IOException ignored) {
                // the file is removed next
            }
            List<String> removed = new ArrayList<>();
            for (Path p : List.of(partial, file)) {
                if (Files.exists(p)) {
                    deleteQuietly(p);
                    removed.add(p.getFileName().toString());
                }
            }
            return removed;
        }
    }

    @Override
    public List<Manifest> manifests() throws BackupException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Manifest> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(FolderStore::isManifest).sorted().toList()) {
                out.add(read(p));
            }
        } catch (IOException e) {
            throw BackupException.failed("cannot read the backup folder " + dir + ": " + e.getMessage());
        }
        return out;
    }

    /** Creates the folder (0700) when missing. */
    void ensureDir() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system's own access rules apply
            }
        }
    }

    /** A new, empty file with mode 0600 from the start, so no other user can open it while it fills. */
    static OutputStream createPrivate(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public void write(Manifest m) throws BackupException {
        Path target = dir.resolve(m.id() + ".json");
        Path tmp = dir.resolve(m.id() + ".json.tmp");
        try {
            Files.deleteIfExists(tmp);
            try (OutputStream out = createPrivate(tmp)) {
                out.write(JSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw BackupException.failed("cannot write the manifest " + target + ": " + e.getMessage());
        }
    }

    @Override
    public void delete(Manifest m) throws BackupException {
        try {
            Files.deleteIfExists(file(m));
            Files.deleteIfExists(dir.resolve(m.id() + ".json"));
        } catch (IOException e) {
            throw BackupException.failed("cannot remove backup " + m.id() + " from " + dir + ": " + e.getMessage());
        }
    }

    private Manifest read(Path p) throws BackupException {
        try {
            return JSON.readValue(p.toFile(), Manifest.class);
        } catch (IOException e) {
            throw BackupException.failed("the manifest " + p + " cannot be read (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); move it away or restore it from a copy");
        }
    }

    private static boolean isManifest(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".json") && BackupId.isValid(name.substring(0, name.length() - 5));
    }

    static void deleteQuietly(Path p) {
        try {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort: the caller is already reporting the failure that matters
        }
    }
}
