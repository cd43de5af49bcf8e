package dev.godwit.migration;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Something wrong with the migration files themselves: a bad name, a duplicate version, unreadable text, a goose
 * section marker missing.
 *
 * @param line the line of the file it is about, when it is about one line (1-based)
 */
public record ScanProblem(Path path, Optional<Integer> line, String message) {

    public ScanProblem(Path path, String message) {
        this(path, Optional.empty(), message);
    }

    public ScanProblem(Path path, int line, String message) {
        this(path, Optional.of(line), message);
    }

    @Override
    public String toString() {
        return path + line.map(l -> ":" + l).orElse("") + ": " + message;
    }
}
