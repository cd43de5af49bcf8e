package dev.godwit.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one migration file the way its tool does, into the up (and down) scripts the rest of Godwit runs. For a
 * file with both sections (goose, dbmate) each script is the whole file with the other section's lines blanked, so
 * that every file:line in a message points into the real file. Documentation followed: goose v3.24
 * (pressly.github.io/goose), dbmate v2.x README, sqlx 0.8 ({@code migrate!} docs), Diesel 2.2 (diesel_migrations).
 */
final class FormatReader {

    /** What a file is: its tool (null when it is not a migration), its scripts, and what is wrong with it. */
    record Read(MigrationFormat format, List<MigrationScript> scripts, List<ScanProblem> problems) {
        static Read none() {
            return new Read(null, List.of(), List.of());
        }

        static Read problem(MigrationFormat format, Path file, String message) {
            return new Read(format, List.of(), List.of(new ScanProblem(file, message)));
        }
    }

    /** {@code 00001_create_accounts.sql}: goose, dbmate, sqlx (up only) and Atlas names. */
    private static final Pattern PLAIN = Pattern.compile("(\\d+)_(.+)\\.sql");
    private static final Pattern SPLIT = Pattern.compile("\\d+_.+\\.(up|down)\\.sql");
    /** Diesel's folder: {@code 2023-01-01-120000_create_accounts} (or any digits, as diesel_migrations reads it). */
    private static final Pattern DIESEL_DIR = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}-\\d{6}|\\d+)_(.+)");
    private static final Pattern GOOSE = Pattern.compile("(?i)--\\s*\\+goose\\s+(.*?)\\s*");
    private static final Pattern DBMATE = Pattern.compile("--\\s*migrate:(up|down)(?:\\s+(.*?))?\\s*");
    private static final Pattern ATLAS_DIRECTIVE = Pattern.compile("--\\s*atlas:(\\w+)(?:\\s+(.*))?");
    private static final Pattern RUN_IN_TRANSACTION_FALSE = Pattern.compile("\\s*run_in_transaction\\s*=\\s*false\\s*(#.*)?");

    private FormatReader() {}

    static Read read(MigrationFormat format, Location.Resource file, String text) {
        MigrationFormat is = detect(file, text);
        if (format == MigrationFormat.AUTO) {
            return switch (is == null ? MigrationFormat.AUTO : is) {
                case GOOSE -> goose(file, text);
                case DBMATE -> dbmate(file, text);
                case DIESEL -> diesel(file, text);
                case ATLAS -> atlas(file, text);
                case LIQUIBASE -> LiquibaseSql.read(file, text);
                case FLYWAY, GOLANG_MIGRATE -> named(file, text, is);
                default -> PLAIN.matcher(fileName(file)).matches()
                        ? Read.problem(null, file.path(), "is named like a migration but is in no format Godwit can"
                                + " tell: golang-migrate names end in .up.sql or .down.sql (if it is one, rename it to "
                                + fileName(file).replaceFirst("\\.sql$", ".up.sql") + "); an up-only sqlx file needs"
                                + " [migrations] format = \"sqlx\"; a goose or dbmate file needs its '-- +goose Up'"
                                + " or '-- migrate:up' line")
                        : named(file, text, null);
            };
        }
        if (is != null && is != format && !(format == MigrationFormat.SQLX && is == MigrationFormat.GOLANG_MIGRATE)) {
            return Read.problem(format, file.path(), "is a " + is.configName() + " migration, but [migrations] format"
                    + " is \"" + format.configName() + "\"; convert it, or set format = \"auto\" if the folder holds"
                    + " only " + is.configName() + " files");
        }
        return switch (format) {
            case GOOSE -> PLAIN.matcher(fileName(file)).matches() ? goose(file, text)
                    : notNamed(file, "goose names are <version>_<description>.sql, such as 00001_create_accounts.sql");
            case DBMATE -> PLAIN.matcher(fileName(file)).matches() ? dbmate(file, text)
                    : notNamed(file, "dbmate names are <version>_<description>.sql, such as"
                    + " 20230101120000_create_accounts.sql");
            case DIESEL -> is == MigrationFormat.DIESEL ? diesel(file, text)
                    : notNamed(file, "Diesel migrations are folders <timestamp>_<description>/ holding up.sql and"
                    + " down.sql, such as 2023-01-01-120000_create_accounts/up.sql");
            case SQLX -> sqlx(file, text);
            case LIQUIBASE -> LiquibaseSql.read(file, text);
            case ATLAS -> PLAIN.matcher(fileName(file)).matches() && !SPLIT.matcher(fileName(file)).matches()
                    ? atlas(file, text)
                    : notNamed(file, "Atlas names are <version>_<description>.sql, such as"
                    + " 20230101120000_create_accounts.sql, next to atlas.sum");
            default -> named(file, text, format);
        };
    }

    /** False for files no format would take by their name (seed.sql): they are not even decoded. */
    static boolean mayBeMigration(Location.Resource file) {
        String name = fileName(file);
        Path parent = Path.of(file.script()).getParent();
        return !(MigrationName.parse(name) instanceof MigrationName.NotAMigration)
                || (name.equals("up.sql") || name.equals("down.sql")) && parent != null
                && DIESEL_DIR.matcher(parent.getFileName().toString()).matches();
    }

    /** The tool a file belongs to, by its name, its folder and its marker lines; null when it shows none. */
    static MigrationFormat detect(Location.Resource file, String text) {
        String name = fileName(file);
        Path parent = Path.of(file.script()).getParent();
        if (LiquibaseSql.is(text)) {
            return MigrationFormat.LIQUIBASE; // its first line says so, whatever the name
        }
        if ((name.equals("up.sql") || name.equals("down.sql")) && parent != null
                && DIESEL_DIR.matcher(parent.getFileName().toString()).matches()) {
            return MigrationFormat.DIESEL;
        }
        if (PLAIN.matcher(name).matches() && !SPLIT.matcher(name).matches()) {
            if (Files.isRegularFile(file.path().resolveSibling(AtlasSum.FILE))) {
                return MigrationFormat.ATLAS;
            }
            for (String line : text.split("\n")) {
                Matcher g = GOOSE.matcher(line.strip());
                if (g.matches() && g.group(1).matches("(?i)up|down")) {
                    return MigrationFormat.GOOSE;
                }
                if (DBMATE.matcher(line.strip()).matches()) {
                    return MigrationFormat.DBMATE;
                }
            }
            return null;
        }
        if (MigrationName.parse(name) instanceof MigrationName.Migration) {
            return name.endsWith(".up.sql") || name.endsWith(".down.sql")
                    ? MigrationFormat.GOLANG_MIGRATE : MigrationFormat.FLYWAY;
        }
        return null;
    }

    /** Flyway and golang-migrate names, as Godwit has always read them; {@code only} limits to one of them. */
    private static Read named(Location.Resource file, String text, MigrationFormat only) {
        MigrationName.Parsed parsed = MigrationName.parse(fileName(file));
        if (parsed instanceof MigrationName.Mistake m) {
            return Read.problem(only, file.path(), m.message());
        }
        if (parsed instanceof MigrationName.Migration m) {
            MigrationFormat is = detect(file, text);
            if (only != null && is != only) {
                return Read.problem(only, file.path(), "is a " + is.configName() + " name, but [migrations] format is \""
                        + only.configName() + "\"; rename it, or set format = \"auto\" to read both");
            }
            return new Read(is, List.of(script(m.name(), file, text, Optional.empty())), List.of());
        }
        return Read.none();
    }

    private static Read notNamed(Location.Resource file, String expected) {
        return MigrationName.parse(fileName(file)) instanceof MigrationName.NotAMigration
                && !PLAIN.matcher(fileName(file)).matches() ? Read.none()
                : Read.problem(null, file.path(), "is not named as the configured format expects: " + expected);
    }

    /** goose: {@code -- +goose Up}, {@code -- +goose Down}, StatementBegin/End, NO TRANSACTION. */
    private static Read goose(Location.Resource file, String text) {
        Matcher name = PLAIN.matcher(fileName(file));
        name.matches();
        String[] lines = text.split("\n", -1);
        List<ScanProblem> problems = new ArrayList<>();
        int up = -1;
        int down = -1;
        int open = -1;
        int noTransaction = -1;
        for (int i = 0; i < lines.length; i++) {
            Matcher g = GOOSE.matcher(lines[i].strip());
            if (!g.matches()) {
                if (up < 0 && down < 0 && isSql(lines[i])) {
                    problems.add(at(file, i, "holds SQL before its '-- +goose Up' line; goose runs only what is in"
                            + " its Up and Down sections: move it below '-- +goose Up'"));
                }
                continue;
            }
            String word = g.group(1).replace(" ", "").toLowerCase(Locale.ROOT);
            switch (word) {
                case "up", "down" -> {
                    if (open >= 0) {
                        problems.add(at(file, open, "-- +goose StatementBegin has no StatementEnd before the '-- +goose "
                                + g.group(1) + "' on line " + (i + 1) + "; add '-- +goose StatementEnd' after the statement"));
                        open = -1;
                    }
                    if (word.equals("up") && (up >= 0 || down >= 0) || word.equals("down") && (down >= 0 || up < 0)) {
                        problems.add(at(file, i, word.equals("up") && down >= 0
                                ? "has '-- +goose Up' after '-- +goose Down'; goose files start with the Up section"
                                : "has a second '-- +goose " + g.group(1) + "' line (or Down before Up); a goose file has"
                                + " one Up section, then at most one Down section"));
                    } else if (word.equals("up")) {
                        up = i;
                    } else {
                        down = i;
                    }
                }
                case "statementbegin" -> {
                    if (open >= 0) {
                        problems.add(at(file, i, "-- +goose StatementBegin inside the one opened on line " + (open + 1)
                                + "; close that one with '-- +goose StatementEnd' first"));
                    }
                    open = i;
                }
                case "statementend" -> {
                    if (open < 0) {
                        problems.add(at(file, i, "-- +goose StatementEnd without a StatementBegin before it"));
                    }
                    open = -1;
                }
                case "notransaction" -> noTransaction = i;
                default -> problems.add(at(file, i, "'" + lines[i].strip() + "' is not a goose annotation Godwit"
                        + " reads (Up, Down, StatementBegin, StatementEnd, NO TRANSACTION); for ENVSUB use Godwit's"
                        + " ${placeholders}"));
            }
        }
        if (open >= 0) {
            problems.add(at(file, open, "-- +goose StatementBegin is never closed; add '-- +goose StatementEnd' after"
                    + " the statement it starts"));
        }
        if (up < 0) {
            // Without its Up line the rest cannot be told apart: this is the one thing to fix.
            return new Read(MigrationFormat.GOOSE, List.of(), List.of(at(file, 0, "has no '-- +goose Up' line; a goose"
                    + " file starts its migration with '-- +goose Up' (and its rollback with '-- +goose Down')")));
        }
        if (!problems.isEmpty()) {
            return new Read(MigrationFormat.GOOSE, List.of(), problems);
        }
        Optional<String> outside = noTransaction < 0 ? Optional.empty()
                : Optional.of(file.script() + ":" + (noTransaction + 1) + ": the goose file says -- +goose NO TRANSACTION");
        return twoSections(MigrationFormat.GOOSE, file, name, lines, up, down, outside, outside);
    }

    /**
     * The text {@code godwit lint} judges for a file given by path: a goose or dbmate file's up section (the down
     * section blanked, lines kept), since its down section undoes it rather than running after it; a Liquibase
     * file's changesets as they run (statement boundaries of endDelimiter kept); else the text.
     */
    static String upSection(Path file, String text) {
        Location.Resource r = new Location.Resource(file, file.getFileName().toString(), new byte[0]);
        MigrationFormat is = detect(r, text);
        if (is == MigrationFormat.LIQUIBASE) {
            return LiquibaseSql.allChangesets(r, text);
        }
        if (is != MigrationFormat.GOOSE && is != MigrationFormat.DBMATE) {
            return text;
        }
        Read read = is == MigrationFormat.GOOSE ? goose(r, text) : dbmate(r, text);
        return read.scripts().isEmpty() ? text : read.scripts().get(0).text();
    }

    /** dbmate: {@code -- migrate:up} and {@code -- migrate:down}, each maybe with {@code transaction:false}. */
    private static Read dbmate(Location.Resource file, String text) {
        Matcher name = PLAIN.matcher(fileName(file));
        name.matches();
        String[] lines = text.split("\n", -1);
        int up = -1;
        int down = -1;
        Optional<String> upOutside = Optional.empty();
        Optional<String> downOutside = Optional.empty();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = DBMATE.matcher(lines[i].strip());
            if (!m.matches()) {
                if (up < 0 && down < 0 && isSql(lines[i])) {
                    return lineProblem(file, i + 1, "holds SQL before"
                            + " its '-- migrate:up' line; dbmate requires '-- migrate:up' before any statement");
                }
                continue;
            }
            boolean isUp = m.group(1).equals("up");
            if (isUp ? up >= 0 || down >= 0 : down >= 0 || up < 0) {
                return lineProblem(file, i + 1, "a dbmate file has one"
                        + " '-- migrate:up' section, then at most one '-- migrate:down' section");
            }
            Optional<String> outside = Optional.empty();
            for (String option : m.group(2) == null ? new String[0] : m.group(2).split("\\s+")) {
                if (option.equals("transaction:false")) {
                    outside = Optional.of(file.script() + ":" + (i + 1) + ": the dbmate file says transaction:false");
                } else if (!option.equals("transaction:true")) {
                    return lineProblem(file, i + 1, "unknown dbmate"
                            + " option '" + option + "'; dbmate knows transaction:false and transaction:true");
                }
            }
            if (isUp) {
                up = i;
                upOutside = outside;
            } else {
                down = i;
                downOutside = outside;
            }
        }
        if (up < 0) {
            return lineProblem(file, 1, "has no '-- migrate:up' line; dbmate files"
                    + " start their migration with '-- migrate:up' (and their rollback with '-- migrate:down')");
        }
        return twoSections(MigrationFormat.DBMATE, file, name, lines, up, down, upOutside, downOutside);
    }

    /** The up script (the down section blanked) and, when the down section holds SQL, the down script. */
    private static Read twoSections(MigrationFormat format, Location.Resource file, Matcher name, String[] lines,
                                    int up, int down, Optional<String> upOutside, Optional<String> downOutside) {
        int end = down < 0 ? lines.length : down;
        Version v = Version.parse(name.group(1));
        String description = name.group(2).replace('_', ' ').trim();
        List<MigrationScript> scripts = new ArrayList<>();
        scripts.add(script(new MigrationName(MigrationKind.VERSIONED, v, description), file,
                blank(lines, end, lines.length), upOutside));
        boolean downHasSql = false;
        for (int i = end + 1; down >= 0 && i < lines.length; i++) {
            downHasSql |= isSql(lines[i]);
        }
        if (downHasSql) {
            // The lines before the Up marker (comments only) stay in both: a -- godwit: directive there applies to both.
            scripts.add(script(new MigrationName(MigrationKind.UNDO, v, description), file,
                    blank(lines, up, end), downOutside));
        }
        return new Read(format, scripts, List.of());
    }

    /** The file's lines with those of {@code [from, to)} blanked, so that the others keep their line numbers. */
    private static String blank(String[] lines, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(i >= from && i < to ? "" : lines[i]);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Diesel: up.sql or down.sql in a {@code <timestamp>_<name>} folder; metadata.toml next to them. */
    private static Read diesel(Location.Resource file, String text) {
        Path dir = Path.of(file.script()).getParent();
        Matcher m = DIESEL_DIR.matcher(dir.getFileName().toString());
        m.matches();
        // diesel_migrations keeps the folder's leading part without its dashes: 2023-01-01-120000 is 20230101120000.
        Version v = Version.parse(m.group(1).replace("-", ""));
        boolean up = fileName(file).equals("up.sql");
        Optional<String> outside = Optional.empty();
        Path metadata = file.path().resolveSibling("metadata.toml");
        try {
            if (Files.isRegularFile(metadata)
                    && Files.readAllLines(metadata).stream().anyMatch(l -> RUN_IN_TRANSACTION_FALSE.matcher(l).matches())) {
                outside = Optional.of(dir + "/metadata.toml says run_in_transaction = false");
            }
        } catch (java.io.IOException e) {
            return Read.problem(MigrationFormat.DIESEL, metadata, "could not be read: " + e.getMessage());
        }
        MigrationName name = new MigrationName(up ? MigrationKind.VERSIONED : MigrationKind.UNDO, v,
                m.group(2).replace('_', ' ').trim());
        return new Read(MigrationFormat.DIESEL, List.of(script(name, file, text, outside)), List.of());
    }

    /**
     * Atlas: the whole file is the migration (Atlas has no down files); {@code -- atlas:txmode none} among the
     * file's leading comments runs it outside a transaction. atlas.sum is checked once per folder by the scanner.
     */
    private static Read atlas(Location.Resource file, String text) {
        Matcher name = PLAIN.matcher(fileName(file));
        name.matches();
        String[] lines = text.split("\n", -1);
        Optional<String> outside = Optional.empty();
        for (int i = 0; i < lines.length && lines[i].startsWith("--"); i++) {
            Matcher d = ATLAS_DIRECTIVE.matcher(lines[i].strip());
            if (!d.matches()) {
                continue;
            }
            String value = d.group(2) == null ? "" : d.group(2).strip();
            switch (d.group(1)) {
                case "txmode" -> {
                    if (value.equals("none")) {
                        outside = Optional.of(file.script() + ":" + (i + 1) + ": the Atlas file says atlas:txmode none");
                    } else if (!value.equals("file")) {
                        return Read.problem(MigrationFormat.ATLAS, file.path(), "line " + (i + 1) + ": atlas:txmode "
                                + value + " is not one Godwit reads (none or file); each migration runs in its own"
                                + " transaction unless it says none");
                    }
                }
                case "sum", "checkpoint" -> { }
                default -> {
                    return new Read(MigrationFormat.ATLAS, List.of(), List.of(at(file, i, "atlas:" + d.group(1)
                            + " is not an Atlas directive Godwit reads (txmode, sum); for atlas:delimiter, write"
                            + " statements that end with ; (Godwit's splitter keeps $$ bodies whole)")));
                }
            }
        }
        MigrationName n = new MigrationName(MigrationKind.VERSIONED, Version.parse(name.group(1)),
                name.group(2).replace('_', ' ').trim());
        return new Read(MigrationFormat.ATLAS, List.of(script(n, file, text, outside)), List.of());
    }

    /** sqlx: {@code <version>_<name>.sql} up only, or .up.sql and .down.sql; {@code -- no-transaction} first. */
    private static Read sqlx(Location.Resource file, String text) {
        String fileName = fileName(file);
        Matcher plain = PLAIN.matcher(fileName);
        MigrationName.Parsed parsed = MigrationName.parse(fileName);
        MigrationName name;
        if (SPLIT.matcher(fileName).matches() && parsed instanceof MigrationName.Migration m) {
            name = m.name();
        } else if (plain.matches()) {
            name = new MigrationName(MigrationKind.VERSIONED, Version.parse(plain.group(1)),
                    plain.group(2).replace('_', ' ').trim());
        } else {
            return notNamed(file, "sqlx names are <version>_<description>.sql, or .up.sql and .down.sql");
        }
        // sqlx reads "-- no-transaction" only as the file's first line.
        Optional<String> outside = text.startsWith("-- no-transaction")
                ? Optional.of(file.script() + ":1: the sqlx file says -- no-transaction") : Optional.empty();
        return new Read(MigrationFormat.SQLX, List.of(script(name, file, text, outside)), List.of());
    }

    private static MigrationScript script(MigrationName name, Location.Resource file, String text,
                                          Optional<String> outside) {
        return new MigrationScript(name, file.path(), file.script(), text, Checksums.sha256(text), outside);
    }

    /** A line that is more than blanks and a line comment. */
    private static boolean isSql(String line) {
        String s = line.strip();
        return !s.isEmpty() && !s.startsWith("--");
    }

    private static Read lineProblem(Location.Resource file, int line, String message) {
        return new Read(MigrationFormat.DBMATE, List.of(), List.of(new ScanProblem(file.path(), line, message)));
    }

    private static ScanProblem at(Location.Resource file, int index, String message) {
        return new ScanProblem(file.path(), index + 1, message);
    }

    private static String fileName(Location.Resource file) {
        return file.path().getFileName().toString();
    }
}
