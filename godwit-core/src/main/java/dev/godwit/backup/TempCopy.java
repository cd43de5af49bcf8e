package dev.godwit.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A private (0700) folder in the system temp folder for a backup's table of contents or its unpacked, decrypted
 * directory dump: removed when closed, on an immediate exit (through the operation's {@link Interruption}), and
 * otherwise by the next backup command's sweep ({@link Leftovers}), since its marker is held while it is in use.
 */
final class TempCopy implements AutoCloseable {

    private final Path dir;
    private final InProgress marker;
    private final Interruption interruption;

    private TempCopy(Path dir, InProgress marker, Interruption interruption) {
        this.dir = dir;
        this.marker = marker;
        this.interruption = interruption;
    }

    static TempCopy create(Manifest m, Interruption interruption) throws IOException {
        return create(m.id(), interruption);
    }

    static TempCopy create(String id, Interruption interruption) throws IOException {
        Path dir = Files.createTempDirectory("godwit-" + id + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        interruption.removeOnHardExit(dir);
        try {
            return new TempCopy(dir, InProgress.claim(dir.resolve(Leftovers.MARKER)), interruption);
        } catch (IOException | RuntimeException e) {
            BackupCreate.deleteTree(dir);
            throw e;
        }
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        BackupCreate.deleteTree(dir);
        marker.close();
        interruption.keep(dir);
    }
}
