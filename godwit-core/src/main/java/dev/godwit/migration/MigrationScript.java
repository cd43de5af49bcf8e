package dev.godwit.migration;

import java.nio.file.Path;

/**
 * One migration file as found on disk.
 *
 * @param script the name shown to people and stored in history: the path relative to its location
 * @param text the file's text, normalised (no BOM, {@code \n} line endings), placeholders not yet replaced
 * @param checksum {@link Checksums#sha256} of {@code text}
 */
public record MigrationScript(MigrationName name, Path path, String script, String text, String checksum) {

    public MigrationKind kind() {
        return name.kind();
    }

    public Version version() {
        return name.version();
    }

    public String description() {
        return name.description();
    }

    /** "V3 add transfers" or "R create views": how messages name a migration. */
    public String label() {
        return switch (kind()) {
            case REPEATABLE -> "R " + description();
            case UNDO -> "U" + version() + " " + description();
            default -> "V" + version() + " " + description();
        };
    }
}
