package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.testing.Fingerprint;
import dev.godwit.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the suite compares: the schema and data of a database, Godwit's history, a folder's files. */
final class State {

    private State() {}

    /**
     * The catalog and the data of the public schema: the core fixture's {@link Fingerprint} (columns,
     * constraints, index definitions, an md5 of each table's ordered rows) plus what it leaves out and an
     * interrupted run could get wrong: index validity (a killed CREATE INDEX CONCURRENTLY leaves an INVALID one),
     * views and functions.
     */
    static String catalog(TestDatabase owner) {
        TestDatabase db = TortureServer.asSuperuser(owner);
        return Fingerprint.of(db)
                + "\nindex validity:\n" + db.queryValue("select string_agg(c.relname || ' valid=' || i.indisvalid"
                        + " || ' ready=' || i.indisready, E'\\n' order by c.relname) from pg_index i"
                        + " join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = 'public'")
                + "\nviews:\n" + db.queryValue("select string_agg(viewname || ': ' || definition, E'\\n' order by viewname)"
                        + " from pg_views where schemaname = 'public'")
                + "\nfunctions:\n" + db.queryValue("select string_agg(pg_get_functiondef(p.oid), E'\\n' order by p.proname)"
                        + " from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'");
    }

    /** Godwit's history as a user reads it: version, kind, checksum, success, in order of rank. */
    static String history(TestDatabase owner) {
        TestDatabase db = TortureServer.asSuperuser(owner);
        if (!db.tableExists("godwit.history")) {
            return "(no history table)";
        }
        try {
            return String.valueOf(db.queryValue("select string_agg(coalesce(version, 'R') || ' ' || description || ' '"
                    + " || checksum || ' ' || success, E'\\n' order by installed_rank) from godwit.history"));
        } catch (IllegalStateException notGodwits) { // a table of another shape under that name: its rows as text
            return String.valueOf(db.queryValue("select string_agg(h::text, E'\\n' order by h::text) from godwit.history h"));
        }
    }

    /** Everything Godwit could change in a database: the public schema, its own schema and the snapshots. */
    static String everything(TestDatabase owner) {
        TestDatabase db = TortureServer.asSuperuser(owner);
        return catalog(db) + "\nhistory:\n" + history(db)
                + "\nschemas:\n" + db.queryValue("select string_agg(nspname, ',' order by nspname) from pg_namespace"
                        + " where nspname not like 'pg\\_%' and nspname <> 'information_schema'")
                + "\ntables:\n" + db.queryValue("select string_agg(schemaname || '.' || tablename, ',' order by 1)"
                        + " from pg_tables where schemaname not in ('pg_catalog', 'information_schema')");
    }

    /** Every file under a folder with its size and an md5, for "the files are unchanged". */
    static String files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(p);
                out.append(dir.relativize(p)).append(' ').append(bytes.length).append(' ')
                        .append(java.util.HexFormat.of().formatHex(md5(bytes))).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each transactional migration of the set ran exactly once, and the history says each is applied once. */
    static void assertAppliedExactlyOnce(TestDatabase owner, String context) {
        TestDatabase db = TortureServer.asSuperuser(owner);
        long transactional = java.util.stream.IntStream.rangeClosed(1, MigrationSet.SIZE)
                .filter(MigrationSet::transactional).count();
        assertThat(db.count("select count(*) from applied_log")).as(context).isEqualTo(transactional);
        assertThat(db.count("select count(distinct version) from applied_log")).as(context).isEqualTo(transactional);
        assertThat(db.count("select count(*) from godwit.history where success")).as(context).isEqualTo(MigrationSet.SIZE);
        assertThat(db.count("select count(distinct version) from godwit.history")).as(context).isEqualTo(MigrationSet.SIZE);
        assertThat(db.count("select count(*) from godwit.history where not success")).as(context).isZero();
        // Ranks are the order of application: versions ascend with them (nothing out of order, no gaps in meaning).
        assertThat(db.count("select count(*) from (select version, lag(version) over (order by installed_rank) prev"
                + " from godwit.history) h where string_to_array(prev, '.')::int[] > string_to_array(version, '.')::int[]"))
                .as(context).isZero();
    }
}
