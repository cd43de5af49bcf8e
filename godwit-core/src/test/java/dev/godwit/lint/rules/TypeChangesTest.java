package dev.godwit.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.lint.rules.TypeChanges.Kind;
import dev.godwit.sql.SqlScript;
import dev.godwit.sql.analysis.Action.AlterColumnType;
import dev.godwit.sql.analysis.Analyzer;
import dev.godwit.sql.analysis.TypeName;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Godwit's table of which ALTER COLUMN … TYPE changes rewrite, held against a real PostgreSQL: each change is
 * run on a table with a row and an index, and the table's and the index's files (relfilenode) tell what the
 * server did — a new table file is a rewrite, a new index file alone an index rebuild.
 */
@ExtendWith(PostgresExtension.class)
class TypeChangesTest {

    /** old type, new type, USING (or empty), what Godwit says. */
    private static final String[][] CASES = {
        {"varchar(10)", "varchar(20)", "", "CATALOG"},
        {"varchar(10)", "character varying", "", "CATALOG"},
        {"varchar(10)", "text", "", "CATALOG"},
        {"text", "varchar", "", "CATALOG"},
        {"varchar(10)", "varchar(5)", "", "REWRITE"},
        {"text", "varchar(10)", "", "REWRITE"},
        {"char(5)", "text", "", "REWRITE"},
        {"char(5)", "varchar(10)", "", "REWRITE"},
        {"char(5)", "char(10)", "", "REWRITE"},
        {"char", "char(1)", "", "CATALOG"},
        {"char(5)", "bpchar", "", "CATALOG"},
        {"text", "char(10)", "", "REWRITE"},
        {"numeric(10,2)", "numeric(12,2)", "", "CATALOG"},
        {"numeric(10,2)", "numeric", "", "CATALOG"},
        {"decimal(10)", "numeric(12)", "", "CATALOG"},
        {"numeric(10,2)", "numeric(12,3)", "", "REWRITE"},
        {"numeric(10,2)", "numeric(8,2)", "", "REWRITE"},
        {"numeric", "numeric(10,2)", "", "REWRITE"},
        {"integer", "bigint", "", "REWRITE"},
        {"serial", "bigint", "", "REWRITE"},
        {"bigint", "integer", "", "REWRITE"},
        {"integer", "numeric", "", "REWRITE"},
        {"real", "double precision", "", "REWRITE"},
        {"json", "jsonb", "", "REWRITE"},
        {"date", "timestamp", "", "REWRITE"},
        {"uuid", "text", "", "REWRITE"},
        {"inet", "cidr", "", "REWRITE"},
        {"cidr", "inet", "", "CATALOG"},
        {"timestamp(3)", "timestamp(6)", "", "CATALOG"},
        {"timestamp(3)", "timestamp", "", "CATALOG"},
        {"timestamp", "timestamp(6)", "", "CATALOG"},
        {"timestamp", "timestamp(3)", "", "REWRITE"},
        {"timestamptz(3)", "timestamptz(6)", "", "CATALOG"},
        {"time(3)", "time", "", "CATALOG"},
        {"interval(3)", "interval(6)", "", "CATALOG"},
        {"interval", "interval(3)", "", "REWRITE"},
        {"timestamp", "timestamptz", "", "UTC_ONLY"},
        {"timestamptz", "timestamp", "", "UTC_ONLY"},
        {"timestamp(3)", "timestamptz", "", "UTC_ONLY"},
        {"timestamp", "timestamptz(3)", "", "REWRITE"},
        {"varbit(5)", "varbit(10)", "", "CATALOG"},
        {"bit(5)", "varbit", "", "INDEXES"},
        {"varchar(10)[]", "varchar(20)[]", "", "REWRITE"},
        {"varchar(10)[]", "text[]", "", "REWRITE"},
        {"text", "text", "c", "CATALOG"},
        {"varchar(10)", "text", "c::text", "CATALOG"},
        {"varchar(10)", "varchar(20)", "CAST(c AS varchar(20))", "CATALOG"},
        {"text", "varchar(20)", "c::varchar(20)", "REWRITE"},
        {"text", "text", "lower(c)", "REWRITE"},
        {"timestamp", "timestamptz", "c AT TIME ZONE 'UTC'", "REWRITE"},
        {"text", "plain_text", "", "UNKNOWN"},
        {"text", "checked_text", "", "UNKNOWN"},
    };

    @Test
    void whatGodwitSaysIsWhatPostgresDoes(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("create domain plain_text as text");
            s.execute("create domain checked_text as text check (value <> '')");
            for (String[] k : CASES) {
                Kind said = TypeChanges.of(TypeName.parse(k[0]).orElseThrow(), change(k[1], k[2]), 15).kind();
                assertThat(said).as("%s → %s %s", k[0], k[1], k[2]).isEqualTo(Kind.valueOf(k[3]));
                if (said == Kind.UTC_ONLY) {
                    assertThat(observe(s, k, "UTC")).as("%s → %s in UTC", k[0], k[1]).isEqualTo(Kind.INDEXES);
                    assertThat(observe(s, k, "Europe/Paris")).as("%s → %s", k[0], k[1]).isEqualTo(Kind.REWRITE);
                } else if (said != Kind.UNKNOWN) {
                    assertThat(observe(s, k, "UTC")).as("%s → %s %s on PostgreSQL", k[0], k[1], k[2]).isEqualTo(said);
                }
            }
            // both outcomes exist behind a name Godwit does not know, which is why it says UNKNOWN
            assertThat(observe(s, new String[] {"text", "plain_text", ""}, "UTC")).isEqualTo(Kind.CATALOG);
            assertThat(observe(s, new String[] {"text", "checked_text", ""}, "UTC")).isEqualTo(Kind.REWRITE);
        }
    }

    @Test
    void beforePostgres12TimestampToTimestamptzAlwaysRewrites() throws Exception {
        TypeName ts = TypeName.parse("timestamp").orElseThrow();
        assertThat(TypeChanges.of(ts, change("timestamptz", ""), 11).kind()).isEqualTo(Kind.REWRITE);
        assertThat(TypeChanges.of(ts, change("timestamptz", ""), 12).kind()).isEqualTo(Kind.UTC_ONLY);
    }

    private static AlterColumnType change(String type, String using) throws Exception {
        String sql = "alter table t alter column c type " + type + (using.isEmpty() ? "" : " using " + using);
        return (AlterColumnType) Analyzer.analyze(SqlScript.parse(sql).statements().get(0)).actions().get(0);
    }

    /** Runs the change on a one-row table with an index on the column, and reads what PostgreSQL did. */
    private static Kind observe(Statement s, String[] k, String timeZone) throws Exception {
        s.execute("set timezone = '" + timeZone + "'");
        s.execute("drop table if exists t");
        s.execute("create table t (c " + k[0] + ")");
        boolean indexed = !k[0].equals("json"); // json has no btree operator class
        if (indexed) {
            s.execute("create index t_c on t (c)");
        }
        s.execute("insert into t values (" + sample(k[0]) + ")");
        long table = fileOf(s, "t");
        long index = indexed ? fileOf(s, "t_c") : 0;
        s.execute("alter table t alter column c type " + k[1] + (k[2].isEmpty() ? "" : " using " + k[2]));
        return fileOf(s, "t") != table ? Kind.REWRITE
                : indexed && fileOf(s, "t_c") != index ? Kind.INDEXES : Kind.CATALOG;
    }

    private static String sample(String type) {
        if (type.endsWith("[]")) {
            return "'{ab}'";
        }
        String t = type.replaceAll("\\(.*", "");
        return switch (t) {
            case "integer", "bigint", "serial", "numeric", "decimal", "real" -> "1";
            case "timestamp", "timestamptz", "date" -> "'2020-01-01 10:00:00.123456'";
            case "time" -> "'10:00:00.123456'";
            case "interval" -> "'1 day 0.123456 seconds'";
            case "bit", "varbit" -> "B'10101'";
            case "inet", "cidr" -> "'10.0.0.0/8'";
            case "json" -> "'{\"a\": 1}'";
            case "uuid" -> "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'";
            default -> "'a'";
        };
    }

    private static long fileOf(Statement s, String relation) throws Exception {
        try (ResultSet r = s.executeQuery("select relfilenode from pg_class where relname = '" + relation + "'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
