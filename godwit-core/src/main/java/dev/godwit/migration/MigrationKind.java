package dev.godwit.migration;

/** What a migration file (or a history row) is. The lower-case name is what the history table stores. */
public enum MigrationKind {
    VERSIONED, REPEATABLE, UNDO, BASELINE;

    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MigrationKind fromDb(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
