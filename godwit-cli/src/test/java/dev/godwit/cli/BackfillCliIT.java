package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Batched backfills through the real CLI: a backfill killed with kill -9, and one stopped with SIGTERM, part-way,
 * resume at the next run and end with every row changed exactly once (the UPDATE adds 1 to a counter, which must be
 * 1 on every row); max_runtime stops with exit 12 and the next runs finish; what cannot be batched is refused.
 * Every wait is for an observable state (the progress row), never a fixed sleep.
 */
class BackfillCliIT extends CliTestBase {

    private static final int ROWS = 20_000;

    private void itemsTable() {
        write("V1__items.sql", "create table items (id bigint primary key, n int not null default 0, note text);\n"
                + "insert into items (id) select g from generate_series(1, " + ROWS + ") g;\n");
    }

    private void backfill(String directive) {
        write("V2__count_items.sql", "-- godwit:batch " + directive + "\nupdate items set n = n + 1;\n");
    }

    private RunningGodwit start(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = url();
        return RunningGodwit.start(godwit, all);
    }

    private long rowsDone() {
        if (!db.tableExists("godwit.backfill")) {
            return -1;
        }
        Object v = db.queryValue("select rows_done from godwit.backfill where script = 'V2__count_items.sql'");
        return v == null ? -1 : ((Number) v).longValue();
    }

    /** Waits until the backfill has committed at least {@code rows} rows (its progress row says so). */
    private void awaitRowsDone(long rows, RunningGodwit running) throws InterruptedException {
        long end = System.nanoTime() + RunningGodwit.GENEROUS.toNanos();
        while (rowsDone() < rows) {
            assertThat(running.process().isAlive()).as("the backfill ended before " + rows + " rows").isTrue();
            assertThat(System.nanoTime()).as("no " + rows + " rows done in time").isLessThan(end);
            Thread.sleep(20);
        }
    }

    private void assertEveryRowChangedOnce() {
        assertThat(db.count("select count(*) from items where n = 1")).isEqualTo(ROWS);
        assertThat(db.count("select count(*) from items where n <> 1")).isZero();
        assertThat(db.count("select count(*) from godwit.history where script = 'V2__count_items.sql' and success"))
                .isEqualTo(1);
        assertThat(db.count("select count(*) from godwit.backfill")).as("no progress row left").isZero();
    }

    @Test
    void killNineMidWayResumesAndChangesEveryRowOnce() throws Exception {
        itemsTable();
        backfill("size=500 pause=20ms");
        RunningGodwit migrate = start("migrate");
        awaitRowsDone(2_000, migrate);
        migrate.process().destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the server
        migrate.process().waitFor();
        long done = rowsDone();
        assertThat(done).isBetween(2_000L, (long) ROWS - 1);
        assertThat(done % 500).as("each batch is 500 keys in key order (not in the order of the key's text)").isZero();
        assertThat(String.valueOf(db.queryValue("select last_key from godwit.backfill"))).isEqualTo(String.valueOf(done));
        assertThat(db.count("select count(*) from items where n = 1")).as("committed batches = progress").isEqualTo(done);
        assertThat(db.count("select count(*) from godwit.history where script = 'V2__count_items.sql'")).isZero();

        GodwitProcess.Result status = run("status");
        assertThat(status.stdout()).as(status.toString()).contains("in progress (" + done + " rows");

        GodwitProcess.Result again = run("migrate");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.all()).contains("V2 count items backfill resumed after key");
        assertEveryRowChangedOnce();
    }

    @Test
    void sigtermMidWayStopsBetweenBatchesAndTheNextRunFinishes() throws Exception {
        itemsTable();
        backfill("size=500 pause=20ms");
        RunningGodwit migrate = start("migrate");
        awaitRowsDone(2_000, migrate);
        migrate.signal("TERM");
        GodwitProcess.Result r = migrate.finish();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(143);
        assertThat(r.stderr()).as(r.toString()).contains("interrupted by SIGTERM", "are committed, up to key id =",
                "the next `godwit migrate` resumes after that key");
        assertThat(db.count("select count(*) from items where n = 1")).isEqualTo(rowsDone());
        assertThat(db.tableExists("public.items")).as("V1 stays: the backfill needs it").isTrue();

        GodwitProcess.Result json = run("status", "--json");
        assertThat(json(json).at("/migrations/1/state").asText()).isEqualTo("in_progress");
        assertThat(json(json).at("/migrations/1/backfill/rowsDone").asLong()).isEqualTo(rowsDone());

        GodwitProcess.Result again = run("migrate");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertEveryRowChangedOnce();
        assertThat(String.valueOf(db.queryValue("select string_agg(details->>'phase', ',' order by seq)"
                + " from godwit.audit_log where action = 'backfill_progress'"))).startsWith("started,")
                .contains("resumed").endsWith("finished");
    }

    @Test
    void maxRuntimeStopsWithExit11AndLaterRunsFinish() {
        itemsTable();
        backfill("size=500 pause=100ms max_runtime=1s");
        GodwitProcess.Result first = run("migrate");
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(12);
        assertThat(first.stderr()).contains("stopped after max_runtime=1s");
        int runs = 1;
        GodwitProcess.Result next;
        do {
            next = run("migrate");
            runs++;
            assertThat(next.exitCode()).as(next.toString()).isIn(0, 12);
        } while (next.exitCode() == 12 && runs < 30);
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertEveryRowChangedOnce();
    }

    @Test
    void waitsWhileASessionQueuesForALockOnTheTableThenGoesOn() throws Exception {
        itemsTable();
        GodwitProcess.Result v1 = run("migrate");
        assertThat(v1.exitCode()).as(v1.toString()).isZero();
        try (java.sql.Connection reader = db.connect(); java.sql.Connection alterer = db.connect()) {
            reader.setAutoCommit(false);
            reader.createStatement().execute("select count(*) from items"); // ACCESS SHARE until rollback
            Thread alter = new Thread(() -> {
                try {
                    alterer.createStatement().execute("alter table items add column z int"); // queues behind it
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            alter.start();
            long end = System.nanoTime() + RunningGodwit.GENEROUS.toNanos();
            while (db.count("select count(*) from pg_locks where relation = 'items'::regclass and not granted") == 0) {
                assertThat(System.nanoTime()).as("the ALTER queues").isLessThan(end);
                Thread.sleep(20);
            }
            backfill("size=500 pause=0");
            RunningGodwit migrate = start("migrate", "--skip-preflight");
            migrate.awaitOutput("lock waits: 1 session(s) wait for a lock on the table", RunningGodwit.GENEROUS);
            assertThat(rowsDone()).as("no batch while a session waits for the table").isLessThanOrEqualTo(0);
            reader.rollback(); // the ALTER goes, the queue empties, the backfill goes on
            alter.join();
            GodwitProcess.Result r = migrate.finish();
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
        assertEveryRowChangedOnce();
        assertThat(newestReport()).as("the run report has the backfill's figures")
                .contains(String.format(java.util.Locale.ROOT, "backfill: %,d rows changed in", ROWS))
                .containsPattern("of it waiting \\(lock waits\\)");
    }

    private String newestReport() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir.resolve("reports"))) {
            return java.nio.file.Files.readString(files.filter(f -> f.toString().endsWith(".md"))
                    .max(java.util.Comparator.comparing(f -> f.getFileName().toString())).orElseThrow());
        }
    }

    @Test
    void aTableWithoutPrimaryKeyIsRefusedWithTheWayOut() {
        write("V1__loose.sql", "create table loose (id bigint, n int not null default 0);\n"
                + "insert into loose (id) select g from generate_series(1, 10) g;\n");
        write("V2__count.sql", "-- godwit:batch size=5 pause=0\nupdate loose set n = n + 1;\n");
        GodwitProcess.Result r = run("migrate");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("V2__count.sql:2:1", "has no primary key", "add key=<column>");
        assertThat(db.count("select count(*) from loose where n <> 0")).isZero();

        write("V2__count.sql", "-- godwit:batch size=5 pause=0 key=id\nupdate loose set n = n + 1;\n");
        GodwitProcess.Result named = run("migrate");
        assertThat(named.stderr()).as(named.toString()).contains("key=id: the column may be NULL");
    }

    @Test
    void twoStatementsOrTwoTablesAreRefusedBeforeAnythingRuns() {
        itemsTable();
        write("V2__count_items.sql", "-- godwit:batch size=500 pause=0\nupdate items set n = n + 1;\n"
                + "update other set n = 1;\n");
        GodwitProcess.Result r = run("migrate");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.all()).contains("V2__count_items.sql:3:1: a godwit:batch file holds exactly one data statement",
                "put each in a file of its own");
        write("V2__count_items.sql", "-- godwit:batch size=500 pause=0\n"
                + "with gone as (delete from items returning id) insert into other select id from gone;\n");
        GodwitProcess.Result cte = run("migrate");
        assertThat(cte.exitCode()).as(cte.toString()).isEqualTo(4);
        assertThat(cte.all()).contains("V2__count_items.sql:2:1: a WITH");
        assertThat(db.tableExists("public.items")).as("nothing ran").isFalse();
    }

    @Test
    void aResumedBackfillWhoseFileChangedIsRefused() throws Exception {
        itemsTable();
        backfill("size=500 pause=20ms");
        RunningGodwit migrate = start("migrate");
        awaitRowsDone(1_000, migrate);
        migrate.process().destroyForcibly();
        migrate.process().waitFor();
        write("V2__count_items.sql", "-- godwit:batch size=500 pause=20ms\nupdate items set n = n + 2;\n");
        GodwitProcess.Result r = run("migrate", "--lock-wait", "30s");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("changed since its backfill started", "restore the file as it was");
    }
}
