package dev.godwit.migration;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One migration file as found on disk.
 *
 * @param script the name shown to people and stored in history: the path relative to its location
 * @param text the file's text, normalised (no BOM, {@code \n} line endings), placeholders not yet replaced
 * @param checksum {@link Checksums#sha256} of {@code text}
 * @param outsideTransaction why the file runs outside a transaction when its tool's own words say so
 *     ({@code -- +goose NO TRANSACTION}, dbmate's {@code transaction:false}, Diesel's metadata.toml); empty otherwise
 */
public record MigrationScript(MigrationName name, Path path, String script, String text, String checksum,
        Optional<String> outsideTransaction) {

    public MigrationScript {
        Objects.requireNonNull(outsideTransaction, "outsideTransaction");
    }

    public MigrationScript(MigrationName name, Path path, String script, String text, String checksum) {
        this(name, path, script, text, checksum, Optional.empty());
    }

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
