package dev.godwit.migration;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds migration files under the configured locations (recursively) and reports every problem with
 * them at once: bad names, duplicate versions, down scripts without an up script, text that is not UTF-8.
 * Nothing is silently skipped except files that do not look like migrations at all (README.md, seed data).
 */
public final class MigrationScanner {

    private MigrationScanner() {}

    /** What {@code godwit lint} judges of one file: its up section when it is a goose or dbmate file, else all of it. */
    public static String lintedText(Path file, String text) {
        String normalized = Checksums.normalize(text);
        String up = FormatReader.upSection(file, normalized);
        return up == normalized ? text : up; // other files exactly as before: lint reads them as written
    }

    /** Folders only: {@link #scanLocations} with each path a {@link Location.Folder}. */
    public static MigrationSet scan(List<Path> folders) {
        return scanLocations(folders.stream().<Location>map(Location.Folder::new).toList());
    }

    public static MigrationSet scanLocations(List<Location> locations) {
        return scanLocations(locations, MigrationFormat.AUTO);
    }

    /** The migrations under {@code locations}, each file read as {@code format} says ({@code [migrations] format}). */
    public static MigrationSet scanLocations(List<Location> locations, MigrationFormat format) {
        List<MigrationScript> versioned = new ArrayList<>();
        List<MigrationScript> repeatable = new ArrayList<>();
        Map<Version, MigrationScript> down = new HashMap<>();
        List<ScanProblem> problems = new ArrayList<>();
        Map<String, MigrationScript> seen = new HashMap<>();
        Map<MigrationFormat, Path> firstOfFormat = new java.util.LinkedHashMap<>();
        java.util.Set<Path> atlasFolders = new java.util.LinkedHashSet<>();

        for (Location location : locations) {
            for (Location.Resource file : location.sqlFiles(problems)) {
                if (FlywayCallbacks.event(Path.of(file.script()).getFileName().toString()).isPresent()) {
                    continue; // a Flyway callback: a hook, not a migration (FlywayCallbacks)
                }
                if (!FormatReader.mayBeMigration(file) && format != MigrationFormat.LIQUIBASE) {
                    // seed data, README.sql: not read at all, as before; a Liquibase changelog may be named
                    // anything, so with that format every file is read (and one without a number is refused).
                    continue;
                }
                java.util.Optional<String> text = decode(file, problems);
                if (text.isEmpty()) {
                    continue;
                }
                FormatReader.Read read = FormatReader.read(format, file, text.get());
                problems.addAll(read.problems());
                if (read.format() != null) {
                    mixed(format, read.format(), file.path(), firstOfFormat, problems);
                }
                if (read.format() == MigrationFormat.ATLAS) {
                    atlasFolders.add(file.path().getParent());
                }
                read.scripts().forEach(s -> add(s, seen, versioned, repeatable, down, problems));
            }
        }
        // Once per folder, as `atlas migrate` checks it: an edited applied file is refused before anything runs.
        atlasFolders.forEach(dir -> problems.addAll(AtlasSum.verify(dir)));
        versioned.sort(Comparator.comparing(MigrationScript::version));
        repeatable.sort(Comparator.comparing(MigrationScript::description));
        for (MigrationScript d : down.values()) {
            if (versioned.stream().noneMatch(v -> v.version().equals(d.version()))) {
                problems.add(new ScanProblem(d.path(), d.path().getFileName().toString().equals("down.sql")
                        ? "this Diesel migration folder has down.sql but no up.sql; add up.sql (what the migration"
                        + " does) or remove the folder"
                        : "down script for version " + d.version()
                        + " has no up migration; add the up migration or remove this file"));
            }
        }
        return new MigrationSet(versioned, repeatable, down, problems);
    }

    private static void add(MigrationScript s, Map<String, MigrationScript> seen, List<MigrationScript> versioned,
                            List<MigrationScript> repeatable, Map<Version, MigrationScript> down,
                            List<ScanProblem> problems) {
        String key = s.kind() + ":" + (s.version() == null ? s.description() : s.version().parts());
        MigrationScript other = seen.putIfAbsent(key, s);
        if (other != null) {
            problems.add(new ScanProblem(s.path(), duplicate(s, other)));
        } else if (s.kind() == MigrationKind.VERSIONED) {
            versioned.add(s);
        } else if (s.kind() == MigrationKind.REPEATABLE) {
            repeatable.add(s);
        } else {
            down.put(s.version(), s);
        }
    }

    private static String duplicate(MigrationScript s, MigrationScript other) {
        String what = s.version() == null
                ? "repeatable migration '" + s.description() + "'"
                : (s.kind() == MigrationKind.UNDO ? "down script for version " : "version ") + s.version();
        return "duplicate " + what + ", also in " + other.path() + "; give one of them another "
                + (s.version() == null ? "description" : "version");
    }

    /**
     * In {@code auto}, one project is one tool's files: a goose file next to a Flyway one would be read by rules its
     * author did not write for. Flyway and golang-migrate names may still sit side by side, as they always could.
     */
    private static void mixed(MigrationFormat configured, MigrationFormat is, Path file,
                              Map<MigrationFormat, Path> firstOfFormat, List<ScanProblem> problems) {
        MigrationFormat family = is == MigrationFormat.GOLANG_MIGRATE ? MigrationFormat.FLYWAY : is;
        firstOfFormat.putIfAbsent(family, file);
        Map.Entry<MigrationFormat, Path> first = firstOfFormat.entrySet().iterator().next();
        if (configured == MigrationFormat.AUTO && first.getKey() != family) {
            problems.add(new ScanProblem(file, "is a " + is.configName() + " migration, but " + first.getValue()
                    + " is a " + first.getKey().configName() + " one; keep one format per project (convert the"
                    + " others), or set [migrations] format to the one you use"));
        }
    }

    /** The file's text, normalised; empty (and a problem) when it is not UTF-8 or holds a NUL. */
    private static java.util.Optional<String> decode(Location.Resource resource, List<ScanProblem> problems) {
        Path file = resource.path();
        try {
            String raw = decodeUtf8(resource.bytes());
            int nul = raw.indexOf('\0');
            if (nul >= 0) {
                // pgjdbc would send it and the server drop the connection with a protocol error: say it here.
                long line = raw.substring(0, nul).chars().filter(c -> c == '\n').count() + 1;
                problems.add(new ScanProblem(file, "holds a NUL character (byte 0) on line " + line
                        + ", which PostgreSQL text cannot hold; remove it"));
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Checksums.normalize(raw));
        } catch (CharacterCodingException e) {
            problems.add(new ScanProblem(file, "is not valid UTF-8; save it as UTF-8"));
        }
        return java.util.Optional.empty();
    }

    private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
