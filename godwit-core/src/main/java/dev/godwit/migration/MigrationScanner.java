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

    /** Folders only: {@link #scanLocations} with each path a {@link Location.Folder}. */
    public static MigrationSet scan(List<Path> folders) {
        return scanLocations(folders.stream().<Location>map(Location.Folder::new).toList());
    }

    public static MigrationSet scanLocations(List<Location> locations) {
        List<MigrationScript> versioned = new ArrayList<>();
        List<MigrationScript> repeatable = new ArrayList<>();
        Map<Version, MigrationScript> down = new HashMap<>();
        List<ScanProblem> problems = new ArrayList<>();
        Map<String, MigrationScript> seen = new HashMap<>();

        for (Location location : locations) {
            for (Location.Resource file : location.sqlFiles(problems)) {
                MigrationName.Parsed parsed = MigrationName.parse(file.path().getFileName().toString());
                if (parsed instanceof MigrationName.Mistake m) {
                    problems.add(new ScanProblem(file.path(), m.message()));
                } else if (parsed instanceof MigrationName.Migration m) {
                    read(file, m.name(), problems).ifPresent(s -> add(s, seen, versioned, repeatable, down, problems));
                }
            }
        }
        versioned.sort(Comparator.comparing(MigrationScript::version));
        repeatable.sort(Comparator.comparing(MigrationScript::description));
        for (MigrationScript d : down.values()) {
            if (versioned.stream().noneMatch(v -> v.version().equals(d.version()))) {
                problems.add(new ScanProblem(d.path(), "down script for version " + d.version()
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

    private static java.util.Optional<MigrationScript> read(Location.Resource resource, MigrationName name,
                                                            List<ScanProblem> problems) {
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
            String text = Checksums.normalize(raw);
            return java.util.Optional.of(new MigrationScript(name, file, resource.script(), text, Checksums.sha256(text)));
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
