package dev.godwit.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds {@code pg_dump} and {@code pg_restore}: in {@code [backup] pg_bin_dir} when set (and only there),
 * else on PATH and under {@code /usr/lib/postgresql/*}{@code /bin}, taking the lowest major that is at least
 * the server's (pg_dump cannot dump a newer server; the closest major restores most faithfully).
 */
public final class PgTools {

    /** One tool, with the version it reports. */
    public record Tool(Path path, int major, String version) {}

    /** pg_dump and pg_restore from the same folder. */
    public record Pair(Tool dump, Tool restore) {}

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");

    private PgTools() {}

    public static Pair find(Optional<Path> binDir, int serverMajor, String serverVersion, String path)
            throws BackupException {
        List<Path> dirs = new ArrayList<>();
        if (binDir.isPresent()) {
            dirs.add(binDir.get());
        } else {
            dirs.addAll(pathDirs(path));
            dirs.addAll(debianDirs(Path.of("/usr/lib/postgresql")));
        }
        List<Tool> found = new ArrayList<>();
        for (Path d : new LinkedHashSet<>(dirs)) {
            Path dump = d.resolve("pg_dump");
            if (Files.isExecutable(dump) && Files.isExecutable(d.resolve("pg_restore"))) {
                version(dump).ifPresent(found::add);
            }
        }
        Optional<Tool> best = found.stream().filter(t -> t.major() >= serverMajor)
                .min(Comparator.comparingInt(Tool::major));
        if (best.isEmpty()) {
            throw BackupException.failed(missing(binDir, serverMajor, serverVersion, found));
        }
        Path restorePath = best.get().path().resolveSibling("pg_restore");
        Tool restore = version(restorePath).orElseThrow(() -> BackupException.failed(restorePath
                + " does not say its version (`pg_restore --version`); reinstall postgresql-client-" + serverMajor));
        return new Pair(best.get(), restore);
    }

    private static String missing(Optional<Path> binDir, int major, String serverVersion, List<Tool> found) {
        String where = binDir.map(d -> "in [backup] pg_bin_dir (" + d + ")")
                .orElse("on PATH or under /usr/lib/postgresql/*/bin");
        String install = "install postgresql-client-" + major + " (Debian/Ubuntu: `apt-get install postgresql-client-"
                + major + "`, from apt.postgresql.org when the distribution lacks it; macOS: `brew install postgresql@"
                + major + "`) or set [backup] pg_bin_dir to the folder that holds its pg_dump";
        if (found.isEmpty()) {
            return "pg_dump and pg_restore were not found " + where + "; the server is PostgreSQL " + serverVersion
                    + ", so " + install;
        }
        String seen = String.join(", ", found.stream().map(t -> t.path() + " " + t.version()).toList());
        return "pg_dump " + where + " is too old for the server (PostgreSQL " + serverVersion + "): found " + seen
                + "; pg_dump must be of major " + major + " or newer: " + install;
    }

    static List<Path> pathDirs(String path) {
        List<Path> out = new ArrayList<>();
        if (path != null) {
            for (String p : path.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    out.add(Path.of(p));
                }
            }
        }
        return out;
    }

    /** {@code /usr/lib/postgresql/16/bin}, newest major first. */
    static List<Path> debianDirs(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> majors = Files.list(root)) {
            return majors.map(m -> m.resolve("bin")).filter(Files::isDirectory)
                    .sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** What {@code tool --version} says, e.g. 15 and "15.18"; empty when it does not run or say. */
    static Optional<Tool> version(Path tool) {
        try {
            Process p = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return parse(tool, text);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Optional<Tool> parse(Path tool, String versionText) {
        Matcher m = VERSION.matcher(versionText);
        if (!m.find()) {
            return Optional.empty();
        }
        String v = m.group(1) + (m.group(2) == null ? "" : "." + m.group(2));
        return Optional.of(new Tool(tool, Integer.parseInt(m.group(1)), v));
    }

}
