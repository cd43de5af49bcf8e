package dev.godwit.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What an interrupted backup command left behind when it could not clean up itself (kill -9, a power loss, a
 * machine that stopped): a partial backup file, pg_dump's unencrypted staging folder, a manifest half written,
 * a backup file whose manifest was never written, a decrypted temporary copy. Each is removed only when its
 * {@link InProgress} marker is free, so a backup another process is still writing is never touched.
 */
final class Leftovers {

    /** One thing removed, and what it was. */
    record Removed(Path path, String what) {
        @Override
        public String toString() {
            return path + " (" + what + ")";
        }
    }

    private static final Pattern IN_BACKUP_DIR = Pattern.compile("(" + BackupId.PATTERN.pattern()
            + ")(\\.(?:dump|tar)(?:\\.enc)?\\.partial|\\.staging|\\.json\\.tmp|\\.inprogress|\\.(?:dump|tar)(?:\\.enc)?)");
    private static final Pattern IN_TEMP = Pattern.compile("godwit-(" + BackupId.PATTERN.pattern() + ")-\\d+");
    /** A temporary copy without its marker is judged by age: its process makes the marker right after the folder. */
    private static final Duration UNMARKED_AGE = Duration.ofMinutes(10);

    static final String MARKER = ".inprogress";

    private Leftovers() {}

    /** Removes what interrupted runs left in the backup folder and in {@code tempDir}. */
    static List<Removed> sweep(Path backupDir, Path tempDir) {
        List<Removed> removed = new ArrayList<>();
        for (Path p : list(backupDir)) {
            Matcher m = IN_BACKUP_DIR.matcher(p.getFileName().toString());
            if (!m.matches() || !InProgress.abandoned(backupDir.resolve(m.group(1) + MARKER))) {
                continue;
            }
            String kind = m.group(2);
            boolean finished = !kind.endsWith(".partial") && (kind.startsWith(".dump") || kind.startsWith(".tar"));
            if (finished && Files.exists(backupDir.resolve(m.group(1) + ".json"))) {
                continue; // a complete backup with its manifest
            }
            remove(p, describe(kind), removed);
        }
        for (Path p : list(tempDir)) {
            if (IN_TEMP.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p) && abandonedCopy(p)) {
                remove(p, "a decrypted temporary copy of backup " + p.getFileName().toString().substring(7, 30), removed);
            }
        }
        return removed;
    }

    private static boolean abandonedCopy(Path dir) {
        Path marker = dir.resolve(MARKER);
        if (Files.exists(marker)) {
            return InProgress.abandoned(marker);
        }
        try {
            FileTime t = Files.getLastModifiedTime(dir);
            return t.toInstant().isBefore(Instant.now().minus(UNMARKED_AGE));
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(String kind) {
        if (kind.endsWith(".partial")) {
            return "a partial backup file";
        }
        return switch (kind) {
            case ".staging" -> "pg_dump's unencrypted staging folder";
            case ".json.tmp" -> "a manifest half written";
            case MARKER -> "the marker of an interrupted backup";
            default -> "a backup file whose manifest was never written";
        };
    }

    private static List<Path> list(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            // markers last: while one is there, a concurrent sweep still sees its files as taken care of
            return s.sorted((a, b) -> Boolean.compare(a.toString().endsWith(MARKER), b.toString().endsWith(MARKER)))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void remove(Path p, String what, List<Removed> removed) {
        BackupCreate.deleteTree(p);
        if (!Files.exists(p)) {
            removed.add(new Removed(p, what));
        }
    }
}
