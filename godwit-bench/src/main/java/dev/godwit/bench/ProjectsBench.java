package dev.godwit.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bench/run projects [RUNS]}: the migration folders of the gate's corpus ({@code
 * godwit-cli/src/test/resources/corpus}, three projects' layouts, see its SOURCE.md), each on its own: a fresh install
 * by {@code godwit migrate} (the launcher, every guard on) against the same files in one psql session, and
 * {@code godwit lint} against squawk on those files. Rounds interleaved, five by default; medians.
 */
public final class ProjectsBench {

    static final Path CORPUS = Path.of("godwit-cli/src/test/resources/corpus");
    private static final String APPLIED = "select script from godwit.history where success and kind = 'versioned'"
            + " order by installed_rank";
    /** The objects a fresh install leaves: psql's and Godwit's databases must have the same. */
    private static final String OBJECTS = "select count(*) from pg_class c join pg_namespace n on n.oid ="
            + " c.relnamespace where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')"
            + " and n.nspname not like 'godwit%'"; // Godwit's history, audit log and snapshots are its own

    private ProjectsBench() {}

    public static String main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path jar = Measure.godwitJar();
        Path launcher = jar.getParent().getParent().getParent().resolve("godwit");
        Path squawk = LintBench.squawk(Path.of("godwit-bench/target/squawk").toAbsolutePath());
        Path work = Files.createTempDirectory("godwit-bench-projects-");
        List<String> summaries = new ArrayList<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             Connection admin = pg.getPostgresDatabase().getConnection();
             Stream<Path> folders = Files.list(CORPUS)) {
            for (Path project : folders.filter(Files::isDirectory).sorted().toList()) {
                summaries.add(project(project.toAbsolutePath(), launcher, squawk, pg.getPort(), admin, work, runs));
            }
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return String.join("; ", summaries);
    }

    private static String project(Path dir, Path launcher, Path squawk, int port, Connection admin, Path work, int runs)
            throws Exception {
        String name = dir.getFileName().toString();
        String db = name.replace('-', '_');
        Path toml = Files.writeString(work.resolve(name + ".toml"), "[migrations]\nlocations = [\"" + dir + "\"]\n");
        String url = "postgres://postgres@localhost:" + port + "/";
        List<String> migrate = List.of(launcher.toString(), "--url", url + "DB", "--config", toml.toString(), "migrate");
        // Godwit's order is the order psql is given: the up scripts, as the history lists them.
        create(admin, "order_" + db);
        Measure.accepted("godwit migrate", Measure.once(onDatabase(migrate, "order_" + db)), Set.of(0), 0);
        List<String> files = new ArrayList<>();
        for (String script : column(admin, "order_" + db, APPLIED)) {
            Path f = dir.resolve(script);
            if (!Files.isRegularFile(f)) {
                throw new IllegalStateException(name + ": the history names " + script + ", not a file of " + dir);
            }
            files.add(f.toString());
        }
        List<String> psql = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "localhost", "-p",
                String.valueOf(port), "-U", "postgres", "-d", "DB"));
        files.forEach(f -> psql.addAll(List.of("-f", f)));
        List<String> lint = Measure.concat(List.of(launcher.toString(), "--config", toml.toString(), "lint",
                "--format", "json"), files);
        List<String> squawkLint = Measure.concat(List.of(squawk.toString(), "--reporter", "json", "--pg-version", "15",
                "--no-assume-in-transaction"), files);
        create(admin, "psql_" + db);
        Measure.accepted("psql", Measure.once(onDatabase(psql, "psql_" + db)), Set.of(0), 0);
        long godwitObjects = Long.parseLong(column(admin, "order_" + db, OBJECTS).get(0));
        long psqlObjects = Long.parseLong(column(admin, "psql_" + db, OBJECTS).get(0));
        if (godwitObjects != psqlObjects) {
            throw new IllegalStateException(name + ": Godwit's install has " + godwitObjects + " relations, psql's "
                    + psqlObjects);
        }
        drop(admin, "order_" + db);
        drop(admin, "psql_" + db);

        Map<String, List<Measure.Run>> measured = new LinkedHashMap<>();
        for (String k : List.of("godwit migrate", "psql", "godwit lint", "squawk")) {
            measured.put(k, new ArrayList<>());
        }
        for (int round = 1; round <= runs; round++) {
            String fresh = db + "_" + round;
            create(admin, fresh + "_g");
            measured.get("godwit migrate").add(Measure.accepted("godwit migrate",
                    Measure.once(onDatabase(migrate, fresh + "_g")), Set.of(0), round));
            create(admin, fresh + "_p");
            measured.get("psql").add(Measure.accepted("psql", Measure.once(onDatabase(psql, fresh + "_p")), Set.of(0),
                    round));
            drop(admin, fresh + "_g");
            drop(admin, fresh + "_p");
            measured.get("godwit lint").add(Measure.accepted("godwit lint", Measure.once(lint), Set.of(0, 5), round));
            measured.get("squawk").add(Measure.accepted("squawk", Measure.once(squawkLint), Set.of(0, 1), round));
        }
        Map<String, Double> wall = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "%n%s: %d migrations, %d relations after a fresh install (the same from both)%n",
                name, files.size(), godwitObjects);
        System.out.println("| " + name + " | median wall | median CPU | median peak RSS | runs |");
        System.out.println("|---|---|---|---|---|");
        measured.forEach((k, v) -> {
            wall.put(k, Measure.median(v, Measure.Run::seconds));
            System.out.printf(Locale.ROOT, "| %s | %.3f s | %.2f s | %.0f MiB | %d |%n", k, wall.get(k),
                    Measure.median(v, Measure.Run::cpuSeconds), Measure.median(v, Measure.Run::peakMib), v.size());
        });
        String line = String.format(Locale.ROOT, "%s: install %.1fx psql (%.3f / %.3f s, target <= 1.5), lint %.1fx"
                + " squawk (%.3f / %.3f s, target <= 1.0)", name, wall.get("godwit migrate") / wall.get("psql"),
                wall.get("godwit migrate"), wall.get("psql"), wall.get("godwit lint") / wall.get("squawk"),
                wall.get("godwit lint"), wall.get("squawk"));
        System.out.println(line);
        return line;
    }

    private static List<String> onDatabase(List<String> command, String db) {
        return command.stream().map(a -> a.equals("DB") ? db : a.endsWith("/DB") ? a.replace("/DB", "/" + db) : a)
                .toList();
    }

    private static void create(Connection admin, String db) throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("create database " + db);
        }
    }

    private static void drop(Connection admin, String db) throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("drop database " + db);
        }
    }

    private static List<String> column(Connection admin, String db, String query) throws Exception {
        String url = admin.getMetaData().getURL().replaceFirst("/[^/?]*(\\?|$)", "/" + db + "$1");
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
