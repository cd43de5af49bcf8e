package dev.godwit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep after a power loss or kill -9: what an interrupted backup command left is removed and named, what a
 * running one writes (its marker's lock is held) and complete backups are not touched.
 */
class LeftoversTest {

    static final String DEAD = "20261121T074501Z-aaaaaa";
    static final String ORPHAN = "20261121T074502Z-bbbbbb";
    static final String DONE = "20261121T074503Z-cccccc";
    static final String LIVE = "20261121T074504Z-dddddd";

    @TempDir
    Path dir;

    @Test
    void removesWhatADeadRunLeftAndNothingElse() throws Exception {
        Path backups = Files.createDirectories(dir.resolve("backups"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(backups.resolve(DEAD + ".dump.enc.partial"), "half");
        Files.createDirectories(backups.resolve(DEAD + ".staging"));
        Files.writeString(backups.resolve(DEAD + ".staging/3001.dat.gz"), "plaintext rows");
        Files.writeString(backups.resolve(DEAD + ".json.tmp"), "{");
        Files.writeString(backups.resolve(DEAD + ".inprogress"), ""); // its process died: the lock is free
        Files.writeString(backups.resolve(ORPHAN + ".tar.enc"), "complete, but its manifest was never written");
        Files.writeString(backups.resolve(DONE + ".dump"), "a backup");
        Files.writeString(backups.resolve(DONE + ".json"), "{}");
        Files.writeString(backups.resolve("notes.txt"), "not Godwit's");
        Path deadCopy = Files.createDirectories(tmp.resolve("godwit-" + DEAD + "-123"));
        Files.writeString(deadCopy.resolve("toc.dat"), "plaintext");
        Files.writeString(deadCopy.resolve(Leftovers.MARKER), "");
        Path oldUnmarked = Files.createDirectories(tmp.resolve("godwit-" + DEAD + "-456"));
        Files.setLastModifiedTime(oldUnmarked, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path newUnmarked = Files.createDirectories(tmp.resolve("godwit-" + DEAD + "-789"));

        try (InProgress live = InProgress.claim(backups.resolve(LIVE + Leftovers.MARKER));
             InProgress liveCopy = claimCopy(tmp.resolve("godwit-" + LIVE + "-1"))) {
            Files.writeString(backups.resolve(LIVE + ".dump.partial"), "being written");
            Files.createDirectories(backups.resolve(LIVE + ".staging"));

            List<Leftovers.Removed> removed = Leftovers.sweep(backups, tmp);

            assertThat(removed).extracting(r -> r.path().getFileName().toString()).containsExactlyInAnyOrder(
                    DEAD + ".dump.enc.partial", DEAD + ".staging", DEAD + ".json.tmp", DEAD + ".inprogress",
                    ORPHAN + ".tar.enc", "godwit-" + DEAD + "-123", "godwit-" + DEAD + "-456");
            assertThat(removed).extracting(Leftovers.Removed::toString).contains(backups.resolve(DEAD + ".staging")
                    + " (pg_dump's unencrypted staging folder)", backups.resolve(ORPHAN + ".tar.enc")
                    + " (a backup file whose manifest was never written)");
            assertThat(names(backups)).containsExactlyInAnyOrder(DONE + ".dump", DONE + ".json", "notes.txt",
                    LIVE + ".inprogress", LIVE + ".dump.partial", LIVE + ".staging");
            assertThat(names(tmp)).containsExactlyInAnyOrder(newUnmarked.getFileName().toString(), "godwit-" + LIVE + "-1");
        }
        // Once the live run ended without cleaning up, its files are leftovers too (a temporary copy without its
        // marker is left for ten minutes: its process makes the marker right after the folder).
        assertThat(Leftovers.sweep(backups, tmp)).extracting(r -> r.path().getFileName().toString())
                .containsExactlyInAnyOrder(LIVE + ".dump.partial", LIVE + ".staging");
    }

    @Test
    void aMissingFolderIsNothingToSweep() {
        assertThat(Leftovers.sweep(dir.resolve("none"), dir.resolve("none either"))).isEmpty();
    }

    private static InProgress claimCopy(Path copy) throws Exception {
        Files.createDirectories(copy);
        return InProgress.claim(copy.resolve(Leftovers.MARKER));
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
