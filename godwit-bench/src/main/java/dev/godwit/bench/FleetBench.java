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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench/run fleet [DATABASES [MIGRATIONS]]}: a fleet of DATABASES (default 200) databases on one local
 * PostgreSQL server, MIGRATIONS (default 20) migrations each (the apply benchmark's files). The same fleet is
 * migrated four ways, each from an empty start: a shell loop of {@code godwit migrate --url ...} (one JVM per
 * database, as teams do today), and {@code godwit fleet migrate --parallel N} for N = 1, 4, 16 (one JVM). Measured:
 * wall time and peak RSS (GNU time; for the loop, the largest of its processes), and the most client connections
 * the server had at once (pg_stat_activity sampled every 20 ms, the sampler's own connection left out).
 */
public final class FleetBench {

    private FleetBench() {}

    public static String main(String[] args) throws Exception {
        int databases = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int migrations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path jar = Measure.godwitJar();
        Path work = Files.createTempDirectory("godwit-bench-fleet-");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start()) {
            ApplyCorpus.write(work.resolve("migrations"), migrations);
            Files.writeString(work.resolve("godwit.toml"), "[migrations]\nlocations = [\"migrations\"]\n"
                    + "[report]\ndir = \"reports\"\n");
            String base = "postgres://postgres@localhost:" + pg.getPort() + "/";
            List<String> names = new ArrayList<>();
            StringBuilder fleet = new StringBuilder("[fleet]\nsummary_dir = \"fleet-reports\"\ncanary = 1\n\n");
            StringBuilder loop = new StringBuilder("set -e\n");
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.getPort()
                    + "/postgres", "postgres", "")) {
                for (int i = 0; i < databases; i++) {
                    String n = "tenant_" + i;
                    names.add(n);
                    try (Statement s = admin.createStatement()) {
                        s.execute("create database " + n + " template template0");
                    }
                    fleet.append("[[targets]]\nname = \"").append(n).append("\"\nurl = \"").append(base).append(n)
                            .append("\"\n\n");
                    loop.append("java -jar '").append(jar).append("' --config '").append(work.resolve("godwit.toml"))
                            .append("' --url '").append(base).append(n).append("' migrate > /dev/null\n");
                }
            }
            Files.writeString(work.resolve("fleet.toml"), fleet.toString());
            Files.writeString(work.resolve("loop.sh"), loop.toString());
            Map<String, List<String>> ways = new LinkedHashMap<>();
            ways.put("shell loop of godwit migrate", List.of("bash", work.resolve("loop.sh").toString()));
            for (int n : new int[] {1, 4, 16}) {
                ways.put("godwit fleet migrate --parallel " + n, List.of("java", "-jar", jar.toString(), "--config",
                        work.resolve("godwit.toml").toString(), "fleet", "migrate", "--fleet",
                        work.resolve("fleet.toml").toString(), "--parallel", String.valueOf(n)));
            }
            System.out.println("| " + databases + " databases x " + migrations + " migrations, one server | wall |"
                    + " per database | peak RSS | most connections |");
            System.out.println("|---|---|---|---|---|");
            Map<String, double[]> figures = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> way : ways.entrySet()) {
                reset(pg.getPort(), names);
                AtomicInteger peak = new AtomicInteger();
                AtomicBoolean done = new AtomicBoolean();
                Thread sampler = new Thread(() -> sample(pg.getPort(), peak, done));
                sampler.start();
                Measure.Run r;
                try {
                    r = Measure.accepted(way.getKey(), Measure.once(inDir(work, way.getValue())), Set.of(0), 1);
                } finally {
                    done.set(true);
                    sampler.join();
                }
                check(pg.getPort(), names, migrations);
                figures.put(way.getKey(), new double[] {r.seconds(), r.peakMib(), peak.get()});
                System.out.printf(Locale.ROOT, "| %s | %.1f s | %.0f ms | %.0f MiB | %d |%n", way.getKey(), r.seconds(),
                        r.seconds() * 1000 / databases, r.peakMib(), peak.get());
            }
            double[] loopF = figures.get("shell loop of godwit migrate");
            double[] p16 = figures.get("godwit fleet migrate --parallel 16");
            double[] p1 = figures.get("godwit fleet migrate --parallel 1");
            System.out.println("command: bench/run fleet " + databases + " " + migrations);
            return String.format(Locale.ROOT, "%d databases x %d migrations: shell loop %.1f s, fleet --parallel 1"
                    + " %.1f s, --parallel 4 %.1f s, --parallel 16 %.1f s (%.1fx faster than the loop); peak RSS"
                    + " loop %.0f MiB, fleet 16 %.0f MiB; connections loop %d, fleet 16 %d", databases, migrations,
                    loopF[0], p1[0], figures.get("godwit fleet migrate --parallel 4")[0], p16[0], loopF[0] / p16[0],
                    loopF[1], p16[1], (int) loopF[2], (int) p16[2]);
        } finally {
            Files.walk(work).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Runs {@code command} from {@code dir}, where godwit.toml's relative folders resolve. */
    private static List<String> inDir(Path dir, List<String> command) {
        StringBuilder sb = new StringBuilder("cd '" + dir + "' && exec");
        command.forEach(c -> sb.append(" '").append(c).append('\''));
        return List.of("bash", "-c", sb.toString());
    }

    /** Every database back to empty: Godwit's schema and what the migrations made. */
    private static void reset(int port, List<String> names) throws Exception {
        for (String n : names) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + n,
                    "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop schema if exists godwit cascade; drop schema if exists godwit_snapshots cascade;"
                        + " drop schema public cascade; create schema public");
            }
        }
    }

    /** Each database at the last version, each migration recorded once. */
    private static void check(int port, List<String> names, int migrations) throws Exception {
        for (String n : names) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + n,
                    "postgres", ""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*), count(distinct version) from godwit.history"
                         + " where success")) {
                rs.next();
                if (rs.getInt(1) != migrations || rs.getInt(2) != migrations) {
                    throw new IllegalStateException(n + " has " + rs.getInt(1) + " applied rows, not " + migrations);
                }
            }
        }
    }

    private static void sample(int port, AtomicInteger peak, AtomicBoolean done) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", ""); Statement s = c.createStatement()) {
            while (!done.get()) {
                try (ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where backend_type ="
                        + " 'client backend' and pid <> pg_backend_pid()")) {
                    rs.next();
                    peak.accumulateAndGet(rs.getInt(1), Math::max);
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the connection sampler failed: " + e.getMessage(), e);
        }
    }
}
