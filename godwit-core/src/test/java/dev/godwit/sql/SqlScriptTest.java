package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlScriptTest {

    @Test
    void fileWithoutDirectivesHasNone() throws SqlSyntaxException {
        SqlScript script = SqlScript.parse("-- an ordinary comment\nselect 1;");
        assertThat(script.directives()).isEqualTo(FileDirectives.none());
        assertThat(script.statements()).hasSize(1);
    }

    @Test
    void fileLevelDirectives() throws SqlSyntaxException {
        SqlScript script = SqlScript.parse("""
                -- godwit:no-transaction
                --godwit:lock-timeout 5s
                -- godwit: statement-timeout 1h30m
                CREATE INDEX CONCURRENTLY i ON t (a);
                """);
        FileDirectives d = script.directives();
        assertThat(d.noTransaction()).isTrue();
        assertThat(d.lockTimeout()).contains(Duration.ofSeconds(5));
        assertThat(d.statementTimeout()).contains(Duration.ofMinutes(90));
    }

    @Test
    void allowBeforeFirstStatementIsForTheWholeFileAndLaterOnesForTheNextStatement() throws SqlSyntaxException {
        SqlScript script = SqlScript.parse("""
                -- godwit:allow rename-column because the app reads both names since v41
                select 1;
                -- godwit:allow add-not-null because  the table is empty in every environment\s
                -- an unrelated comment
                ALTER TABLE t ALTER c SET NOT NULL;
                select 3;
                -- godwit:allow drop-column BECAUSE done
                ALTER TABLE t DROP COLUMN d;
                """);
        assertThat(script.directives().allows()).containsExactly(
                new Allow("rename-column", "the app reads both names since v41", 1, -1),
                new Allow("add-not-null", "the table is empty in every environment", 3, 1),
                new Allow("drop-column", "done", 7, 3));
    }

    @Test
    void allowInsideAStatementAppliesToThatStatement() throws SqlSyntaxException {
        SqlScript script = SqlScript.parse("select 1;\nCREATE TABLE t (\n  -- godwit:allow x because y\n  a int);");
        assertThat(script.directives().allows()).containsExactly(new Allow("x", "y", 3, 1));
    }

    @Test
    void invariantsAndExpectedChanges() throws SqlSyntaxException {
        SqlScript script = SqlScript.parse("""
                -- godwit:invariant ledger_balances unchanged: SELECT sum(amount) FROM ledger WHERE ts < now()::date
                -- godwit:expect-change accounts.rows +0..+10%
                UPDATE accounts SET note = 'x';
                -- godwit:invariant no_orphans equals:0: SELECT count(*) FROM a LEFT JOIN b USING (id) WHERE b.id IS NULL
                """);
        assertThat(script.directives().invariants()).containsExactly(
                new InvariantDirective("ledger_balances", "unchanged",
                        "SELECT sum(amount) FROM ledger WHERE ts < now()::date", 1),
                new InvariantDirective("no_orphans", "equals:0",
                        "SELECT count(*) FROM a LEFT JOIN b USING (id) WHERE b.id IS NULL", 4));
        assertThat(script.directives().expectChanges())
                .containsExactly(new ExpectChange("accounts.rows", "+0..+10%", 2));
    }

    @Test
    void directiveTextInsideLiteralsAndBlockCommentsIsNotADirective() throws SqlSyntaxException {
        SqlScript script = SqlScript.parse("""
                select '
                -- godwit:no-transaction
                ';
                DO $$ BEGIN
                -- godwit:bogus
                END $$;
                /* -- godwit:lock-timeout forever */
                -- Godwit: reviewed by Ana
                -- godwit : prose, not a directive
                """);
        assertThat(script.directives()).isEqualTo(FileDirectives.none());
        assertThat(script.statements()).hasSize(2);
    }

    @Test
    void resourceFileReadsWhole() throws IOException, SqlSyntaxException {
        SqlScript script = SqlScript.parse(StatementSplitterTest.resource("sql/V3__accounts.sql"));
        assertThat(script.statements()).hasSize(4);
        assertThat(script.directives().lockTimeout()).contains(Duration.ofSeconds(5));
        assertThat(script.directives().allows()).containsExactly(
                new Allow("concurrent-index-in-migration", "the table is new and empty", 11, 1));
    }

    static Stream<Arguments> badDirectives() {
        String known = "known directives are no-transaction, lock-timeout, statement-timeout, allow, invariant, expect-change, batch, phase";
        return Stream.of(
                Arguments.of("select 1;\n  -- godwit:lock-timout 5s", 2, 3,
                        "unknown directive godwit:lock-timout (did you mean lock-timeout?); " + known),
                Arguments.of("-- godwit:notransaction", 1, 1,
                        "unknown directive godwit:notransaction (did you mean no-transaction?); " + known),
                Arguments.of("-- godwit:frobnicate", 1, 1, "unknown directive godwit:frobnicate; " + known),
                Arguments.of("-- godwit:", 1, 1, "'-- godwit:' needs a directive name; " + known),
                Arguments.of("-- godwit:lock-timeout soon", 1, 1,
                        "godwit:lock-timeout must be a duration such as 500ms, 2s, 15m or 1h (or 0 for no limit), not 'soon'"),
                Arguments.of("-- godwit:statement-timeout", 1, 1,
                        "godwit:statement-timeout must be a duration such as 500ms, 2s, 15m or 1h (or 0 for no limit), not ''"),
                Arguments.of("-- godwit:no-transaction please", 1, 1,
                        "godwit:no-transaction takes nothing after it, but has 'please'"),
                Arguments.of("-- godwit:lock-timeout 1s\n-- godwit:lock-timeout 2s", 2, 1,
                        "godwit:lock-timeout is given twice (first on line 1)"),
                Arguments.of("-- godwit:no-transaction\n-- godwit:no-transaction", 2, 1,
                        "godwit:no-transaction is given twice (first on line 1)"),
                Arguments.of("\nselect 1;\n-- godwit:no-transaction\nselect 2;", 3, 1,
                        "godwit:no-transaction must be at the top of the file, before the first statement (line 2)"),
                Arguments.of("select 1; -- godwit:statement-timeout 1s", 1, 11,
                        "godwit:statement-timeout must be at the top of the file, before the first statement (line 1)"),
                Arguments.of("-- godwit:allow rename-column", 1, 1,
                        "godwit:allow needs a rule id and a reason, as in '-- godwit:allow <rule-id> because <reason>',"
                                + " not 'rename-column'"),
                Arguments.of("-- godwit:allow rename-column because  ", 1, 1,
                        "godwit:allow needs a rule id and a reason, as in '-- godwit:allow <rule-id> because <reason>',"
                                + " not 'rename-column because'"),
                Arguments.of("-- godwit:allow", 1, 1,
                        "godwit:allow needs a rule id and a reason, as in '-- godwit:allow <rule-id> because <reason>'"),
                Arguments.of("select 1;\n-- godwit:allow x because y\n", 2, 1,
                        "godwit:allow after the last statement applies to nothing; put it just before the statement"
                                + " it allows, or at the top of the file to allow the rule for the whole file"),
                Arguments.of("-- godwit:invariant total unchanged SELECT 1", 1, 1,
                        "godwit:invariant needs a name, an expectation and a query, as in"
                                + " '-- godwit:invariant <name> <expectation>: <sql>', not 'total unchanged SELECT 1'"),
                Arguments.of("-- godwit:invariant total unchanged:", 1, 1,
                        "godwit:invariant needs a name, an expectation and a query, as in"
                                + " '-- godwit:invariant <name> <expectation>: <sql>', not 'total unchanged:'"),
                Arguments.of("-- godwit:invariant total: select 1", 1, 1,
                        "godwit:invariant needs a name, an expectation and a query, as in"
                                + " '-- godwit:invariant <name> <expectation>: <sql>', not 'total: select 1'"),
                Arguments.of("-- godwit:expect-change accounts", 1, 1,
                        "godwit:expect-change needs a target and a range, as in"
                                + " '-- godwit:expect-change <target> <range>', not 'accounts'"),
                Arguments.of("-- godwit:invariant total = 0: select 1", 1, 1,
                        "godwit:invariant total expects '= 0', which is not one of unchanged, zero, nonnegative,"
                                + " equals:<value> or no_rows"),
                Arguments.of("-- godwit:expect-change accounts.rows lots", 1, 1,
                        "godwit:expect-change accounts.rows needs a change such as +0..+100, -5..0, +10, +1..,"
                                + " +0..+10% or any, not 'lots'"),
                Arguments.of("-- godwit:expect-change accounts.rows +10..+1", 1, 1,
                        "godwit:expect-change accounts.rows needs a change such as +0..+100, -5..0, +10, +1..,"
                                + " +0..+10% or any, not '+10..+1'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDirectives")
    void badDirectivesAreErrorsAtTheirComment(String sql, int line, int column, String problem) {
        assertThatThrownBy(() -> SqlScript.parse(sql))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isEqualTo(column);
                });
    }

    @Test
    void zeroDurationMeansNoLimitAndIsKept() throws SqlSyntaxException {
        assertThat(SqlScript.parse("-- godwit:lock-timeout 0\nselect 1").directives().lockTimeout())
                .isEqualTo(Optional.of(Duration.ZERO));
    }

    @Test
    void nearestNameUsesEditDistance() {
        assertThat(Directives.unknown("lock-timout")).contains("did you mean lock-timeout?");
        assertThat(Directives.unknown("ALLOW")).contains("did you mean allow?");
        assertThat(Directives.unknown("rollback")).doesNotContain("did you mean");
        assertThat(Directives.unknown("transaction")).contains("did you mean no-transaction?");
        assertThat(Directives.unknown("alow")).contains("did you mean allow?");
        assertThat(Directives.unknown("statement_timeout")).contains("did you mean statement-timeout?");
    }

    @Test
    void valuesAreImmutable() throws SqlSyntaxException {
        SqlScript script = SqlScript.parse("-- godwit:allow a because b\nselect 1");
        assertThatThrownBy(() -> script.statements().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> script.directives().allows().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> script.statements().get(0).tokens().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
