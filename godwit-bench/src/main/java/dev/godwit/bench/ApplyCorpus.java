package dev.godwit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code apply} benchmark's migrations: N small Flyway-named files ({@code V1__…sql} to {@code VN__…sql})
 * that a team writes over the years: a table with its index and its first rows, a lookup row added, an
 * index on an earlier table. Every file passes Godwit's default gate (no risky statement on a table with data
 * in it: indexes go on tables created in the same run), and Flyway applies the same files.
 */
final class ApplyCorpus {

    private ApplyCorpus() {}

    /** Writes {@code n} files into {@code dir} (created); returns the number of statements in them. */
    static int write(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        int statements = 0;
        for (int v = 1; v <= n; v++) {
            StringBuilder sql = new StringBuilder();
            String name;
            switch (v % 4) {
                case 1 -> {
                    name = "create_t" + v;
                    statements += table(sql, v);
                }
                case 2 -> {
                    name = "lookup_rows_" + v;
                    statements += lookups(sql, v);
                }
                case 3 -> {
                    name = "index_t" + (v - 2);
                    statements += index(sql, v - 2);
                }
                default -> {
                    name = "create_t" + v + "_with_rows";
                    statements += table(sql, v);
                    statements += rows(sql, v);
                }
            }
            Files.writeString(dir.resolve("V" + v + "__" + name + ".sql"), sql);
        }
        return statements;
    }

    /** A table with money, a foreign-key-like column, its index. */
    private static int table(StringBuilder sql, int v) {
        sql.append(String.format(Locale.ROOT, """
                create table t%1$d (
                    id bigint generated always as identity primary key,
                    account_id bigint not null,
                    amount numeric(14,2) not null,
                    memo text,
                    created_at timestamptz not null default now()
                );
                create index t%1$d_account_idx on t%1$d (account_id);
                """, v));
        return 2;
    }

    /** Rows in the table the same file created (so no existing table's totals move). */
    private static int rows(StringBuilder sql, int v) {
        sql.append(String.format(Locale.ROOT, """
                insert into t%1$d (account_id, amount, memo) values
                    (1, 10.00, 'opening'), (2, 25.50, 'opening'), (3, 0.99, 'fee');
                insert into t%1$d (account_id, amount, memo)
                    select g %% 10, g / 100.0, 'seed ' || g from generate_series(1, 20) g;
                """, v));
        return 2;
    }

    /** Rows in a lookup table (no money in it), created by the first file that needs it. */
    private static int lookups(StringBuilder sql, int v) {
        int n = 0;
        if (v == 2) {
            sql.append("create table codes (code text primary key, label text not null);\n");
            n++;
        }
        sql.append(String.format(Locale.ROOT, "insert into codes (code, label) values ('c%1$d', 'code %1$d'),"
                + " ('d%1$d', 'other code %1$d');\n", v));
        return n + 1;
    }

    /** An index on the table two files back (created in the same run, so empty when a fresh run gets here). */
    private static int index(StringBuilder sql, int table) {
        sql.append(String.format(Locale.ROOT, "create index t%1$d_created_idx on t%1$d (created_at);\n", table));
        return 1;
    }
}
