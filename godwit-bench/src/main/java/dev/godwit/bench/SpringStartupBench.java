package dev.godwit.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench/run spring [RUNS]}: what the starter adds to the start-up of {@code examples/spring-boot-ledger} in
 * {@code validate} mode with 100 applied migrations, next to Boot's Flyway auto-configuration on the same
 * application and the same migrations (which validates and finds nothing pending), and to the application with
 * neither. Each start is a whole process (JVM, context, then exit; no web server), ten interleaved runs each by
 * default after one untimed run. The class paths come from Maven ({@code bench/run} writes them); the application's
 * own code is never changed between the three.
 */
public final class SpringStartupBench {

    private static final String MAIN = "dev.godwit.examples.ledger.LedgerApplication";
    private static final String NO_GODWIT = "--spring.autoconfigure.exclude="
            + "dev.godwit.spring.boot.GodwitAutoConfiguration,dev.godwit.spring.boot.GodwitActuatorAutoConfiguration";

    private SpringStartupBench() {}

    public static String main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String cp = classPath("ledger.classpath");
        String flywayCp = classPath("ledger.flyway.classpath");
        Path work = Files.createTempDirectory("godwit-bench-spring-");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Path migrations = work.resolve("migrations");
            ApplyCorpus.write(migrations, 100);
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("create database godwit_db");
                st.execute("create database flyway_db");
            }
            String base = "jdbc:postgresql://localhost:" + pg.getPort() + "/";
            List<String> common = List.of("--spring.main.web-application-type=none", "--spring.datasource.username=postgres",
                    "--management.endpoints.access.default=none", "--logging.level.root=warn");
            Map<String, List<String>> commands = new LinkedHashMap<>();
            commands.put("no migration tool", app(cp, common, base + "godwit_db", NO_GODWIT));
            commands.put("Godwit starter, validate", app(cp, common, base + "godwit_db", "--godwit.mode=validate",
                    "--godwit.locations=filesystem:" + migrations, "--godwit.settings[report.dir]=" + work.resolve("reports")));
            commands.put("Flyway auto-configuration", app(flywayCp, common, base + "flyway_db", NO_GODWIT,
                    "--spring.flyway.locations=filesystem:" + migrations));

            // Apply the 100 migrations once with each tool; then every timed start finds them applied.
            Measure.accepted("godwit migrate", Measure.once(app(cp, common, base + "godwit_db", "--godwit.mode=migrate",
                    "--godwit.locations=filesystem:" + migrations, "--godwit.settings[report.dir]=" + work.resolve("reports"))),
                    Set.of(0), 0);
            Measure.accepted("flyway migrate", Measure.once(commands.get("Flyway auto-configuration")), Set.of(0), 0);
            for (Map.Entry<String, List<String>> e : commands.entrySet()) {
                Measure.accepted(e.getKey(), Measure.once(e.getValue()), Set.of(0), 0);
            }
            Map<String, List<Measure.Run>> measured = new LinkedHashMap<>();
            commands.keySet().forEach(k -> measured.put(k, new ArrayList<>()));
            for (int i = 1; i <= runs; i++) {
                for (Map.Entry<String, List<String>> e : commands.entrySet()) {
                    measured.get(e.getKey()).add(Measure.accepted(e.getKey(), Measure.once(e.getValue()), Set.of(0), i));
                }
            }
            // CPU beside wall time: on a shared machine the wall time mostly measures the neighbours.
            System.out.println("| spring-boot-ledger start-up (100 migrations applied) | median wall | added | median CPU"
                    + " (user+sys) | added | median peak RSS | runs |");
            System.out.println("|---|---|---|---|---|---|---|");
            Map<String, Double> wall = new LinkedHashMap<>();
            Map<String, Double> cpu = new LinkedHashMap<>();
            measured.forEach((k, v) -> wall.put(k, Measure.median(v, Measure.Run::seconds)));
            measured.forEach((k, v) -> cpu.put(k, Measure.median(v, Measure.Run::cpuSeconds)));
            String none = "no migration tool";
            for (Map.Entry<String, List<Measure.Run>> e : measured.entrySet()) {
                String k = e.getKey();
                System.out.printf(Locale.ROOT, "| %s | %.2f s | %+.2f s | %.2f s | %+.2f s | %.0f MiB | %d |%n", k,
                        wall.get(k), wall.get(k) - wall.get(none), cpu.get(k), cpu.get(k) - cpu.get(none),
                        Measure.median(e.getValue(), Measure.Run::peakMib), e.getValue().size());
            }
            String godwit = "Godwit starter, validate";
            String flyway = "Flyway auto-configuration";
            return String.format(Locale.ROOT, "start-up %.2f s wall, %.2f s CPU with neither; Godwit validate adds"
                    + " %+.2f s wall, %+.2f s CPU; Flyway's auto-configuration %+.2f s wall, %+.2f s CPU (100 applied"
                    + " migrations, %d runs each, %s)", wall.get(none), cpu.get(none), wall.get(godwit) - wall.get(none),
                    cpu.get(godwit) - cpu.get(none), wall.get(flyway) - wall.get(none), cpu.get(flyway) - cpu.get(none),
                    runs, Load.now());
        } finally {
            Files.walk(work).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static List<String> app(String classPath, List<String> common, String url, String... more) {
        List<String> command = new ArrayList<>(List.of("java", "-cp", classPath, MAIN, "--spring.datasource.url=" + url));
        command.addAll(common);
        command.addAll(List.of(more));
        return command;
    }

    private static String classPath(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("-D" + property + " is missing: run this benchmark through bench/run spring");
        }
        return value;
    }
}
