package dev.godwit.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where migrations are read from, as Flyway names them: {@code filesystem:db/migrations} (or a plain path) for a
 * folder, {@code classpath:db/godwit} for a package on the class path, in folders or in jars (Spring Boot's nested
 * jars included). Both give the same files to the same scanner, so names, checksums and validation are the same.
 */
public sealed interface Location {

    /** A folder of .sql files, searched recursively. */
    record Folder(Path dir) implements Location {
        @Override
        public String toString() {
            return dir.toString();
        }
    }

    /** A package on the class path, such as {@code db/godwit}, searched recursively in every root that has it. */
    record Classpath(String prefix, ClassLoader loader) implements Location {
        public Classpath {
            prefix = prefix.replaceAll("^/+|/+$", "");
        }

        @Override
        public String toString() {
            return "classpath:" + prefix;
        }
    }

    /** One migration file found under a location. */
    record Resource(Path path, String script, byte[] bytes) {}

    /** {@code classpath:x}, {@code filesystem:x}, or a path; relative paths resolve against {@code base}. */
    static Location parse(String text, Path base, ClassLoader loader) {
        String t = text.trim();
        if (t.startsWith("classpath:")) {
            return new Classpath(t.substring("classpath:".length()), loader);
        }
        if (t.startsWith("filesystem:")) {
            t = t.substring("filesystem:".length());
        }
        return new Folder(base.resolve(t).toAbsolutePath().normalize());
    }

    /** The .sql files under this location, sorted by their name relative to it. */
    default List<Resource> sqlFiles(List<ScanProblem> problems) {
        return this instanceof Folder f ? folderFiles(f.dir(), problems) : classpathFiles((Classpath) this, problems);
    }

    private static List<Resource> folderFiles(Path location, List<ScanProblem> problems) {
        if (!Files.isDirectory(location)) {
            problems.add(new ScanProblem(location, Files.exists(location)
                    ? "is not a folder; --locations and [migrations] locations name folders of .sql files"
                    : "migrations folder does not exist; create it (godwit init does) or point --locations at yours"));
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(location, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            problems.add(new ScanProblem(location, "could not be read: " + e.getMessage()));
            return List.of();
        }
        List<Resource> out = new ArrayList<>();
        for (Path file : files) {
            try {
                out.add(new Resource(file, location.relativize(file).toString().replace('\\', '/'),
                        Files.readAllBytes(file)));
            } catch (IOException e) {
                problems.add(new ScanProblem(file, "could not be read: " + e.getMessage()));
            }
        }
        return out;
    }

    private static List<Resource> classpathFiles(Classpath c, List<ScanProblem> problems) {
        Path shown = Path.of(c.toString());
        List<Resource> out = new ArrayList<>();
        Enumeration<URL> roots;
        try {
            roots = c.loader().getResources(c.prefix());
        } catch (IOException e) {
            problems.add(new ScanProblem(shown, "could not be read: " + e.getMessage()));
            return List.of();
        }
        boolean found = false;
        for (URL root : Collections.list(roots)) {
            found = true;
            try {
                if ("file".equals(root.getProtocol())) {
                    Path dir = Path.of(root.toURI());
                    for (Resource r : folderFiles(dir, problems)) {
                        out.add(new Resource(Path.of(c + "/" + r.script()), r.script(), r.bytes()));
                    }
                } else {
                    out.addAll(jarFiles(c, root));
                }
            } catch (IOException | URISyntaxException | RuntimeException e) {
                problems.add(new ScanProblem(shown, "could not be read from " + root + ": " + e.getMessage()));
            }
        }
        if (!found) {
            problems.add(new ScanProblem(shown, "is not on the class path; put the migrations under src/main/resources/"
                    + c.prefix() + " (or name the location that holds them)"));
        }
        out.sort(Comparator.comparing(Resource::script));
        return out;
    }

    /** Entries under the prefix in a jar, read through the jar's own URL handler (Spring Boot's nested jars too). */
    private static List<Resource> jarFiles(Classpath c, URL root) throws IOException {
        URLConnection conn = root.openConnection();
        if (!(conn instanceof JarURLConnection jar)) {
            throw new IOException("unsupported class path entry (" + root.getProtocol() + ")");
        }
        conn.setUseCaches(false);
        String entryPrefix = jar.getEntryName() == null ? "" : jar.getEntryName().replaceAll("/*$", "/");
        List<Resource> out = new ArrayList<>();
        JarFile file = jar.getJarFile();
        try {
            for (JarEntry e : Collections.list(file.entries())) {
                String name = e.getName();
                if (!e.isDirectory() && name.startsWith(entryPrefix) && name.endsWith(".sql")) {
                    String script = name.substring(entryPrefix.length());
                    try (InputStream in = file.getInputStream(e)) {
                        out.add(new Resource(Path.of(c + "/" + script), script, in.readAllBytes()));
                    }
                }
            }
        } finally {
            if (!jar.getUseCaches()) {
                file.close();
            }
        }
        return out;
    }
}
