package dev.godwit.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.integrity.TouchedTables.Touch;
import dev.godwit.sql.SqlScript;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TouchedTablesTest {

    static List<Touch> of(String sql) throws Exception {
        return TouchedTables.of(SqlScript.parse(sql).statements());
    }

    static List<String> tables(String sql) throws Exception {
        return of(sql).stream().map(Touch::table).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "insert into ledger_entries (amount) values (1)                     | ledger_entries",
        "UPDATE ONLY app.accounts a SET balance = 0 WHERE a.id = 1          | app.accounts",
        "delete from \"Ledger\" where amount = 0                            | \"Ledger\"",
        "merge into accounts a using staging s on a.id = s.id when matched then update set balance = s.b | accounts",
        "alter table if exists only accounts alter column balance type numeric(12,0) | accounts",
        "alter table accounts add column note text, drop column memo        | accounts",
        "alter table accounts add column note text, alter column balance type numeric(12,0) | accounts",
        "alter table accounts add constraint c check (balance >= 0) not valid, validate constraint d | accounts",
        "copy ledger_entries (id, amount) from stdin                        | ledger_entries",
        "with gone as (delete from ledger_entries where amount = 0 returning *) insert into archive select * from gone | ledger_entries,archive",
        "with x as (select 1) update accounts set balance = 1               | accounts",
    })
    void findsTheTargetOfEachDataChangingStatement(String sql, String expected) throws Exception {
        assertThat(tables(sql)).containsExactly(expected.split(","));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "select * from accounts for update",
        "select * from accounts for no key update",
        "grant select, update on accounts to app",
        "create trigger t before insert or update on accounts for each row execute function f()",
        "create table t (a int references accounts on delete cascade on update cascade)",
        "copy accounts to stdout",
        "copy (select * from accounts) to stdout",
        "alter table all in tablespace a set tablespace b",
        "create index on accounts (balance)",
        "alter table accounts add column note text",
        "alter table accounts add column fee numeric(12,2) default 0, add constraint fee_ok check (fee >= 0)",
        "alter table only accounts add foreign key (owner_id) references owners (id) not valid",
        "select post_transfer(1, 2, 100.00)",
    })
    void statementsThatChangeNoRowsNameNoTable(String sql) throws Exception {
        assertThat(tables(sql)).isEmpty();
    }

    @Test
    void truncateAndDropListEveryTableAndTruncateIsMarked() throws Exception {
        assertThat(of("truncate table only a, b * restart identity; drop table if exists c, s.d cascade"))
                .containsExactly(new Touch("a", true), new Touch("b", true), new Touch("c", false),
                        new Touch("s.d", false));
    }

    @Test
    void doBlocksAreReadForTheStatementsTheyRunNow() throws Exception {
        assertThat(tables("""
                DO $body$
                BEGIN
                  DELETE FROM ledger_entries WHERE amount = 0;
                  IF true THEN UPDATE accounts SET balance = 0; END IF;
                END $body$;
                CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ DELETE FROM transfers $$;
                """)).containsExactly("ledger_entries", "accounts");
    }

    @Test
    void eachTableOnceInOrderOfFirstMention() throws Exception {
        assertThat(of("update a set x = 1; truncate a; insert into b values (1); update a set x = 2"))
                .containsExactly(new Touch("a", true), new Touch("b", false));
    }
}
