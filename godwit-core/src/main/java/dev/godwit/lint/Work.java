package dev.godwit.lint;

/** What a statement makes PostgreSQL do to a table while it holds the lock: how long the lock lasts. */
public enum Work {
    /** Only the catalog changes: the lock is held for milliseconds, once granted. */
    CATALOG("a catalog change: milliseconds once the lock is granted"),
    /** Every row is read (to check a constraint, build an index): the lock lasts as long as a full scan. */
    SCAN("a full scan of the table: the lock lasts as long as reading every row"),
    /** The table and its indexes are written anew: the lock lasts as long as copying the whole table. */
    REWRITE("a rewrite of the table and all its indexes: the lock lasts as long as copying every row"),
    /** Rows are changed one by one: row locks, and the lock lasts until the transaction commits. */
    ROWS("every affected row is written, under row locks, until the transaction commits");

    private final String words;

    Work(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** {@code catalog}, {@code scan}, {@code rewrite}, {@code rows}: the word in JSON output. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
