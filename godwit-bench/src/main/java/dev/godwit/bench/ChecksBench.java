package dev.godwit.bench;

import dev.godwit.config.CheckSettings;
import dev.godwit.integrity.GuardResult;
import dev.godwit.integrity.InvariantGuard;
import dev.godwit.config.MoneyNames;
import dev.godwit.migration.Checksums;
import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.MigrationName;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.Version;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run checks [ROWS]}: what Godwit's built-in before/after invariants cost on a large ledger
 * table, against what a DBA runs by hand: a bare {@code SELECT count(*), sum(amount)} before and after.
 *
 * <p>Builds a ledger of ROWS rows (default 10,000,000) on an embedded PostgreSQL, vacuums it (so neither side
 * pays for hint bits), warms both up once, then times five runs of each, alternating, inside a transaction as
 * a migration would. The checks are configured {@code large_table_method = "exact"}, so they scan like the
 * bare pair does; the difference is what Godwit adds (finding the touched table, its money columns, the
 * judging). Prints both medians and their ratio.
 */
public final class ChecksBench {

    private static final int RUNS = 5;
    // Touches the table (an ALTER that only ADDs is not checked: it cannot change a row).
    private static final String MIGRATION = "alter table ledger_entries alter column created_at set default now()";

    private ChecksBench() {}

    public static String main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off")
                .setServerConfig("max_wal_size", "4GB").start();
             Connection c = pg.getPostgresDatabase().getConnection()) {
            build(c, rows);
            InvariantGuard guard = new InvariantGuard(CheckSettings.defaults()
                    .withLargeTables(Long.MAX_VALUE, CheckSettings.LargeTables.EXACT), MoneyNames.defaults(), Map.of());
            MigrationScript script = script();
            bare(c);
            checks(c, guard, script); // warm-up: caches, JIT
            List<Double> bare = new ArrayList<>();
            List<Double> godwit = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                bare.add(bare(c));
                godwit.add(checks(c, guard, script));
            }
            double b = Measure.median(bare, Double::doubleValue);
            double g = Measure.median(godwit, Double::doubleValue);
            System.out.println("| what (" + String.format(Locale.ROOT, "%,d", rows) + "-row ledger, median of " + RUNS
                    + ") | seconds |");
            System.out.println("|---|---|");
            System.out.println(String.format(Locale.ROOT, "| bare SELECT count(*), sum(amount), before and after | %.3f |", b));
            System.out.println(String.format(Locale.ROOT, "| Godwit's built-in checks, before and after | %.3f |", g));
            System.out.println(String.format(Locale.ROOT, "| ratio | %.2f× |", g / b));
            System.out.println("runs (s): bare " + fmt(bare) + "; godwit " + fmt(godwit));
            return String.format(Locale.ROOT, "godwit checks %.3f s / bare count+sum %.3f s = %.2fx (target <= 1.30);"
                    + " %,d rows, %d runs each", g, b, g / b, rows, RUNS);
        }
    }

    /** One money column, as a ledger has; vacuumed and analyzed, as a table in production would be. */
    private static void build(Connection c, long rows) throws Exception {
        long started = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("create table ledger_entries (id bigint primary key, account_id bigint not null,"
                    + " amount numeric(12,2) not null, created_at timestamptz not null default now())");
            s.execute("insert into ledger_entries (id, account_id, amount) select g, g % 10000,"
                    + " ((g % 20000) - 10000) / 100.0 from generate_series(1, " + rows + ") g");
            s.execute("vacuum (analyze, freeze) ledger_entries");
        }
        System.err.printf(Locale.ROOT, "built %,d rows in %.0f s%n", rows, (System.nanoTime() - started) / 1e9);
    }

    private static double bare(Connection c) throws Exception {
        c.setAutoCommit(false);
        long started = System.nanoTime();
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < 2; i++) {
                try (ResultSet rs = s.executeQuery("select count(*), sum(amount) from ledger_entries")) {
                    rs.next();
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static double checks(Connection c, InvariantGuard guard, MigrationScript script) throws Exception {
        c.setAutoCommit(false);
        long started = System.nanoTime();
        try {
            GuardResult r = guard.before(c, script, List.of(MIGRATION)).after(c);
            if (r.violated() || r.checked() != 2) {
                throw new IllegalStateException("the checks did not measure what the benchmark expects: " + r);
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static MigrationScript script() {
        String text = MIGRATION + ";\n";
        return new MigrationScript(new MigrationName(MigrationKind.VERSIONED, Version.parse("2"), "created at default"),
                Path.of("V2__created_at_default.sql"), "V2__created_at_default.sql", text, Checksums.sha256(text));
    }

    private static String fmt(List<Double> v) {
        return String.join(", ", v.stream().map(x -> String.format(Locale.ROOT, "%.3f", x)).toList());
    }
}
