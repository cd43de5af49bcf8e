package dev.godwit.cli.torture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Forty migrations of the kinds a ledger project accumulates, with data: tables filled with thousands of rows,
 * columns added and backfilled, indexes (one built CONCURRENTLY, outside a transaction), views, functions,
 * constraints. Every transactional migration also writes its version into {@code applied_log} in its own
 * transaction, so a migration applied twice shows as a duplicate there. Values are computed, never drawn from a
 * sequence, so a run interrupted and resumed must end with exactly the rows of a clean run.
 */
final class MigrationSet {

    static final int SIZE = 40;
    /** The no-transaction migrations (they cannot log themselves atomically, so applied_log skips them). */
    static final int[] NO_TRANSACTION = {15, 31};

    private MigrationSet() {}

    static void writeTo(Path migrations) {
        try {
            Files.createDirectories(migrations);
            for (int v = 1; v <= SIZE; v++) {
                Files.writeString(migrations.resolve(String.format("V%d__step_%02d.sql", v, v)), sql(v));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean transactional(int v) {
        for (int n : NO_TRANSACTION) {
            if (n == v) {
                return false;
            }
        }
        return true;
    }

    /** The table that migration v works on: a new one every eight migrations. */
    private static String table(int v) {
        return "ledger_" + ((v - 2) / 8 + 1);
    }

    static String sql(int v) {
        if (v == 1) {
            return "create table applied_log (version int not null);\ninsert into applied_log values (1);\n";
        }
        if (!transactional(v)) {
            return "-- godwit:no-transaction\ncreate index concurrently if not exists " + table(v) + "_amount_idx on "
                    + table(v) + " (amount);\n";
        }
        String t = table(v);
        String body = switch ((v - 2) % 8) {
            case 0 -> "create table " + t + " (id bigint primary key, label text not null, amount numeric(12,2) not null);\n"
                    + "insert into " + t + " select g, 'row ' || g, g * 1.25 from generate_series(1, 4000) g;\n";
            case 1 -> "alter table " + t + " add column note_" + v + " text;\n"
                    + "update " + t + " set note_" + v + " = 'n' || id where id % 3 = 0;\n";
            case 2 -> "create index " + t + "_label_" + v + " on " + t + " (label);\n";
            case 3 -> "create view " + t + "_view_" + v + " as select id, label from " + t + " where id % 2 = 0;\n";
            case 4 -> "create function " + t + "_fn_" + v + "(x int) returns int language sql immutable as $$ select x + "
                    + v + " $$;\n";
            case 5 -> "-- godwit:expect-change " + t + ".amount any\n" + "insert into " + t + " select g, 'more ' || g, g * 0.5 from generate_series(4001, 6000) g;\n";
            case 6 -> "alter table " + t + " add constraint " + t + "_amount_nonnegative_" + v + " check (amount >= 0);\n";
            default -> "create table " + t + "_tags_" + v + " (id bigint primary key references " + t + " (id), tag text);\n"
                    + "insert into " + t + "_tags_" + v + " select id, 'tag' || (id % 7) from " + t + " where id % 5 = 0;\n";
        };
        return body + "insert into applied_log values (" + v + ");\n";
    }
}
