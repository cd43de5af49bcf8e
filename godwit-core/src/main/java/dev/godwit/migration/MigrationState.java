package dev.godwit.migration;

/** Where one migration stands, comparing the files with the history table. */
public enum MigrationState {
    /** applied and its file is unchanged */
    APPLIED("applied"),
    /** not applied yet, will be by the next migrate */
    PENDING("pending"),
    /** a repeatable migration whose file changed since it last ran: it runs again */
    OUTDATED("changed, will re-run"),
    /** older than the newest applied version and not applied: refused unless out_of_order = true */
    OUT_OF_ORDER("out of order"),
    /** applied, but the file changed since */
    CHECKSUM_MISMATCH("checksum mismatch"),
    /** applied, but there is no file for it any more */
    MISSING_FILE("missing file"),
    /** applied by a newer release: newer than every local file (ignored, as Flyway does) */
    FUTURE("future"),
    /** a non-transactional migration that stopped part-way */
    FAILED("failed"),
    /** the baseline row written by `godwit baseline` */
    BASELINE("baseline"),
    /** at or below the baseline: never applied by Godwit, assumed present */
    BELOW_BASELINE("below baseline");

    private final String words;

    MigrationState(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
