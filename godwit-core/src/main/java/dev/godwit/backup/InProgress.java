package dev.godwit.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A marker file that a live process holds an exclusive lock on while it writes a backup or a temporary
 * plaintext copy: the operating system drops the lock when the process ends in any way (kill -9, a power loss),
 * so the next command can tell what an interrupted run left from what a running one is still writing.
 */
final class InProgress implements AutoCloseable {

    /** Markers this JVM holds: opening a second channel on them and closing it would drop the POSIX lock. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path marker;
    private final FileChannel channel;
    private final FileLock lock;

    private InProgress(Path marker, FileChannel channel, FileLock lock) {
        this.marker = marker;
        this.channel = channel;
        this.lock = lock;
    }

    /** No marker: a remote store's upload leaves nothing locally that another process could sweep. */
    static InProgress none() {
        return new InProgress(null, null, null);
    }

    /** Creates (0600) and locks {@code marker}. */
    static InProgress claim(Path marker) throws IOException {
        Path key = marker.toAbsolutePath().normalize();
        FolderStore.createPrivate(marker).close();
        FileChannel ch = FileChannel.open(marker, StandardOpenOption.WRITE);
        try {
            FileLock lock = ch.lock();
            HELD.add(key);
            return new InProgress(key, ch, lock);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(marker);
            throw e;
        }
    }

    /** True when no live process holds {@code marker} (it is missing, or its lock is free). */
    static boolean abandoned(Path marker) {
        Path key = marker.toAbsolutePath().normalize();
        if (HELD.contains(key)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(marker, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (NoSuchFileException gone) {
            return true;
        } catch (OverlappingFileLockException mine) {
            return false;
        } catch (IOException unreadable) {
            return false; // not ours to judge: leave it
        }
    }

    /** Removes the marker, then lets go of its lock: the work it marked is over. */
    @Override
    public void close() {
        if (marker == null) {
            return;
        }
        try {
            Files.deleteIfExists(marker);
        } catch (IOException ignored) {
            // a left marker with a free lock is swept later
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
        HELD.remove(marker);
    }
}
