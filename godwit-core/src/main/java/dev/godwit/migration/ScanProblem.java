package dev.godwit.migration;

import java.nio.file.Path;

/** Something wrong with the migration files themselves: a bad name, a duplicate version, unreadable text. */
public record ScanProblem(Path path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
