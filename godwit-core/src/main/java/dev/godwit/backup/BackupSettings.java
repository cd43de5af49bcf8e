package dev.godwit.backup;

/** The resolved {@code [backup]} settings. (Filled in by the backup work.) */
public record BackupSettings(boolean beforeMigrate) {

    public static BackupSettings defaults() {
        return new BackupSettings(false);
    }
}
