package dev.godwit.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The backup folder: each backup is {@code <id>.<ext>} with its manifest {@code <id>.json} beside it. Files
 * are created with mode 0600 and the folder with 0700 (where the file system has POSIX modes); manifests are
 * written to a temporary name and moved into place, so a crash never leaves half a manifest.
 */
public final class BackupStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public BackupStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path file(Manifest m) {
        return dir.resolve(m.file());
    }

    /** Every backup with a readable manifest, oldest first. */
    public List<Manifest> list() throws BackupException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Manifest> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(BackupStore::isManifest).sorted().toList()) {
                out.add(read(p));
            }
        } catch (IOException e) {
            throw BackupException.failed("cannot read the backup folder " + dir + ": " + e.getMessage());
        }
        out.sort(Comparator.comparing(Manifest::id));
        return out;
    }

    /** The backup whose id is {@code id} or starts with it (when only one does). */
    public Manifest find(String id) throws BackupException {
        List<Manifest> all = list();
        List<Manifest> hits = all.stream().filter(m -> m.id().equals(id)).toList();
        if (hits.isEmpty()) {
            hits = all.stream().filter(m -> !id.isBlank() && m.id().startsWith(id)).toList();
        }
        if (hits.size() == 1) {
            return hits.get(0);
        }
        if (hits.size() > 1) {
            throw new BackupException(BackupException.Kind.NOT_FOUND, "'" + id + "' is the start of " + hits.size()
                    + " backup ids (" + String.join(", ", hits.stream().map(Manifest::id).toList())
                    + "); give more of it");
        }
        String known = all.isEmpty() ? "there are no backups in " + dir
                : "the newest are " + String.join(", ", newestFirst(all).stream().limit(5).map(Manifest::id).toList());
        throw new BackupException(BackupException.Kind.NOT_FOUND, "no backup with id '" + id + "' in " + dir + " ("
                + known + "); `godwit backup list` shows them");
    }

    static List<Manifest> newestFirst(List<Manifest> all) {
        List<Manifest> out = new ArrayList<>(all);
        out.sort(Comparator.comparing(Manifest::id).reversed());
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

    /** Removes a backup: its file first, then its manifest, so a crash between leaves no orphan manifest. */
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
