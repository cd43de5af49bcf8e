package dev.godwit.lint;

import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.MigrationName;
import dev.godwit.migration.MigrationScanner;
import dev.godwit.migration.Version;
import dev.godwit.sql.Placeholders;
import dev.godwit.sql.SqlScript;
import dev.godwit.sql.SqlSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files {@code godwit lint PATH…} reads: {@code .sql} files, and the {@code .sql} files under folders,
 * in the order {@code migrate} would apply them (versioned by version, then repeatables, then down scripts
 * and anything else by name), so that each statement is judged against what earlier files created.
 */
public final class LintSources {

    /** A file that could not be read or parsed: {@code file:line:column: problem}. */
    public static final class Problem extends Exception {
        public Problem(String message) {
            super(message);
        }
    }

    private LintSources() {}

    /**
     * Reads and parses every file. Placeholders are replaced first when every one the file uses is defined;
     * otherwise they stay as written (the statements using them are then less precisely analysed).
     *
     * @param shownRelativeTo file names in findings are relative to this folder when under it
     */
    public static List<LintInput> read(List<Path> paths, Map<String, String> placeholders, Path shownRelativeTo)
            throws Problem {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            files.addAll(sqlFiles(p));
        }
        // Each key once: computing it in every comparison (a name parse and a format) cost a third of a second.
        Map<Path, String> keys = new HashMap<>();
        files.sort(Comparator.comparing(f -> keys.computeIfAbsent(f, LintSources::orderKey)));
        // Files are read and parsed on every core (each on its own; the order of the list is kept): on a large
        // history this was a third of the time of `godwit lint`.
        List<Parsed> parsed = files.parallelStream().map(f -> parse(f, shown(f, shownRelativeTo), placeholders))
                .toList();
        List<LintInput> inputs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Parsed p : parsed) {
            if (p.input() != null) {
                inputs.add(p.input());
            } else {
                problems.add(p.problem());
            }
        }
        if (!problems.isEmpty()) {
            throw new Problem(String.join("\n", problems));
        }
        return inputs;
    }

    /** One file: its input, or what is wrong with it. */
    private record Parsed(LintInput input, String problem) {}

    private static Parsed parse(Path f, String shown, Map<String, String> placeholders) {
        try {
            String text = MigrationScanner.lintedText(f, Files.readString(f, StandardCharsets.UTF_8));
            return new Parsed(LintInput.of(shown, SqlScript.parse(withPlaceholders(text, placeholders))), null);
        } catch (IOException e) {
            return new Parsed(null, shown + ": cannot be read: " + e.getMessage());
        } catch (SqlSyntaxException e) {
            return new Parsed(null, shown + ":" + e.line() + ":" + e.column() + ": " + e.problem());
        }
    }

    private static String withPlaceholders(String text, Map<String, String> placeholders) {
        try {
            return Placeholders.replace(text, placeholders);
        } catch (SqlSyntaxException undefined) {
            return text;
        }
    }

    private static List<Path> sqlFiles(Path p) throws Problem {
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (!Files.isDirectory(p)) {
            throw new Problem(p + ": no such file or folder");
        }
        try (Stream<Path> walk = Files.walk(p)) {
            return walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".sql")).toList();
        } catch (IOException e) {
            throw new Problem(p + ": cannot be listed: " + e.getMessage());
        }
    }

    /** Versioned migrations by version, then repeatables, then down scripts, then other files; ties by path. */
    private static String orderKey(Path f) {
        MigrationName.Parsed parsed = MigrationName.parse(f.getFileName().toString());
        if (parsed instanceof MigrationName.Migration m) {
            MigrationName n = m.name();
            if (n.kind() == MigrationKind.VERSIONED) {
                return "0" + sortable(n.version()) + "/" + f;
            }
            return (n.kind() == MigrationKind.REPEATABLE ? "1" : "2") + f;
        }
        return "3" + f;
    }

    /** Each version part zero-padded, so that text order is version order (1.10 after 1.9). */
    private static String sortable(Version v) {
        StringBuilder sb = new StringBuilder();
        for (var part : v.parts()) {
            String digits = part.toString(); // String.format was a tenth of reading a large folder
            sb.append("0".repeat(Math.max(0, 30 - digits.length()))).append(digits).append('.');
        }
        return sb.toString();
    }

    private static String shown(Path f, Path base) {
        Path abs = f.toAbsolutePath().normalize();
        Path b = base.toAbsolutePath().normalize();
        return abs.startsWith(b) ? b.relativize(abs).toString() : f.toString();
    }
}
