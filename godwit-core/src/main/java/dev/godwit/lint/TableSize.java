package dev.godwit.lint;

import java.util.Locale;

/**
 * How big an existing table is, as the database's statistics say (no lock is taken to find out).
 *
 * @param rows  {@code pg_class.reltuples}, or the statistics system's live row count when the table was never
 *              analysed; negative when neither knows
 * @param pages the 8 kB pages of the table, its TOAST table and its indexes ({@code relpages}, as of the last
 *              VACUUM or ANALYZE)
 */
public record TableSize(double rows, long pages) {

    /** Below this many rows (and pages), a scan or rewrite takes milliseconds. */
    static final long SMALL_ROWS = 1_000;
    static final long SMALL_PAGES = 128; // 1 MB
    /** Below this many rows (and pages), well under a second. */
    static final long MEDIUM_ROWS = 100_000;
    static final long MEDIUM_PAGES = 2_048; // 16 MB

    /** True when the statistics know the table's rows. */
    boolean known() {
        return rows >= 0;
    }

    boolean small() {
        return known() && rows < SMALL_ROWS && pages < SMALL_PAGES;
    }

    boolean medium() {
        return known() && rows < MEDIUM_ROWS && pages < MEDIUM_PAGES;
    }

    /** {@code about 1,200 rows, 96 kB with its indexes}. */
    public String words() {
        if (!known()) {
            return "an unknown size (never analysed)";
        }
        long r = Math.round(rows);
        return "about " + String.format(Locale.ROOT, "%,d", r) + (r == 1 ? " row" : " rows") + ", "
                + bytes(pages * 8192) + " with its indexes";
    }

    static String bytes(long b) {
        if (b < 1024 * 1024) {
            return Math.round(b / 1024.0) + " kB";
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", b / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GB", b / (1024.0 * 1024 * 1024));
    }
}
