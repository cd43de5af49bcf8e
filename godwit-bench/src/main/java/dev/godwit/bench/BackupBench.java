package dev.godwit.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code bench/run backup [GB] [RUNS]}: {@code godwit backup create} (row counts in the snapshot,
 * SHA-256, AES-256-GCM) against plain {@code pg_dump -Fc} of the same database (about 1 GB by default) on an
 * embedded PostgreSQL, runs interleaved, five each by default; prints both medians and their ratio.
 */
public final class BackupBench {

    private BackupBench() {}

    public static String main(String[] args) throws Exception {
        double gb = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory("godwit-bench-backup-");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").setServerConfig("max_wal_size", "4GB").start()) {
            String url = "postgres://postgres@localhost:" + pg.getPort() + "/postgres";
            long size = fill(pg, gb);
            System.out.printf(Locale.ROOT, "database: %.2f GB (pg_database_size), %s%n", size / 1e9, url);
            Files.writeString(work.resolve("godwit.toml"), "[backup]\ndir = \"backups\"\n");
            String key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
            List<String> dump = List.of("pg_dump", "-h", "localhost", "-p", Integer.toString(pg.getPort()), "-U",
                    "postgres", "--no-password", "-Fc", "-f", work.resolve("plain.dump").toString(), "postgres");
            List<String> godwit = List.of("/usr/bin/env", "GODWIT_BACKUP_KEY=" + key, "java", "-jar",
                    Measure.godwitJar().toString(), "--config", work.resolve("godwit.toml").toString(), "--url", url,
                    "backup", "create");
            List<Measure.Run> plain = new ArrayList<>();
            List<Measure.Run> ours = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                plain.add(checked(Measure.once(dump), "pg_dump"));
                long dumpBytes = Files.size(work.resolve("plain.dump"));
                Files.delete(work.resolve("plain.dump"));
                ours.add(checked(Measure.once(godwit), "godwit backup create"));
                long ourBytes = sizeOf(work.resolve("backups"));
                deleteTree(work.resolve("backups"));
                System.out.printf(Locale.ROOT, "run %d: pg_dump -Fc %.2f s (%d MB), godwit backup create %.2f s"
                        + " (%d MB)%n", i + 1, plain.get(i).seconds(), dumpBytes >> 20, ours.get(i).seconds(),
                        ourBytes >> 20);
            }
            double p = Measure.median(plain, Measure.Run::seconds);
            double g = Measure.median(ours, Measure.Run::seconds);
            double pm = Measure.median(plain, Measure.Run::peakMib);
            double gm = Measure.median(ours, Measure.Run::peakMib);
            System.out.println();
            System.out.println("| command | median wall | median peak RSS | runs |");
            System.out.println("|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| pg_dump -Fc | %.2f s | %.0f MiB | %d |%n", p, pm, runs);
            System.out.printf(Locale.ROOT, "| godwit backup create (SHA-256 + AES-256-GCM + row counts) | %.2f s |"
                    + " %.0f MiB | %d |%n", g, gm, runs);
            System.out.printf(Locale.ROOT, "ratio of medians: %.3f (target <= 1.10)%n", g / p);
            return String.format(Locale.ROOT, "godwit backup create %.2f s / pg_dump -Fc %.2f s = %.2fx (target <= 1.10);"
                    + " peak RSS %.0f / %.0f MiB; %d runs each", g, p, g / p, gm, pm, runs);
        } finally {
            deleteTree(work);
        }
    }

    /** About {@code gb} GB of ledger-like rows: ids, text, numbers, timestamps (compressible, as real data is). */
    static long fill(EmbeddedPostgres pg, double gb) throws Exception {
        long rows = (long) (gb * 7_000_000);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table ledger (id bigint primary key, account bigint not null, amount numeric(14,2),"
                    + " memo text, booked_at timestamptz)");
            long step = 1_000_000;
            for (long from = 1; from <= rows; from += step) {
                s.execute("insert into ledger select g, g % 10007, (g % 100000) / 100.0, md5(g::text) || ' transfer"
                        + " reference', timestamptz '2026-01-01' + g * interval '1 second' from generate_series("
                        + from + ", " + Math.min(rows, from + step - 1) + ") g");
            }
            s.execute("vacuum analyze ledger");
            try (ResultSet rs = s.executeQuery("select pg_database_size(current_database())")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Measure.Run checked(Measure.Run r, String what) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException(what + " exited " + r.exitCode());
        }
        return r;
    }

    static long sizeOf(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
