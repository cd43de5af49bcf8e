package dev.godwit.backup;

import java.time.Duration;
import java.util.List;

/**
 * A finished restore.
 *
 * @param database the database restored into
 * @param tables   tables whose row counts were compared with the manifest (all matched)
 * @param rows     rows in them
 * @param extra    tables in the database that the backup does not have (left in place by --replace)
 */
public record Restored(String id, String database, int tables, long rows, List<String> extra, Duration took) {}
