package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** goose's StatementBegin/End lines make one statement of what is between them, as goose sends it. */
class GooseStatementBlockTest {

    @Test
    void semicolonsInsideABlockDoNotCutAndTheLastOneIsNotSent() throws SqlSyntaxException {
        List<SqlStatement> s = StatementSplitter.split("""
                create table a (id int);
                -- +goose StatementBegin
                insert into a values (1);
                insert into a values (2);
                -- +goose StatementEnd
                select 1;
                """);
        assertThat(s).extracting(SqlStatement::text).containsExactly(
                "create table a (id int)",
                "insert into a values (1);\ninsert into a values (2)",
                "select 1");
        assertThat(s.get(1).line()).isEqualTo(3);
    }

    @Test
    void theMarkersAreReadInAnyCaseAndOtherCommentsAreNot() throws SqlSyntaxException {
        assertThat(StatementSplitter.gooseMarker("--  +GOOSE statementbegin")).isEqualTo("statementbegin");
        assertThat(StatementSplitter.gooseMarker("-- +goose NO TRANSACTION")).isEqualTo("notransaction");
        assertThat(StatementSplitter.gooseMarker("-- goose StatementBegin")).isEmpty();
        assertThat(StatementSplitter.split("-- a; b\nselect 1; select 2")).hasSize(2);
    }
}
