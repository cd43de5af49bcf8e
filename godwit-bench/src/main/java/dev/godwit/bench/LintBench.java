package dev.godwit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bench/run lint [STATEMENTS] [RUNS]}: {@code godwit lint --format json} against squawk (its native
 * binary, run directly, so node's start is not measured) on the same generated corpus of realistic migration
 * files (100,000 statements by default), runs interleaved, five each by default; prints medians of wall time and
 * peak RSS and the ratio of wall medians. Godwit is measured twice: {@code java -jar} with the JVM's defaults,
 * and through the {@code ./godwit} launcher with the JVM options users get; with {@code -Dgodwit.baseline.jar}
 * ({@code GODWIT_BASELINE_JAR} for bench/run), an earlier jar the same two ways, in the same rounds.
 */
public final class LintBench {

    /** The corpus is the same on every machine and every run. */
    static final long SEED = 42;
    static final String SQUAWK = "squawk-cli@2.66.0";
    /** Godwit exits 5 when findings reach max_risk (they do: the corpus has risky forms); squawk 1 on violations. */
    private static final Set<Integer> GODWIT_EXITS = Set.of(0, 5);
    private static final Set<Integer> SQUAWK_EXITS = Set.of(0, 1);

    private LintBench() {}

    public static String main(String[] args) throws Exception {
        int statements = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path jar = Measure.godwitJar();
        Path launcher = jar.getParent().getParent().getParent().resolve("godwit");
        Path squawk = squawk(Path.of("godwit-bench/target/squawk").toAbsolutePath());
        Path work = Files.createTempDirectory("godwit-bench-lint-");
        try {
            LintCorpus.Result corpus = LintCorpus.write(work.resolve("migrations"), statements, SEED);
            Path godwitToml = Files.writeString(work.resolve("godwit.toml"), "# defaults\n");
            Path squawkToml = Files.writeString(work.resolve(".squawk.toml"), "# defaults\n");
            List<String> lint = List.of("--config", godwitToml.toString(), "lint", "--format", "json",
                    corpus.dir().toString());
            Map<String, List<String>> commands = new LinkedHashMap<>();
            commands.put("godwit lint --format json (java -jar, JVM defaults)",
                    Measure.concat(List.of("java", "-jar", jar.toString()), lint));
            commands.put("godwit lint --format json (./godwit launcher)", Measure.concat(List.of(launcher.toString()), lint));
            commands.put("squawk 2.66.0 --reporter json (native binary)", List.of(squawk.toString(), "--reporter",
                    "json", "--pg-version", "15", "--no-assume-in-transaction", "-c", squawkToml.toString(),
                    corpus.dir() + "/*.sql"));
            // -Dgodwit.baseline.jar=<an earlier godwit.jar> (GODWIT_BASELINE_JAR= for bench/run): the same two ways,
            // interleaved with the others, for a before/after in one run (the launcher script is this checkout's)
            String baseline = System.getProperty("godwit.baseline.jar", "");
            if (!baseline.isEmpty()) {
                commands.put("baseline godwit lint --format json (java -jar, JVM defaults)",
                        Measure.concat(List.of("java", "-jar", baseline), lint));
                commands.put("baseline godwit lint --format json (./godwit launcher)",
                        Measure.concat(List.of("env", "GODWIT_JAR=" + baseline, "sh",
                                launcher.resolveSibling("godwit-cli/src/main/bin/godwit").toString()), lint));
            }
            System.out.printf(Locale.ROOT, "corpus: %,d files, %,d statements (seed %d), %.1f MB, in %s%n",
                    corpus.files(), corpus.statements(), SEED, sizeOf(corpus.dir()) / 1e6, corpus.dir());
            System.out.println(check(commands, corpus));
            return table(commands, measure(commands, runs));
        } finally {
            deleteTree(work);
        }
    }

    /** One untimed run of each (it also warms the page cache): both lint the whole corpus and find things. */
    private static String check(Map<String, List<String>> commands, LintCorpus.Result corpus) throws Exception {
        List<List<String>> c = List.copyOf(commands.values());
        JsonNode godwit = new ObjectMapper().readTree(output(c.get(0), GODWIT_EXITS));
        for (int k = 1; k < c.size(); k++) {
            if (k != 2) {
                output(c.get(k), GODWIT_EXITS);
            }
        }
        JsonNode squawk = new ObjectMapper().readTree(output(c.get(2), SQUAWK_EXITS));
        int linted = godwit.get("statements").asInt();
        if (linted != corpus.statements() || godwit.get("files").asInt() != corpus.files()) {
            throw new IllegalStateException("godwit linted " + linted + " statements, the corpus has "
                    + corpus.statements());
        }
        long allowed = 0;
        for (JsonNode f : godwit.get("findings")) {
            allowed += f.get("allowed").asBoolean() ? 1 : 0;
        }
        long syntax = 0;
        for (JsonNode v : squawk) {
            syntax += v.get("rule_name").asText().equals("syntax-error") ? 1 : 0;
        }
        if (syntax > 0 || squawk.size() == 0) {
            throw new IllegalStateException("squawk reported " + syntax + " syntax errors and " + squawk.size()
                    + " violations: it did not lint the corpus");
        }
        return String.format(Locale.ROOT, "godwit linted %,d statements: %,d findings (%,d allowed); squawk: %,d"
                + " violations, no syntax error", linted, godwit.get("findings").size(), allowed, squawk.size());
    }

    /** RUNS rounds; in each, every command once, in turn, so a slow moment of the machine hits all alike. */
    private static Map<String, List<Measure.Run>> measure(Map<String, List<String>> commands, int runs)
            throws Exception {
        Map<String, List<Measure.Run>> all = new LinkedHashMap<>();
        commands.keySet().forEach(k -> all.put(k, new ArrayList<>()));
        for (int i = 1; i <= runs; i++) {
            StringBuilder line = new StringBuilder("run " + i + ":");
            for (Map.Entry<String, List<String>> e : commands.entrySet()) {
                Set<Integer> ok = e.getKey().startsWith("squawk") ? SQUAWK_EXITS : GODWIT_EXITS;
                Measure.Run r = Measure.accepted(e.getKey(), Measure.once(e.getValue()), ok, i);
                all.get(e.getKey()).add(r);
                line.append(String.format(Locale.ROOT, "  %s %.2f s %.0f MiB;", e.getKey().split(" ")[0],
                        r.seconds(), r.peakMib()));
            }
            System.out.println(line);
        }
        return all;
    }

    private static String table(Map<String, List<String>> commands, Map<String, List<Measure.Run>> all) {
        System.out.println();
        System.out.println("| tool | median wall | median peak RSS | runs |");
        System.out.println("|---|---|---|---|");
        Map<String, Double> wall = new LinkedHashMap<>();
        for (Map.Entry<String, List<Measure.Run>> e : all.entrySet()) {
            double w = Measure.median(e.getValue(), Measure.Run::seconds);
            double m = Measure.median(e.getValue(), Measure.Run::peakMib);
            wall.put(e.getKey(), w);
            System.out.printf(Locale.ROOT, "| %s | %.2f s | %.0f MiB | %d |%n", e.getKey(), w, m, e.getValue().size());
        }
        List<Double> w = List.copyOf(wall.values());
        System.out.printf(Locale.ROOT, "ratio of wall medians godwit/squawk: %.2f (java -jar), %.2f (launcher);"
                + " target <= 1.00, peak RSS < 512 MiB%n", w.get(0) / w.get(2), w.get(1) / w.get(2));
        if (w.size() > 3) {
            System.out.printf(Locale.ROOT, "this checkout against the baseline jar: %.2f s / %.2f s = %.2fx (java -jar),"
                    + " %.2f s / %.2f s = %.2fx (launcher)%n", w.get(0), w.get(3), w.get(0) / w.get(3), w.get(1),
                    w.get(4), w.get(1) / w.get(4));
        }
        System.out.println("launcher: " + String.join(" ", commands.get(List.copyOf(commands.keySet()).get(1))));
        return String.format(Locale.ROOT, "godwit lint %.2f s (launcher), %.2f s (java -jar) / squawk %.2f s = %.2fx,"
                + " %.2fx (target <= 1.00)", w.get(1), w.get(0), w.get(2), w.get(1) / w.get(2), w.get(0) / w.get(2));
    }

    /** The native squawk binary of the platform package, installed with npm into {@code cache} when missing. */
    static Path squawk(Path cache) throws Exception {
        Path found = findSquawk(cache);
        if (found == null) {
            System.err.println("installing " + SQUAWK + " into " + cache);
            Files.createDirectories(cache);
            output(List.of("npm", "install", "--prefix", cache.toString(), "--no-audit", "--no-fund", SQUAWK),
                    Set.of(0));
            found = findSquawk(cache);
        }
        if (found == null) {
            throw new IllegalStateException("npm installed " + SQUAWK + " but no native binary is under " + cache
                    + "/node_modules/@squawk-cli/*/bin (an unsupported platform?)");
        }
        return found;
    }

    private static Path findSquawk(Path cache) throws IOException {
        Path platforms = cache.resolve("node_modules/@squawk-cli");
        if (!Files.isDirectory(platforms)) {
            return null;
        }
        try (Stream<Path> s = Files.list(platforms)) {
            return s.map(p -> p.resolve("bin/squawk")).filter(Files::isExecutable).findFirst().orElse(null);
        }
    }

    /** Runs a command to completion and returns its standard output (its errors go to ours). */
    private static String output(List<String> command, Set<Integer> accepted) throws Exception {
        Path out = Files.createTempFile("godwit-bench-lint", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            int exit = p.waitFor();
            if (!accepted.contains(exit)) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
