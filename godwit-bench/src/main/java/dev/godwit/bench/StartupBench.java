package dev.godwit.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench/run startup [RUNS]}: how long a short command takes, start to exit: {@code godwit --version} and
 * {@code godwit status} on an up-to-date database (50 applied migrations), each through {@code java -jar}
 * with the JVM's defaults and through the {@code ./godwit} launcher (which uses a class-data-sharing archive,
 * or an AOT cache on Java 25+: both are measured when a Java 25 is at {@link #JDK25});
 * ten interleaved runs each by default, after one untimed run each (the launcher's first run writes its
 * archive). Targets: {@code status} at most 0.30 s, {@code --version} at most 0.15 s (medians, launcher).
 */
public final class StartupBench {

    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private StartupBench() {}

    public static String main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path jar = Measure.godwitJar();
        Path launcher = jar.getParent().getParent().getParent().resolve("godwit");
        Path work = Files.createTempDirectory("godwit-bench-startup-");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            ApplyCorpus.write(work.resolve("migrations"), 50);
            Path toml = Files.writeString(work.resolve("godwit.toml"), "[migrations]\nlocations = [\"migrations\"]\n");
            List<String> status = List.of("--url", "postgres://postgres@localhost:" + pg.getPort() + "/postgres",
                    "--config", toml.toString(), "status");
            Measure.accepted("migrate", Measure.once(Measure.concat(List.of("java", "-jar", jar.toString()),
                    List.of("--url", status.get(1), "--config", toml.toString(), "migrate"))), Set.of(0), 1);
            Map<String, List<String>> commands = new LinkedHashMap<>();
            commands.put("godwit --version (java -jar)", List.of("java", "-jar", jar.toString(), "--version"));
            commands.put("godwit --version (./godwit)", List.of(launcher.toString(), "--version"));
            commands.put("godwit status (java -jar)", Measure.concat(List.of("java", "-jar", jar.toString()), status));
            commands.put("godwit status (./godwit)", Measure.concat(List.of(launcher.toString()), status));
            if (Files.isExecutable(JDK25.resolve("bin/java"))) {
                List<String> on25 = List.of("env", "JAVA_HOME=" + JDK25, launcher.toString());
                commands.put("godwit --version (./godwit, Java 25 AOT cache)", Measure.concat(on25, List.of("--version")));
                commands.put("godwit status (./godwit, Java 25 AOT cache)", Measure.concat(on25, status));
            }
            for (List<String> c : commands.values()) {
                Measure.accepted(String.join(" ", c), Measure.once(c), Set.of(0), 0);
            }
            Map<String, List<Measure.Run>> measured = new LinkedHashMap<>();
            commands.keySet().forEach(k -> measured.put(k, new ArrayList<>()));
            for (int i = 1; i <= runs; i++) {
                for (Map.Entry<String, List<String>> e : commands.entrySet()) {
                    measured.get(e.getKey()).add(Measure.accepted(e.getKey(), Measure.once(e.getValue()), Set.of(0), i));
                }
            }
            System.out.println("| command (50 migrations applied) | median wall | median CPU (user+sys) | median peak RSS |"
                    + " runs |");
            System.out.println("|---|---|---|---|---|");
            Map<String, Double> wall = new LinkedHashMap<>();
            for (Map.Entry<String, List<Measure.Run>> e : measured.entrySet()) {
                wall.put(e.getKey(), Measure.median(e.getValue(), Measure.Run::seconds));
                System.out.printf(Locale.ROOT, "| %s | %.2f s | %.2f s | %.0f MiB | %d |%n", e.getKey(),
                        wall.get(e.getKey()), Measure.median(e.getValue(), Measure.Run::cpuSeconds),
                        Measure.median(e.getValue(), Measure.Run::peakMib), e.getValue().size());
            }
            System.out.println("launcher: " + launcher + " (JVM options: see the script)");
            String on25 = wall.containsKey("godwit status (./godwit, Java 25 AOT cache)") ? String.format(Locale.ROOT,
                    "; Java 25 AOT cache: status %.2f s, --version %.2f s",
                    wall.get("godwit status (./godwit, Java 25 AOT cache)"),
                    wall.get("godwit --version (./godwit, Java 25 AOT cache)")) : "";
            return String.format(Locale.ROOT, "status %.2f s (./godwit), %.2f s (java -jar); --version %.2f s"
                    + " (./godwit), %.2f s (java -jar); targets status <= 0.30 s, --version <= 0.15 s; %d runs each",
                    wall.get("godwit status (./godwit)"), wall.get("godwit status (java -jar)"),
                    wall.get("godwit --version (./godwit)"), wall.get("godwit --version (java -jar)"), runs) + on25;
        } finally {
            Files.walk(work).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
