package dev.godwit.history;

import dev.godwit.db.Catalog;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.AtlasSum;
import dev.godwit.migration.LiquibaseSql;
import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.MigrationSet;
import dev.godwit.migration.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code godwit baseline --from goose|golang-migrate|dbmate|sqlx|diesel|atlas|liquibase}: copies another tool's
 * history table into Godwit's, as {@link FlywayImport} does for Flyway: all or nothing, under the lock, each applied
 * version matched to its file, and the file checked against the tool's own checksum where it keeps one (sqlx's
 * SHA-384, Atlas's atlas.sum hash). The tables are read as the tools write them (goose v3, golang-migrate v4,
 * dbmate v2, sqlx 0.8, Diesel 2.2, Atlas v0.2x, Liquibase 4.x).
 */
public final class ToolImport {

    /** A tool whose history can be adopted, and the table it keeps it in by default. */
    public enum Tool {
        GOOSE("goose", "goose_db_version"),
        GOLANG_MIGRATE("golang-migrate", "schema_migrations"),
        DBMATE("dbmate", "schema_migrations"),
        SQLX("sqlx", "_sqlx_migrations"),
        DIESEL("diesel", "__diesel_schema_migrations"),
        /** Atlas keeps its revisions in their own schema when it is given a whole database, as is usual. */
        ATLAS("atlas", "atlas_schema_revisions.atlas_schema_revisions"),
        /** Liquibase creates it unquoted, so DATABASECHANGELOG is databasechangelog in PostgreSQL. */
        LIQUIBASE("liquibase", "databasechangelog");

        private final String cliName;
        private final String table;

        Tool(String cliName, String table) {
            this.cliName = cliName;
            this.table = table;
        }

        public String cliName() {
            return cliName;
        }

        public String defaultTable() {
            return table;
        }

        public static Optional<Tool> parse(String name) {
            return Arrays.stream(values()).filter(t -> t.cliName.equals(name.toLowerCase(Locale.ROOT))).findFirst();
        }

        public static String names() {
            return String.join(", ", Arrays.stream(values()).map(Tool::cliName).toList()) + ", flyway";
        }
    }

    /** One version the tool recorded as applied; {@code sha384} only for sqlx, {@code atlasHash} only for Atlas. */
    private record Applied(Version version, Instant at, byte[] sha384, String atlasHash) {
        Applied(Version version, Instant at, byte[] sha384) {
            this(version, at, sha384, null);
        }
    }

    private ToolImport() {}

    /** Call under the migration lock, with the history table created. */
    public static Baseline.Result run(Connection c, HistoryTable history, Tool tool, String table, MigrationSet files,
                                      String runId) throws SQLException {
        List<AppliedMigration> existing = history.read(c);
        if (!existing.isEmpty()) {
            return Baseline.refuse(history, existing);
        }
        Optional<String> resolved = Catalog.resolve(c, table);
        if (resolved.isEmpty()) {
            return new Baseline.Result(List.of(), "no table " + table + " in this database (searched the"
                    + " search_path); name " + tool.cliName() + "'s history table with --table SCHEMA.TABLE");
        }
        List<String> refusals = new ArrayList<>();
        List<Applied> applied = switch (tool) {
            case GOOSE -> goose(c, resolved.get());
            case GOLANG_MIGRATE -> golangMigrate(c, resolved.get(), files, refusals);
            case DBMATE -> versions(c, "select version, null from " + resolved.get() + " order by version");
            case SQLX -> sqlx(c, resolved.get(), refusals);
            case DIESEL -> versions(c, "select version, run_on from " + resolved.get() + " order by version");
            case ATLAS -> atlas(c, resolved.get(), refusals);
            case LIQUIBASE -> liquibase(c, resolved.get(), files, refusals);
        };
        List<AppliedMigration> rows = new ArrayList<>();
        for (Applied a : applied) {
            Optional<MigrationScript> file = files.versioned(a.version());
            if (file.isEmpty()) {
                refusals.add(tool.cliName() + " applied version " + a.version() + ", but no migration file has it;"
                        + " restore the file (or check [migrations] locations and format) first");
                continue;
            }
            if (a.sha384() != null && !Arrays.equals(a.sha384(), sha384(file.get().text()))) {
                refusals.add(file.get().script() + " differs from what sqlx applied (its SHA-384 is not the one in "
                        + resolved.get() + "); restore the applied file first");
                continue;
            }
            if (a.atlasHash() != null && !a.atlasHash().equals(atlasHash(file.get()))) {
                refusals.add(file.get().script() + " differs from what Atlas applied (its atlas.sum hash is not the one"
                        + " in " + resolved.get() + "; the hash runs on, so a file sorted before it may be the one"
                        + " changed or added); restore the applied files first");
                continue;
            }
            MigrationScript down = files.down().get(a.version());
            rows.add(new AppliedMigration(rows.size() + 1, file.get().version(), file.get().description(),
                    MigrationKind.VERSIONED, file.get().script(), file.get().checksum(), tool.cliName(),
                    a.at() == null ? Instant.now() : a.at(), 0, true, runId, null,
                    "imported from " + tool.cliName() + " (" + resolved.get() + ")",
                    down == null ? null : down.checksum()));
        }
        if (!refusals.isEmpty()) {
            return new Baseline.Result(List.of(), "nothing was imported:\n  - " + String.join("\n  - ", refusals));
        }
        if (rows.isEmpty()) {
            return new Baseline.Result(List.of(), resolved.get() + " records no applied migration; there is nothing"
                    + " to adopt: run `godwit migrate`");
        }
        for (AppliedMigration row : rows) {
            history.insertImported(c, row);
        }
        return new Baseline.Result(history.read(c), null);
    }

    /**
     * goose: one row per up (is_applied true) and, in older versions, per down (false); newer versions delete the
     * row on down. A version is applied when its newest row says so. Version 0 is goose's own first row.
     */
    private static List<Applied> goose(Connection c, String table) throws SQLException {
        Map<Version, Applied> latest = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version_id, is_applied, tstamp from " + table + " order by id")) {
            while (rs.next()) {
                Version v = Version.parse(Long.toString(rs.getLong(1)));
                latest.remove(v);
                if (rs.getLong(1) != 0 && rs.getBoolean(2)) {
                    latest.put(v, new Applied(v, instant(rs.getTimestamp(3)), null));
                }
            }
        }
        return sorted(latest.values());
    }

    /** golang-migrate keeps one row: the version the database is at, and whether a migration failed halfway. */
    private static List<Applied> golangMigrate(Connection c, String table, MigrationSet files, List<String> refusals)
            throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version, dirty from " + table)) {
            if (!rs.next()) {
                return List.of();
            }
            Version at = Version.parse(Long.toString(rs.getLong(1)));
            if (rs.getBoolean(2)) {
                refusals.add(table + " says version " + at + " is dirty: a migration failed halfway under"
                        + " golang-migrate. Finish or undo it by hand, run `migrate force <version it is really at>`,"
                        + " then run this baseline again");
                return List.of();
            }
            if (files.versioned(at).isEmpty()) {
                refusals.add(table + " says the database is at version " + at + ", but no migration file has it");
                return List.of();
            }
            return files.versioned().stream().filter(f -> f.version().compareTo(at) <= 0)
                    .map(f -> new Applied(f.version(), null, null)).toList();
        }
    }

    /** sqlx: one row per applied version, with the SHA-384 of its file; success false is a failed migration. */
    private static List<Applied> sqlx(Connection c, String table, List<String> refusals) throws SQLException {
        List<Applied> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version, success, checksum, installed_on from " + table
                     + " order by version")) {
            while (rs.next()) {
                Version v = Version.parse(Long.toString(rs.getLong(1)));
                if (!rs.getBoolean(2)) {
                    refusals.add("version " + v + " failed under sqlx (success = false in " + table + "); fix the"
                            + " database by hand and delete that row, or finish it with sqlx, first");
                } else {
                    out.add(new Applied(v, instant(rs.getTimestamp(4)), rs.getBytes(3)));
                }
            }
        }
        return out;
    }

    /**
     * Atlas: one row per revision; a row whose {@code applied} is below {@code total} (or with an error) stopped
     * halfway. Versions starting with a dot are Atlas's own bookkeeping ({@code .atlas_cloud_identifiers}).
     */
    private static List<Applied> atlas(Connection c, String table, List<String> refusals) throws SQLException {
        List<Applied> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version, applied, total, error, executed_at, hash from " + table
                     + " where version not like '.%' order by version")) {
            while (rs.next()) {
                Version v = Version.parse(rs.getString(1).trim());
                if (rs.getLong(2) < rs.getLong(3) || rs.getString(4) != null) {
                    refusals.add("version " + v + " stopped halfway under Atlas (" + rs.getLong(2) + " of "
                            + rs.getLong(3) + " statements applied" + (rs.getString(4) == null ? "" : ": "
                            + rs.getString(4)) + "); finish it with `atlas migrate apply` or fix the database and run"
                            + " `atlas migrate set`, first");
                } else {
                    out.add(new Applied(v, instant(rs.getTimestamp(5)), null, rs.getString(6)));
                }
            }
        }
        return sorted(out);
    }

    /**
     * Liquibase: one row per changeset run, named by id, author and file. Each is matched to the changeset of the
     * same id and author in the file of the same name (FILENAME holds the path as the changelog included it, so
     * only its last part is compared). MD5SUM is not compared: Liquibase's checksum is taken over the changeset
     * after its own version-specific normalisation (7:, 8:, 9:), which Godwit does not reproduce.
     */
    private static List<Applied> liquibase(Connection c, String table, MigrationSet files, List<String> refusals)
            throws SQLException {
        Map<String, Version> byIdentity = new LinkedHashMap<>();
        for (java.nio.file.Path path : files.versioned().stream().map(MigrationScript::path).distinct().toList()) {
            try {
                String text = dev.godwit.migration.Checksums.normalize(java.nio.file.Files.readString(path));
                if (LiquibaseSql.is(text)) {
                    String name = path.getFileName().toString();
                    LiquibaseSql.changesets(name, text).forEach(cs ->
                            byIdentity.put(cs.id() + "\u0000" + cs.author() + "\u0000" + name, cs.version()));
                }
            } catch (java.io.IOException e) {
                refusals.add(path + " could not be read: " + e.getMessage());
            }
        }
        List<Applied> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, author, filename, exectype, dateexecuted from " + table
                     + " order by orderexecuted")) {
            while (rs.next()) {
                String file = rs.getString(3).replace('\\', '/');
                file = file.substring(file.lastIndexOf('/') + 1);
                String what = "changeset " + rs.getString(1) + " by " + rs.getString(2) + " (" + rs.getString(3) + ")";
                String type = rs.getString(4).trim();
                if (!List.of("EXECUTED", "RERAN", "MARK_RAN").contains(type)) {
                    refusals.add(what + " has EXECTYPE " + type + " in " + table + ": it did not run to its end;"
                            + " finish it with Liquibase or delete that row once the database is right, first");
                    continue;
                }
                Version v = byIdentity.get(rs.getString(1) + "\u0000" + rs.getString(2) + "\u0000" + file);
                if (v == null) {
                    refusals.add("Liquibase ran " + what + ", but no changeset of that id and author is in a file"
                            + " named " + file + " here; restore it (or check [migrations] locations) first");
                } else {
                    out.add(new Applied(v, instant(rs.getTimestamp(5)), null));
                }
            }
        }
        return sorted(out);
    }

    /** The hash atlas.sum gives this file now, from its folder; null when it cannot be read (then it differs). */
    private static String atlasHash(MigrationScript file) {
        try {
            return AtlasSum.compute(file.path().getParent()).get(file.path().getFileName().toString());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** dbmate and Diesel: one row per applied version, as text. */
    private static List<Applied> versions(Connection c, String query) throws SQLException {
        List<Applied> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(new Applied(Version.parse(rs.getString(1).trim()), instant(rs.getTimestamp(2)), null));
            }
        }
        return sorted(out);
    }

    private static List<Applied> sorted(java.util.Collection<Applied> applied) {
        return applied.stream().sorted(java.util.Comparator.comparing(Applied::version)).toList();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** sqlx's checksum: SHA-384 of the file's text as read (Godwit's text: without a BOM, with \n line ends). */
    static byte[] sha384(String text) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-384 is part of every Java runtime", e);
        }
    }
}
