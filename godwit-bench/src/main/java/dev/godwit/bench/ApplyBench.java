package dev.godwit.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run apply [MIGRATIONS] [RUNS]}: {@code godwit migrate} with its default guards (lint gate,
 * lock, quiet waits, invariants, snapshots, audit log, report) against Flyway 13's {@code migrate}, on the same
 * 500 small migrations by default ({@link ApplyCorpus}), each run on a fresh database of one embedded
 * PostgreSQL, whole processes timed by GNU time. Godwit runs twice: {@code java -jar} with the JVM's
 * defaults, as Flyway runs, and through the {@code ./godwit} launcher. Rounds are interleaved and each round
 * starts with the next contender, so a slow moment of a shared machine hits all alike.
 */
public final class ApplyBench {

    private ApplyBench() {}

    /** One contender: how to run it on a database, and how to count what it applied there. */
    private record Contender(String name, List<String> command, String applied) {}

    public static String main(String[] args) throws Exception {
        int migrations = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path jar = Measure.godwitJar();
        Path launcher = jar.getParent().getParent().getParent().resolve("godwit");
        Path work = Files.createTempDirectory("godwit-bench-apply-");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             Connection admin = pg.getPostgresDatabase().getConnection()) {
            Path dir = work.resolve("migrations");
            int statements = ApplyCorpus.write(dir, migrations);
            Path toml = Files.writeString(work.resolve("godwit.toml"), "# defaults, but for where the files are\n"
                    + "[migrations]\nlocations = [\"migrations\"]\n");
            String url = "postgres://postgres@localhost:" + pg.getPort() + "/";
            String jdbc = "jdbc:postgresql://localhost:" + pg.getPort() + "/";
            List<String> godwitArgs = List.of("--config", toml.toString(), "migrate");
            List<Contender> all = new ArrayList<>(List.of(
                    new Contender("godwit migrate (java -jar, JVM defaults)", Measure.concat(List.of("java", "-jar",
                            jar.toString(), "--url", url + "DB"), godwitArgs),
                            "select count(*) from godwit.history where success"),
                    new Contender("godwit migrate (./godwit launcher)", Measure.concat(List.of(launcher.toString(),
                            "--url", url + "DB"), godwitArgs), "select count(*) from godwit.history where success"),
                    new Contender("flyway 13.12 migrate (java -cp, JVM defaults)", List.of("/usr/bin/env",
                            "REDGATE_DISABLE_TELEMETRY=true", "java", "-cp", benchJar().toString(),
                            FlywayMain.class.getName(), jdbc + "DB", "postgres", dir.toString()),
                            "select count(*) from flyway_schema_history where success")));
            // -Dgodwit.baseline.jar=<an earlier godwit.jar>: a fourth contender, interleaved with the others, so a
            // change is measured against what it changes in the same rounds (the ratios vs Flyway side by side).
            String baseline = System.getProperty("godwit.baseline.jar", "");
            if (!baseline.isEmpty()) {
                all.add(new Contender("godwit migrate (baseline jar, java -jar)",
                        Measure.concat(List.of("java", "-jar", baseline, "--url", url + "DB"), godwitArgs),
                        "select count(*) from godwit.history where success"));
            }
            System.out.printf(Locale.ROOT, "%d migrations, %d statements, in %s; PostgreSQL on port %d%n",
                    migrations, statements, dir, pg.getPort());
            for (int k = 0; k < all.size(); k++) { // untimed: the launcher's first migrate writes its archive
                onFreshDatabase(admin, all.get(k), "warmup_" + k, migrations);
            }
            Map<String, List<Measure.Run>> measured = new LinkedHashMap<>();
            all.forEach(c -> measured.put(c.name(), new ArrayList<>()));
            for (int round = 0; round < runs; round++) {
                StringBuilder line = new StringBuilder("run " + (round + 1) + ":");
                for (int k = 0; k < all.size(); k++) {
                    Contender c = all.get((round + k) % all.size());
                    Measure.Run r = onFreshDatabase(admin, c, "bench_" + round + "_" + k, migrations);
                    measured.get(c.name()).add(r);
                    line.append(String.format(Locale.ROOT, "  %s %.2f s %.0f MiB;", c.name().split(" \\(")[0]
                            + (c.name().contains("launcher") ? " (launcher)" : c.name().contains("baseline") ? " (baseline)"
                            : ""), r.seconds(), r.peakMib()));
                }
                System.out.println(line + "  " + Load.now());
            }
            return table(measured, migrations);
        } finally {
            Files.walk(work).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Creates the database, runs the contender on it, checks it applied everything, drops it. */
    private static Measure.Run onFreshDatabase(Connection admin, Contender c, String db, int migrations)
            throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("create database " + db);
        }
        List<String> command = c.command().stream().map(a -> a.endsWith("/DB") ? a.replace("/DB", "/" + db) : a)
                .toList();
        Measure.Run r = Measure.accepted(c.name(), Measure.once(command), java.util.Set.of(0), 1);
        String url = admin.getMetaData().getURL().replaceFirst("/[^/?]*(\\?|$)", "/" + db + "$1");
        try (Connection c2 = java.sql.DriverManager.getConnection(url, "postgres", null);
             Statement s = c2.createStatement(); ResultSet rs = s.executeQuery(c.applied())) {
            rs.next();
            if (rs.getInt(1) != migrations) {
                throw new IllegalStateException(c.name() + " applied " + rs.getInt(1) + " of " + migrations);
            }
        }
        try (Statement s = admin.createStatement()) {
            s.execute("drop database " + db);
        }
        return r;
    }

    private static String table(Map<String, List<Measure.Run>> measured, int migrations) {
        System.out.println();
        System.out.println("| " + migrations + " migrations, fresh database | median wall | median CPU (user+sys) |"
                + " median peak RSS | runs |");
        System.out.println("|---|---|---|---|---|");
        List<Double> wall = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        for (Map.Entry<String, List<Measure.Run>> e : measured.entrySet()) {
            wall.add(Measure.median(e.getValue(), Measure.Run::seconds));
            rss.add(Measure.median(e.getValue(), Measure.Run::peakMib));
            System.out.printf(Locale.ROOT, "| %s | %.2f s | %.2f s | %.0f MiB | %d |%n", e.getKey(),
                    wall.get(wall.size() - 1), Measure.median(e.getValue(), Measure.Run::cpuSeconds),
                    rss.get(rss.size() - 1), e.getValue().size());
        }
        String ratio = String.format(Locale.ROOT, "godwit/flyway wall: %.2fx (java -jar), %.2fx (launcher); target <= 0.70",
                wall.get(0) / wall.get(2), wall.get(1) / wall.get(2));
        if (wall.size() > 3) {
            ratio += String.format(Locale.ROOT, "; baseline jar %.2fx", wall.get(3) / wall.get(2));
        }
        System.out.println(ratio);
        return String.format(Locale.ROOT, "%d migrations: godwit %.2f s (java -jar), %.2f s (launcher) / flyway %.2f s;"
                + " %s; peak RSS %.0f / %.0f / %.0f MiB", migrations, wall.get(0), wall.get(1), wall.get(2), ratio,
                rss.get(0), rss.get(1), rss.get(2));
    }

    /** The jar this class runs from (the shaded godwit-bench.jar), for Flyway's process. */
    static Path benchJar() throws Exception {
        return Path.of(ApplyBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
