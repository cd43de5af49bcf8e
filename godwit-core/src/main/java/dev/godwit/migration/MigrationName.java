package dev.godwit.migration;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file name says about a migration. Two naming schemes live side by side:
 * Flyway's ({@code V1__x.sql}, {@code U1__x.sql}, {@code R__x.sql}) and golang-migrate's / dbmate's
 * ({@code 0001_x.up.sql}, {@code 0001_x.down.sql}).
 */
public record MigrationName(MigrationKind kind, Version version, String description) {

    private static final Pattern FLYWAY = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    private static final Pattern FLYWAY_REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    private static final Pattern GOLANG = Pattern.compile("(\\d+)_(.+)\\.(up|down)\\.sql");
    /** Names that look like migrations; a file like this that matches no scheme is an error, not skipped. */
    private static final Pattern LOOKS_LIKE = Pattern.compile("(?i)([vur]\\d.*|[vur]_.*|(?-i:[VU])[^_]+__.*|\\d.*)\\.sql");

    /** The result of reading one file name: a migration, not a migration, or a mistake to report. */
    public sealed interface Parsed permits Migration, NotAMigration, Mistake {}

    public record Migration(MigrationName name) implements Parsed {}

    public record NotAMigration() implements Parsed {}

    public record Mistake(String message) implements Parsed {}

    public static Parsed parse(String fileName) {
        Matcher m = FLYWAY.matcher(fileName);
        if (m.matches()) {
            MigrationKind kind = m.group(1).equals("V") ? MigrationKind.VERSIONED : MigrationKind.UNDO;
            return new Migration(new MigrationName(kind, Version.parse(m.group(2)), describe(m.group(3))));
        }
        m = FLYWAY_REPEATABLE.matcher(fileName);
        if (m.matches()) {
            return new Migration(new MigrationName(MigrationKind.REPEATABLE, null, describe(m.group(1))));
        }
        m = GOLANG.matcher(fileName);
        if (m.matches()) {
            MigrationKind kind = m.group(3).equals("up") ? MigrationKind.VERSIONED : MigrationKind.UNDO;
            return new Migration(new MigrationName(kind, Version.parse(m.group(1)), describe(m.group(2))));
        }
        if (LOOKS_LIKE.matcher(fileName).matches()) {
            return new Mistake(explain(fileName));
        }
        return new NotAMigration();
    }

    private static String describe(String raw) {
        return raw.replace('_', ' ').trim();
    }

    /** Says what is wrong with a name that looks like a migration, and the name it probably meant. */
    static String explain(String f) {
        char first = f.charAt(0);
        String rest = f.substring(1);
        if ((first == 'v' || first == 'u' || first == 'r') && parse(Character.toUpperCase(first) + rest) instanceof Migration) {
            return "the prefix must be a capital letter: rename it to " + Character.toUpperCase(first) + rest;
        }
        Matcher single = Pattern.compile("([VvUu])(\\d+(?:\\.\\d+)*)_([^_].*)\\.sql").matcher(f);
        if (single.matches()) {
            return "Flyway names need two underscores between version and description: rename it to "
                    + Character.toUpperCase(first) + single.group(2) + "__" + single.group(3) + ".sql";
        }
        if (Character.isDigit(first)) {
            String base = f.substring(0, f.length() - ".sql".length());
            Matcher direction = Pattern.compile("(\\d+)(\\.up|\\.down)").matcher(base);
            if (base.matches("\\d+") || direction.matches()) {
                String version = direction.matches() ? direction.group(1) : base;
                String ending = direction.matches() ? direction.group(2) : ".up";
                return "a migration needs a description after its version, such as " + version
                        + "_create_accounts" + ending + ".sql";
            }
            return "golang-migrate names end in .up.sql or .down.sql: rename it to " + base + ".up.sql"
                    + " (or, with Flyway names, V" + base.replaceFirst("_", "__") + ".sql)";
        }
        Matcher noVersion = Pattern.compile("([VvUu])_+([^_].*)\\.sql").matcher(f);
        if (noVersion.matches()) {
            String prefix = String.valueOf(Character.toUpperCase(first));
            return "a Flyway migration needs a version after " + prefix + ": rename it to " + prefix + "<version>__"
                    + noVersion.group(2) + ".sql, such as " + prefix + "1__" + noVersion.group(2) + ".sql";
        }
        Matcher badVersion = Pattern.compile("([VvUu])([^_]+)__(.+)\\.sql").matcher(f);
        if (badVersion.matches()) {
            return "'" + badVersion.group(2) + "' is not a version: a version is numbers separated by dots, as in "
                    + Character.toUpperCase(first) + "1.2__" + badVersion.group(3) + ".sql";
        }
        if (first == 'R' || first == 'r') {
            Matcher oneUnderscore = Pattern.compile("[Rr]_+([^_].*)\\.sql").matcher(f);
            return "repeatable migrations are named R__<description>.sql"
                    + (oneUnderscore.matches() ? ": rename it to R__" + oneUnderscore.group(1) + ".sql" : "");
        }
        return "expected V<version>__<description>.sql, U<version>__<description>.sql, R__<description>.sql"
                + " or <version>_<description>.up.sql / .down.sql";
    }

    /** The version and description as people read them: "1.2 create accounts". */
    public String display() {
        return (version == null ? "(repeatable)" : version.text()) + " " + description;
    }

}
