package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Statements PostgreSQL can never run, refused when the file is read (validate, lint, plan, migrate) at their line. */
class StatementShapesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CREATE TABLE x (id int                                  | 1 | 16 | '(' opened here is never closed",
        "create table a (id int);\\ncreate table b (id int));     | 2 | 24 | ')' without a matching '('",
        "select 1;\\nupdate k set a = 1, a = 1 where id = 2         | 2 | 21 | UPDATE … SET gives column a two values",
        "update k set (a, b) = (1, 2), b = 3                     | 1 | 31 | UPDATE … SET gives column b two values",
        "insert into t (a, a) values (1, 2)                      | 1 | 19 | INSERT names column a twice",
        "insert into t as x (\"A\", b, \"A\") select 1, 2, 3     | 1 | 29 | INSERT names column A twice",
        "DROP INDEX CONCURRENTLY i1, i2                          | 1 | 27 | DROP INDEX CONCURRENTLY drops one index per statement",
    })
    void refusedAtTheirLine(String sql, int line, int column, String problem) {
        SqlSyntaxException e = catchThrowableOfType(() -> SqlScript.parse(sql.replace("\\n", "\n")),
                SqlSyntaxException.class);
        assertThat(e).as(sql).isNotNull();
        assertThat(e.problem()).startsWith(problem);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "update k set a[1] = 1, a[2] = 2",
        "update k set c.x = 1, c.y = 2 where id in (select id from k where a = 1)",
        "update k set (a, b) = (select a, b from j), c = 1",
        "update k set a = 1 from j where j.a = k.a and j.a = (1)",
        "insert into t (a, b) values (1, 2) on conflict (a) do update set b = excluded.b",
        "insert into t values (1, 1)",
        "drop index concurrently if exists i1",
        "drop index i1, i2",
        "create function f() returns int begin atomic select (1); end",
        "do $$ begin perform (1; end $$",
    })
    void validStatementsPass(String sql) {
        assertThatCode(() -> SqlScript.parse(sql)).as(sql).doesNotThrowAnyException();
    }
}
