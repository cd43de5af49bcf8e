package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    private static List<String> texts(String sql) throws SqlSyntaxException {
        return StatementSplitter.split(sql).stream().map(SqlStatement::text).toList();
    }

    @Test
    void splitsAtSemicolonsAndDropsTheSemicolon() throws SqlSyntaxException {
        assertThat(texts("select 1; select 2;")).containsExactly("select 1", "select 2");
    }

    @Test
    void lastStatementNeedsNoSemicolon() throws SqlSyntaxException {
        assertThat(texts("select 1;\nselect 2\n")).containsExactly("select 1", "select 2");
    }

    @Test
    void emptyStatementsAndCommentOnlyTextGiveNothing() throws SqlSyntaxException {
        assertThat(texts(";;  ;\n")).isEmpty();
        assertThat(texts("-- just a note\n/* and another; */\n")).isEmpty();
        assertThat(texts("")).isEmpty();
        assertThat(texts("select 1;; ;select 2")).containsExactly("select 1", "select 2");
    }

    @Test
    void semicolonsInsideLiteralsAndCommentsDoNotSplit() throws SqlSyntaxException {
        assertThat(texts("insert into t values ('a;b', E'c\\';d', $$e;f$$, $x$g;h$x$, \"i;j\"); select 2"))
                .containsExactly("insert into t values ('a;b', E'c\\';d', $$e;f$$, $x$g;h$x$, \"i;j\")", "select 2");
        assertThat(texts("select 1 -- not here; \n + 1; select /* nor; here */ 2"))
                .containsExactly("select 1 -- not here; \n + 1", "select /* nor; here */ 2");
    }

    @Test
    void semicolonsInsideParenthesesDoNotSplit() throws SqlSyntaxException {
        assertThat(texts("select (1; 2); select 3")).containsExactly("select (1; 2)", "select 3");
    }

    @Test
    void commentsAroundAStatementAreNotPartOfItButInnerOnesAre() throws SqlSyntaxException {
        List<SqlStatement> s = StatementSplitter.split("-- intro\n/* more */ select /* inner */ 1 -- trailing\n;");
        assertThat(s).hasSize(1);
        assertThat(s.get(0).text()).isEqualTo("select /* inner */ 1");
        // whitespace is not a token of a statement (its text still has it): only what PostgreSQL reads, and comments
        assertThat(s.get(0).tokens()).extracting(Token::text).containsExactly("select", "/* inner */", "1");
        assertThat(s.get(0).line()).isEqualTo(2);
        assertThat(s.get(0).column()).isEqualTo(12);
    }

    @Test
    void doBlockAndDollarQuotedFunctionBodiesAreOneStatement() throws SqlSyntaxException {
        String sql = """
                DO $$
                BEGIN
                  UPDATE t SET a = 1;
                  IF true THEN RAISE NOTICE 'x;'; END IF;
                END
                $$;
                CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $fn$
                BEGIN
                  RETURN 1;
                END;
                $fn$;
                select 1;
                """;
        List<String> texts = texts(sql);
        assertThat(texts).hasSize(3);
        assertThat(texts.get(0)).startsWith("DO $$").endsWith("END\n$$");
        assertThat(texts.get(1)).startsWith("CREATE OR REPLACE FUNCTION").endsWith("$fn$");
        assertThat(texts.get(2)).isEqualTo("select 1");
    }

    @Test
    void beginAtomicBodyWithCaseEndIsOneStatement() throws SqlSyntaxException {
        String sql = """
                CREATE FUNCTION grade(score int) RETURNS text LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN score > 90 THEN 'A' ELSE 'B' END;
                  SELECT 'done; really';
                END;
                CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END;
                select 3;
                """;
        List<String> texts = texts(sql);
        assertThat(texts).hasSize(3);
        assertThat(texts.get(0)).startsWith("CREATE FUNCTION grade").endsWith("SELECT 'done; really';\nEND");
        assertThat(texts.get(1)).isEqualTo(
                "CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END");
        assertThat(texts.get(2)).isEqualTo("select 3");
    }

    @Test
    void wordsInsideParenthesesDoNotOpenBlocks() throws SqlSyntaxException {
        // psql only counts BEGIN/CASE/END at parenthesis depth 0: a parameter named "begin" changes nothing.
        assertThat(texts("CREATE FUNCTION f(begin int) RETURNS int RETURN (CASE WHEN begin > 0 THEN 1 END); select 2"))
                .containsExactly("CREATE FUNCTION f(begin int) RETURNS int RETURN (CASE WHEN begin > 0 THEN 1 END)",
                        "select 2");
    }

    @Test
    void unbalancedParenthesesKeepTheRestInOneStatement() throws SqlSyntaxException {
        // As in psql: an unclosed '(' swallows the following semicolons; a stray ')' is ignored.
        assertThat(texts("select (1; select 2; select 3")).containsExactly("select (1; select 2; select 3");
        assertThat(texts("select 1); select 2")).containsExactly("select 1)", "select 2");
    }

    @Test
    void beginOutsideRoutineDefinitionsIsTransactionControl() throws SqlSyntaxException {
        assertThat(texts("BEGIN; select case when true then 1 end; END; COMMIT;"))
                .containsExactly("BEGIN", "select case when true then 1 end", "END", "COMMIT");
        // psql's heuristic needs the routine keywords at the very start: CREATE TABLE begin(...) is unaffected.
        assertThat(texts("CREATE TABLE t (begin int); select 1")).containsExactly("CREATE TABLE t (begin int)", "select 1");
    }

    @Test
    void caseOutsideBeginDoesNotCountInRoutines() throws SqlSyntaxException {
        // CASE ... END before any BEGIN: psql counts neither, so the ';' after the END splits.
        assertThat(texts("CREATE FUNCTION f() RETURNS int RETURN CASE WHEN true THEN 1 END; select 2"))
                .containsExactly("CREATE FUNCTION f() RETURNS int RETURN CASE WHEN true THEN 1 END", "select 2");
    }

    @Test
    void endGluedToANumberDoesNotCloseABlock() throws SqlSyntaxException {
        // psql 15+ reads "1end" as one (invalid) number, so the block closes at the END after it.
        assertThat(texts("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1end; END; select 2"))
                .containsExactly("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1end; END", "select 2");
    }

    @Test
    void standardConformingStringsOffMovesTheCutsOfTheNextLines() throws SqlSyntaxException {
        String sql = """
                SET standard_conforming_strings = off;
                insert into t values ('it\\'s; one statement');
                SET standard_conforming_strings = on;
                insert into t values ('a backslash\\'); select 2;
                """;
        assertThat(texts(sql)).containsExactly("SET standard_conforming_strings = off",
                "insert into t values ('it\\'s; one statement')", "SET standard_conforming_strings = on",
                "insert into t values ('a backslash\\')", "select 2");
    }

    @Test
    void offsetsLinesAndColumnsPointAtTheText() throws SqlSyntaxException {
        String sql = "  select 1;\r\n\r\n\tselect\r\n  2 ;";
        List<SqlStatement> s = StatementSplitter.split(sql);
        assertThat(s).hasSize(2);
        assertThat(s.get(0)).extracting(SqlStatement::line, SqlStatement::column, SqlStatement::startOffset,
                SqlStatement::endOffset).containsExactly(1, 3, 2, 10);
        assertThat(s.get(1).text()).isEqualTo("select\r\n  2");
        assertThat(s.get(1).line()).isEqualTo(3);
        assertThat(s.get(1).column()).isEqualTo(2);
        assertThat(sql.substring(s.get(1).startOffset(), s.get(1).endOffset())).isEqualTo(s.get(1).text());
    }

    @Test
    void realisticMultiLineFileFromResources() throws IOException, SqlSyntaxException {
        String sql = resource("sql/V3__accounts.sql");
        List<SqlStatement> s = StatementSplitter.split(sql);
        assertThat(s).extracting(SqlStatement::summary).containsExactly(
                "CREATE TABLE accounts (…",
                "CREATE UNIQUE INDEX CONCURRENTLY accounts_iban ON accounts (iban)",
                "CREATE FUNCTION balance_of(acc bigint) RETURNS numeric LANGUAGE sql STABLE…",
                "INSERT INTO accounts (iban, note) VALUES ('DE00;1', 'it''s -- fine'), ('DE00;2'…");
        assertThat(s).extracting(SqlStatement::line).containsExactly(4, 13, 15, 21);
        for (SqlStatement st : s) {
            assertThat(sql.substring(st.startOffset(), st.endOffset())).isEqualTo(st.text());
        }
    }

    @Test
    void psqlMetaCommandIsAnErrorAtItsPosition() {
        assertThatThrownBy(() -> StatementSplitter.split("select 1;\n  \\set x 1\nselect :x;"))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(3);
                    assertThat(e.problem()).isEqualTo("psql meta-command \\set is not SQL: Godwit runs plain SQL files;"
                            + " replace it with SQL or a ${placeholder}");
                });
    }

    @Test
    void backslashInsideLiteralsIsNotAMetaCommand() throws SqlSyntaxException {
        assertThat(texts("select '\\set', $$\\i x$$, \"\\d\" /* \\q */; -- \\c db"))
                .containsExactly("select '\\set', $$\\i x$$, \"\\d\"");
    }

    @Test
    void lexerErrorsComeThrough() {
        assertThatThrownBy(() -> StatementSplitter.split("select 1;\nselect 'oops"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage("line 2:8: unterminated quoted string (started here)");
    }

    @Test
    void wordsAreUpperCasedUnquotedIdentifiers() throws SqlSyntaxException {
        SqlStatement s = StatementSplitter.split("Create index \"Concurrently\" on t(x) -- Comment\n").get(0);
        assertThat(s.words()).containsExactly("CREATE", "INDEX", "ON", "T", "X");
    }

    @Test
    void summaryIsTheFirstLineCutAt80() throws SqlSyntaxException {
        assertThat(StatementSplitter.split("select 1").get(0).summary()).isEqualTo("select 1");
        assertThat(StatementSplitter.split("select\n 1").get(0).summary()).isEqualTo("select…");
        // Windows and old Mac line ends: the first break, whichever it is
        assertThat(StatementSplitter.split("select\r\n 1").get(0).summary()).isEqualTo("select…");
        assertThat(StatementSplitter.split("select\r 1\n + 2").get(0).summary()).isEqualTo("select…");
        assertThat(StatementSplitter.split("select 1\n +\r 2").get(0).summary()).isEqualTo("select 1…");
        String longLine = "select " + "x, ".repeat(40) + "y";
        String summary = StatementSplitter.split(longLine).get(0).summary();
        assertThat(summary).hasSizeLessThanOrEqualTo(80).hasSizeGreaterThan(70).endsWith("…").startsWith("select x, x,");
        String exactly80 = "select " + "x".repeat(73);
        assertThat(StatementSplitter.split(exactly80).get(0).summary()).isEqualTo(exactly80);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = StatementSplitterTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
