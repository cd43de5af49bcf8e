package dev.godwit.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Atlas's {@code atlas.sum}, computed and checked as Atlas does (ariga/atlas sql/migrate/dir.go, {@code NewHashFile},
 * {@code HashFile.Sum}, {@code Validate}): the folder's {@code *.sql} files sorted by name, one running SHA-256 fed
 * each file's name then its bytes, its base64 value after each file being that file's hash (a file whose first line
 * holds {@code atlas:sum ignore} feeds its name only and has no line); the {@code h1:} first line is the base64
 * SHA-256 over every line's name and hash. Because the hash runs on, the first file that differs is the one changed.
 */
public final class AtlasSum {

    public static final String FILE = "atlas.sum";

    /** Atlas's directive pattern, read on the file's first line only, as its unanchored-but-^ regex does. */
    private static final Pattern SUM_IGNORE = Pattern.compile("[ -~]*atlas:sum +ignore");

    private AtlasSum() {}

    /** Each {@code *.sql} file of {@code dir} by name, with the hash {@code atlas migrate hash} writes for it. */
    public static Map<String, String> compute(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        }
        MessageDigest running = sha256();
        Map<String, String> out = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            byte[] bytes = Files.readAllBytes(file);
            running.update(name.getBytes(StandardCharsets.UTF_8));
            String first = new String(bytes, StandardCharsets.UTF_8).split("\n", 2)[0];
            if (SUM_IGNORE.matcher(first).matches()) {
                continue;
            }
            running.update(bytes);
            out.put(name, hash(running));
        }
        return out;
    }

    /** The {@code h1:} total over the lines, as {@code HashFile.Sum} computes it. */
    static String total(Map<String, String> lines) {
        MessageDigest sha = sha256();
        lines.forEach((name, hash) -> {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update(hash.getBytes(StandardCharsets.UTF_8));
        });
        return Base64.getEncoder().encodeToString(sha.digest());
    }

    /**
     * What is wrong between {@code dir} and its atlas.sum, naming the file: a missing sum file, a malformed or
     * hand-edited one, a file changed, added or removed since {@code atlas migrate hash}. Empty when they agree.
     */
    static List<ScanProblem> verify(Path dir) {
        Path sumFile = dir.resolve(FILE);
        List<ScanProblem> problems = new ArrayList<>();
        try {
            Map<String, String> actual = compute(dir);
            if (!Files.isRegularFile(sumFile)) {
                if (!actual.isEmpty()) {
                    problems.add(new ScanProblem(dir, "holds Atlas migrations but no atlas.sum; Atlas refuses such a"
                            + " folder (checksum file not found): run `atlas migrate hash` and commit atlas.sum"));
                }
                return problems;
            }
            List<String> lines = Files.readAllLines(sumFile, StandardCharsets.UTF_8);
            Map<String, String> recorded = new LinkedHashMap<>();
            Map<String, Integer> lineOf = new LinkedHashMap<>();
            for (int i = 1; i < lines.size(); i++) {
                int h1 = lines.get(i).indexOf("h1:");
                if (h1 < 0) {
                    problems.add(new ScanProblem(sumFile, i + 1, "is not a line atlas.sum holds ('<file> h1:<hash>');"
                            + " run `atlas migrate hash` to write the file again"));
                    return problems;
                }
                String name = lines.get(i).substring(0, h1).strip();
                recorded.put(name, lines.get(i).substring(h1 + 3));
                lineOf.put(name, i + 1);
            }
            String total = lines.isEmpty() ? "" : lines.get(0).replaceFirst("^h1:", "");
            if (!total.equals(total(recorded))) {
                problems.add(new ScanProblem(sumFile, 1, "its h1: total does not match its own lines: atlas.sum was"
                        + " edited by hand or merged from two branches; run `atlas migrate hash` once the files are"
                        + " right"));
                return problems;
            }
            firstDifference(dir, sumFile, actual, recorded, lineOf).ifPresent(problems::add);
        } catch (IOException e) {
            problems.add(new ScanProblem(sumFile, "could not be read: " + e.getMessage()));
        }
        return problems;
    }

    /** The running hash makes every file after a changed one differ too: only the first is the one to look at. */
    private static Optional<ScanProblem> firstDifference(Path dir, Path sumFile, Map<String, String> actual,
                                                         Map<String, String> recorded, Map<String, Integer> lineOf) {
        for (Map.Entry<String, String> e : actual.entrySet()) {
            String was = recorded.get(e.getKey());
            if (was == null) {
                return Optional.of(new ScanProblem(dir.resolve(e.getKey()), "is not in atlas.sum: it was added after"
                        + " `atlas migrate hash` ran; if it belongs, run `atlas migrate hash` (Atlas refuses the folder"
                        + " until then)"));
            }
            if (!was.equals(e.getValue())) {
                return Optional.of(new ScanProblem(dir.resolve(e.getKey()), "does not match its hash in atlas.sum"
                        + " (line " + lineOf.get(e.getKey()) + "): the file (or one sorted before it) changed after `atlas migrate"
                        + " hash`; restore it, or if the change is meant, run `atlas migrate hash`"));
            }
        }
        for (String name : recorded.keySet()) {
            if (!actual.containsKey(name)) {
                return Optional.of(new ScanProblem(sumFile, lineOf.get(name), "lists " + name + ", which is not in "
                        + dir + "; restore the file, or run `atlas migrate hash` if it was removed on purpose"));
            }
        }
        return Optional.empty();
    }

    private static String hash(MessageDigest running) {
        try {
            // Go's h.Sum(nil) reads the running hash without ending it: a clone does the same here.
            return Base64.getEncoder().encodeToString(((MessageDigest) running.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
