package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchStatementTest {

    private static BatchStatement batch(String file) throws SqlSyntaxException {
        SqlScript s = SqlScript.parse(file);
        return BatchStatement.of(s.statements(), s.directives());
    }

    private static String problem(String file) {
        try {
            batch(file);
        } catch (SqlSyntaxException e) {
            return e.line() + ":" + e.column() + ": " + e.problem();
        }
        throw new AssertionError("accepted: " + file);
    }

    @Test
    void readsTheDirective() throws SqlSyntaxException {
        FileDirectives d = SqlScript.parse("-- godwit:batch size=10_000 pause=50ms key=Ref max_lag=10s max_runtime=30m\n"
                + "update t set a = 1").directives();
        assertThat(d.batch()).contains(new BatchDirective(10_000, Duration.ofMillis(50), Optional.of("ref"),
                Optional.of(Duration.ofSeconds(10)), Optional.of(Duration.ofMinutes(30)), 1));
    }

    @Test
    void refusesWhatTheDirectiveCannotMean() {
        assertThatThrownBy(() -> SqlScript.parse("-- godwit:batch size=10\nupdate t set a = 1"))
                .hasMessageContaining("godwit:batch needs pause=");
        assertThatThrownBy(() -> SqlScript.parse("-- godwit:batch size=0 pause=1s\nupdate t set a = 1"))
                .hasMessageContaining("size= needs a whole number");
        assertThatThrownBy(() -> SqlScript.parse("-- godwit:batch size=5 pause=1s max_lg=1s\nupdate t set a = 1"))
                .hasMessageContaining("did you mean max_lag?");
        assertThatThrownBy(() -> SqlScript.parse("update t set a = 1;\n-- godwit:batch size=5 pause=1s\n"))
                .hasMessageContaining("must be at the top of the file");
    }

    @Test
    void addsTheKeyRangeToTheUpdatesOwnCondition() throws SqlSyntaxException {
        BatchStatement b = batch("-- godwit:batch size=5 pause=0\nUPDATE accounts a SET n = n + 1 FROM x WHERE a.k = x.k OR a.z");
        assertThat(b.table()).isEqualTo("accounts");
        assertThat(b.qualifier()).isEqualTo("a");
        assertThat(b.sql("R")).isEqualTo("UPDATE accounts a SET n = n + 1 FROM x WHERE (a.k = x.k OR a.z) AND R");
        assertThat(batch("-- godwit:batch size=5 pause=0\nupdate s.t set n = (select 1 where true)").sql("R"))
                .isEqualTo("update s.t set n = (select 1 where true) WHERE R");
        assertThat(batch("-- godwit:batch size=5 pause=0\nupdate s.t set n = 1").qualifier()).isEqualTo("t");
    }

    @Test
    void deleteAndInsertSelect() throws SqlSyntaxException {
        assertThat(batch("-- godwit:batch size=5 pause=0\ndelete from t where old").sql("R"))
                .isEqualTo("delete from t WHERE (old) AND R");
        BatchStatement i = batch("-- godwit:batch size=5 pause=0\ninsert into b (x) select x from a src where x > 0"
                + " on conflict do nothing");
        assertThat(i.table()).isEqualTo("a");
        assertThat(i.qualifier()).isEqualTo("src");
        assertThat(i.sql("R")).isEqualTo("insert into b (x) select x from a src WHERE (x > 0) AND R on conflict do nothing");
    }

    @Test
    void refusesWhatCannotBeBatchedAtItsLine() {
        String top = "-- godwit:batch size=5 pause=0\n";
        assertThat(problem(top + "update a set x = 1;\nupdate b set x = 1;"))
                .startsWith("3:1: a godwit:batch file holds exactly one data statement");
        assertThat(problem(top + "with m as (delete from a returning *) insert into b select * from m"))
                .startsWith("2:1: a WITH");
        assertThat(problem(top + "alter table a add column x int")).contains("runs one UPDATE, DELETE or INSERT");
        assertThat(problem(top + "update a set x = 1 returning id")).startsWith("2:20: RETURNING cannot be batched");
        assertThat(problem(top + "insert into b values (1)")).contains("has nothing to batch");
        assertThat(problem(top + "insert into b select * from a join c on true")).contains("JOIN cannot be batched");
        assertThat(problem(top + "insert into b select * from a, c")).contains("a second table after FROM");
        assertThat(problem(top + "insert into b select * from a where x group by y")).contains("GROUP cannot be batched");
        assertThat(problem("-- godwit:no-transaction\n" + top + "update a set x = 1")).contains("do not go together");
        assertThat(problem(top)).contains("has no statement");
    }
}
